"""Read the committed notebooks as a reader on GitHub, Colab or nbval would meet them."""
import json
import pathlib
import re

import pytest

from utils import checks

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
STUDENT = sorted((ROOT / "student").glob("*.ipynb"))
BOTH_EDITIONS = NOTEBOOKS + STUDENT
MAX_LINE = 100  # longer code lines are cut off in JupyterLab beside the file browser
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# What JupyterLab stores for a Python kernel; a notebook missing any is marked modified on open.
LANGUAGE_INFO_KEYS = {"codemirror_mode", "file_extension", "mimetype", "name", "nbconvert_exporter",
                      "pygments_lexer", "version"}
SETUP_CELL = (ROOT / "tools" / "setup_cell.py").read_text().strip()
COLAB = "https://colab.research.google.com/github/deep-learning-course/intro-to-deep-learning/blob/main/"
MACHINE_PATH = re.compile(r"(/home/|/Users/|/root/|/tmp/|/work/|site-packages|C:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def text_of(output):
    data = output.get("data", {})
    return "".join(output.get("text", "")) + "".join(data.get("text/plain", "")) + "".join(data.get("text/html", ""))


def test_the_course_map_lists_exactly_the_notebooks_in_both_editions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [path.name for path in NOTEBOOKS]
    for edition in ("notebooks", "student"):
        linked = set(re.findall(rf"\]\({edition}/(\d\d_[a-z0-9_]+\.ipynb)\)", readme))
        assert linked == set(names), edition
        badges = set(re.findall(rf"{re.escape(COLAB)}{edition}/(\d\d_[a-z0-9_]+\.ipynb)", readme))
        assert badges == set(names), f"a Colab badge per {edition} notebook"
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name) for name in names), names
    for name in names:  # the student edition first in each row
        row = next(line for line in readme.splitlines() if f"(notebooks/{name})" in line)
        assert row.index(f"student/{name}") < row.index(f"notebooks/{name}"), name


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=lambda path: f"{path.parent.name}/{path.name}")
class TestBothEditions:
    def test_code_lines_fit_beside_the_file_browser(self, path):
        for index, cell in enumerate(code_cells(load(path))):
            for line in "".join(cell["source"]).splitlines():
                assert len(line) <= MAX_LINE, f"code cell {index}: {len(line)} characters: {line!r}"

    def test_no_widget_view_needs_a_live_kernel(self, path):
        notebook = load(path)
        assert "widgets" not in notebook["metadata"]
        for index, cell in enumerate(code_cells(notebook)):
            for output in cell.get("outputs", []):
                assert WIDGET_VIEW not in output.get("data", {}), f"code cell {index} stores a widget view"

    def test_metadata_is_what_jupyterlab_would_store(self, path):
        metadata = load(path)["metadata"]
        assert set(metadata) == {"kernelspec", "language_info"}
        assert set(metadata["language_info"]) == LANGUAGE_INFO_KEYS
        assert metadata["kernelspec"] == {"display_name": "Python 3 (ipykernel)", "language": "python",
                                          "name": "python3"}

    def test_no_errors_stderr_progress_bars_or_warnings(self, path):
        for index, cell in enumerate(code_cells(load(path))):
            for output in cell.get("outputs", []):
                text = text_of(output)
                assert output["output_type"] != "error", f"code cell {index} stores an error"
                assert output.get("name") != "stderr", f"code cell {index} stores stderr: {text[:200]!r}"
                assert "\r" not in text and "\x08" not in text, f"code cell {index} stores a progress bar"
                assert not re.search(r"\w+Warning\b", text), f"code cell {index} stores a warning: {text[:200]!r}"

    def test_title_and_colab_badge_point_here(self, path):
        first = load(path)["cells"][0]
        source = "".join(first["source"])
        assert first["cell_type"] == "markdown" and source.startswith("# ")
        assert f"({COLAB}{path.parent.name}/{path.name})" in source, "the badge must open this copy"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
class TestNotebook:
    def test_kernelspec_is_python3(self, path):
        assert load(path)["metadata"]["kernelspec"]["name"] == "python3"

    def test_executed_in_order(self, path):
        counts = [cell["execution_count"] for cell in code_cells(load(path)) if "".join(cell["source"]).strip()]
        assert counts == list(range(1, len(counts) + 1))

    def test_no_machine_paths_in_outputs(self, path):
        for index, cell in enumerate(code_cells(load(path))):
            for output in cell.get("outputs", []):
                assert not MACHINE_PATH.search(text_of(output)), f"code cell {index} shows a machine path"

    def test_setup_cell_is_the_course_one(self, path):
        assert "".join(code_cells(load(path))[0]["source"]).strip() == SETUP_CELL

    def test_draws_figures(self, path):
        outputs = [output for cell in code_cells(load(path)) for output in cell.get("outputs", [])]
        assert sum("image/png" in output.get("data", {}) for output in outputs) >= 2

    def test_has_nbval_checked_cells(self, path):
        sources = ["".join(cell["source"]) for cell in code_cells(load(path))]
        assert sum("# NBVAL_CHECK_OUTPUT" in source for source in sources) >= 1

    def test_exercises_follow_the_format(self, path):
        cells = load(path)["cells"]
        solutions = [i for i, cell in enumerate(cells) if "solution" in cell["metadata"].get("tags", [])]
        assert 3 <= len(solutions) <= 4, f"expected 3-4 exercises, found {len(solutions)}"
        defines = 0
        for number, i in enumerate(solutions, start=1):
            source = "".join(cells[i]["source"])
            assert "### BEGIN SOLUTION" in source and "### END SOLUTION" in source
            defines += bool(re.search(r"^def \w+\(", source, flags=re.M))
            assert cells[i - 1]["cell_type"] == "markdown", "an exercise starts with its prompt"
            check = "".join(cells[i + 1]["source"])
            assert cells[i + 1]["cell_type"] == "code", "a check cell follows each solution"
            called = re.findall(r"checks\.(check_\w+)\(", check)
            assert called, f"exercise {number}: its check cell calls no checks.check_...()"
            for name in called:
                number_of_check = getattr(getattr(checks, name, None), "exercise_number", None)
                assert number_of_check == number, f"{name} says exercise {number_of_check}, is {number}"
        assert defines >= 1, "at least one exercise has the student write a function"

    def test_listed_in_readme(self, path):
        assert f"notebooks/{path.name}" in (ROOT / "README.md").read_text(encoding="utf-8")
