"""Test-wide settings: draw without a screen; mark the notebook runs.

pytest runs on both cores with ``--dist loadscope``: a scope (a module, or a class) goes to one
worker whole. nbval's items are a notebook's cells, which must run in order in one kernel; their
scope is their notebook. The student-edition and browser tests make a class per notebook, so the
notebooks spread over the workers.
"""
import pathlib

import matplotlib
import pytest

matplotlib.use("Agg")


def pytest_collection_modifyitems(items):
    """Mark nbval's items ``notebook``, so ``-m "not notebook"`` skips them."""
    for item in items:
        if pathlib.Path(str(item.fspath)).suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
