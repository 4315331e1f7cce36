"""Read the committed notebooks as a reader on GitHub, Colab or nbval would meet them."""
import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SETUP_CELL = (ROOT / "tools" / "setup_cell.py").read_text().strip()
COLAB = "https://colab.research.google.com/github/deep-learning-course/intro-to-deep-learning/blob/main/notebooks/"
MACHINE_PATH = re.compile(r"(/home/|/Users/|/root/|/tmp/|/work/|site-packages|C:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def text_of(output):
    data = output.get("data", {})
    return "".join(output.get("text", "")) + "".join(data.get("text/plain", "")) + "".join(data.get("text/html", ""))


def test_the_course_map_lists_exactly_the_notebooks():
    linked = set(re.findall(r"\]\(notebooks/(\d\d_[a-z0-9_]+\.ipynb)\)", (ROOT / "README.md").read_text(encoding="utf-8")))
    assert linked == {path.name for path in NOTEBOOKS}
    names = [path.name for path in NOTEBOOKS]
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name) for name in names), names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
class TestNotebook:
    def test_kernelspec_is_python3(self, path):
        assert load(path)["metadata"]["kernelspec"]["name"] == "python3"

    def test_executed_in_order(self, path):
        counts = [cell["execution_count"] for cell in code_cells(load(path)) if "".join(cell["source"]).strip()]
        assert counts == list(range(1, len(counts) + 1))

    def test_no_errors_stderr_progress_bars_or_warnings(self, path):
        for index, cell in enumerate(code_cells(load(path))):
            for output in cell.get("outputs", []):
                text = text_of(output)
                assert output["output_type"] != "error", f"code cell {index} stores an error"
                assert output.get("name") != "stderr", f"code cell {index} stores stderr: {text[:200]!r}"
                assert "\r" not in text and "\x08" not in text, f"code cell {index} stores a progress bar"
                assert not re.search(r"\w+Warning\b", text), f"code cell {index} stores a warning: {text[:200]!r}"

    def test_no_machine_paths_in_outputs(self, path):
        for index, cell in enumerate(code_cells(load(path))):
            for output in cell.get("outputs", []):
                assert not MACHINE_PATH.search(text_of(output)), f"code cell {index} shows a machine path"

    def test_title_and_colab_badge_point_here(self, path):
        first = load(path)["cells"][0]
        source = "".join(first["source"])
        assert first["cell_type"] == "markdown" and source.startswith("# ")
        assert f"({COLAB}{path.name})" in source, "the Colab badge must open this very notebook"

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
        assert 2 <= len(solutions) <= 4, f"expected 2-4 exercises, found {len(solutions)}"
        for i in solutions:
            source = "".join(cells[i]["source"])
            assert "### BEGIN SOLUTION" in source and "### END SOLUTION" in source
            assert cells[i - 1]["cell_type"] == "markdown", "an exercise starts with its prompt"
            check = "".join(cells[i + 1]["source"])
            assert cells[i + 1]["cell_type"] == "code" and "checks." in check, "a check cell follows each solution"

    def test_listed_in_readme(self, path):
        assert f"notebooks/{path.name}" in (ROOT / "README.md").read_text(encoding="utf-8")
