"""Test-wide settings: draw without a screen; the two tiers of the suite; the order of the runs.

Two tiers:
- ``pytest`` runs the unit tests and executes every notebook once, through its student edition:
  the student copy runs to the end, the instructor's solutions then pass in the same kernel, and
  the cells marked ``# NBVAL_CHECK_OUTPUT`` print what the instructor edition stored
  (tests/test_student_edition.py). About two and a half minutes on two cores.
- ``pytest --full`` (what CI runs) adds nbval on every instructor notebook and the browser test
  (JupyterLab in Chromium), which execute each notebook twice more.

pytest runs on both cores with ``--dist loadscope``: a scope (a module, or a class) goes to one
worker whole. nbval's items are a notebook's cells, which must run in order in one kernel; their
scope is their notebook. The student-edition and browser tests make a class per notebook, so the
notebooks spread over the workers. The notebook runs go first, the slowest first (the later
notebooks train more), and the quick unit tests fill the gaps at the end.
"""
import pathlib

import matplotlib
import pytest

matplotlib.use("Agg")


def pytest_addoption(parser):
    parser.addoption("--full", action="store_true",
                     help="also run nbval on the instructor notebooks and the browser test "
                          "(what CI runs)")


def pytest_report_header(config):
    if not config.getoption("--full"):
        return ("quick tier: every notebook once, through its student edition; "
                "`pytest --full` adds nbval on the instructor notebooks and the browser test")
    return "full tier: also nbval on the instructor notebooks and the browser test"


def is_nbval_cell(item):
    return pathlib.Path(str(item.fspath)).suffix == ".ipynb"


def notebook_of(item):
    """The notebook an item executes (its file name's stem), or None for a unit test."""
    if is_nbval_cell(item):
        return pathlib.Path(str(item.fspath)).stem
    path = getattr(getattr(item, "cls", None), "path", None)
    return path.stem if isinstance(path, pathlib.Path) else None


def named_files(config):
    """The files named on the command line (``pytest notebooks/05_x.ipynb`` runs that notebook)."""
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        return set()
    return {pathlib.Path(arg.split("::")[0]).resolve() for arg in config.args}


def pytest_collection_modifyitems(config, items):
    """Mark nbval's items ``notebook``; keep the full tier for ``--full`` or for files named on the
    command line; the slowest runs first."""
    for item in items:
        if is_nbval_cell(item):
            item.add_marker(pytest.mark.notebook)
    if not config.getoption("--full"):
        named = named_files(config)
        full_only = [item for item in items
                     if (is_nbval_cell(item) or item.get_closest_marker("browser"))
                     and pathlib.Path(str(item.fspath)).resolve() not in named]
        if full_only:
            config.hook.pytest_deselected(items=full_only)
            dropped = set(full_only)
            items[:] = [item for item in items if item not in dropped]
    # A stable sort: a notebook's cells keep their order. The student runs, then nbval, then the
    # browser (a module's fixtures, like its JupyterLab server, start once per worker), each the
    # later notebooks first; the unit tests last. pyproject.toml turns off xdist's own reordering
    # (by the number of tests in a scope), which would put the one-test notebook classes last.
    stems = sorted({notebook_of(item) for item in items} - {None}, reverse=True)
    rank = {stem: position for position, stem in enumerate(stems)}
    items.sort(key=lambda item: (kind(item), rank.get(notebook_of(item), len(rank))))


def kind(item):
    """The order of the kinds of run: student editions, nbval, browser, unit tests."""
    if notebook_of(item) is None:
        return 3
    if is_nbval_cell(item):
        return 1
    return 2 if item.get_closest_marker("browser") else 0
