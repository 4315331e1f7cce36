"""Test-wide settings: draw without a screen; keep each notebook's cells on one xdist worker."""
import pathlib

import matplotlib
import pytest

matplotlib.use("Agg")


def pytest_collection_modifyitems(items):
    """nbval's items are a notebook's cells, which must run in order in one kernel: group them
    by notebook (``--dist loadgroup``), and mark them ``notebook`` so ``-m "not notebook"`` skips
    them. Every other test is spread over the workers one by one."""
    for item in items:
        path = pathlib.Path(str(item.fspath))
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
            item.add_marker(pytest.mark.xdist_group(path.name))
