"""The maintainer tools: notebook normalization and the student edition."""
import importlib.util
import pathlib

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


execute = load_tool("execute_notebooks")
student = load_tool("make_student_edition")


def small_notebook():
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {"kernelspec": {"name": "venv-kernel", "display_name": "x"}, "language_info": {"name": "python", "version": "3.11.7"}}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("# Setup\nimport os", execution_count=7),
        nbformat.v4.new_code_cell("", execution_count=None),
        nbformat.v4.new_code_cell("answer = 1\n", execution_count=3,
                                  outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "1"}, execution_count=3)]),
    ]
    notebook.cells[1].metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00.000Z",
                                               "shell.execute_reply": "2026-01-01T00:00:02.500Z"}
    return notebook


def test_normalize_sets_kernelspec_counts_and_strips_timings():
    notebook = execute.normalize(small_notebook())
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.metadata["language_info"] == {"name": "python", "version": "3.11.7"}  # as reported
    assert [cell.get("execution_count") for cell in notebook.cells if cell.cell_type == "code"] == [1, None, 2]
    assert notebook.cells[3].outputs[0]["execution_count"] == 2
    assert all("execution" not in cell.metadata for cell in notebook.cells)
    assert [cell["id"] for cell in notebook.cells] == ["cell-000", "cell-001", "cell-002", "cell-003"]
    nbformat.validate(notebook)


def test_seconds_reads_the_recorded_timing():
    assert execute.seconds(small_notebook().cells[1]) == pytest.approx(2.5)
    assert execute.seconds(small_notebook().cells[3]) == 0.0


def test_problems_in_finds_stderr_and_warnings():
    notebook = small_notebook()
    notebook.cells[3].outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="oops"),
        nbformat.v4.new_output("stream", name="stdout", text="UserWarning: careful"),
    ]
    notebook.cells[2].source = "x = 1  # " + "a" * 100
    problems = execute.problems_in(notebook)
    assert len(problems) == 3 and "over 100 characters" in problems[0]
    assert "stderr" in problems[1] and "warning" in problems[2]
    assert execute.problems_in(small_notebook()) == []


def test_setup_cell_is_rewritten_from_the_canonical_file():
    notebook = small_notebook()
    execute.use_canonical_setup_cell(notebook)
    assert notebook.cells[1].source == execute.SETUP_CELL
    notebook.cells[1].source = "import os"
    with pytest.raises(SystemExit, match="setup cell"):
        execute.use_canonical_setup_cell(notebook)


def test_student_edition_replaces_solutions_and_clears_only_exercise_outputs():
    notebook = small_notebook()
    notebook.cells[0].source = "# Title\n[badge](https://colab/github/x/blob/main/notebooks/nb.ipynb)"
    notebook.cells[3].source = "def f(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"
    notebook.cells[3].metadata["tags"] = ["solution"]
    notebook.cells.append(nbformat.v4.new_code_cell("checks.check_f(f)", execution_count=4, outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="Correct!")]))
    notebook.cells.append(nbformat.v4.new_markdown_cell("### Exercise 2: look at this figure"))
    notebook.cells.append(nbformat.v4.new_code_cell("draw()", execution_count=5, outputs=[
        nbformat.v4.new_output("display_data", {"text/plain": "figure"})]))
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="lecture")]
    edition = student.student_edition(notebook, "nb.ipynb")
    assert edition.cells[3].source == "def f(x):\n    # your code here\n    return ..."
    assert edition.cells[1].outputs, "lecture outputs stay"
    assert not edition.cells[3].outputs and not edition.cells[4].outputs
    assert edition.cells[6].outputs, "a prompt's figure before the next solution stays"
    assert "blob/main/student/nb.ipynb" in edition.cells[0].source
    assert "(../notebooks/nb.ipynb)" in edition.cells[0].source
    assert "return 2 * x" in notebook.cells[3].source  # the original is untouched


def test_student_edition_refuses_notebooks_without_exercises_or_badge():
    notebook = small_notebook()
    notebook.cells[0].source = "# Title\n[badge](https://colab/github/x/blob/main/notebooks/nb.ipynb)"
    with pytest.raises(ValueError, match="no cell tagged"):
        student.student_edition(notebook, "nb.ipynb")
    with pytest.raises(ValueError, match="badge"):
        student.student_edition(small_notebook(), "nb.ipynb")


def test_widget_outputs_become_their_final_text():
    state = {
        "bar": {"model_name": "HBoxModel", "state": {"children": ["IPY_MODEL_p", "IPY_MODEL_f", "IPY_MODEL_s"]}},
        "p": {"model_name": "HTMLModel", "state": {"value": "epochs:\u2007100%"}},
        "f": {"model_name": "FloatProgressModel", "state": {"value": 50.0, "max": 50.0}},
        "s": {"model_name": "HTMLModel", "state": {"value": "\u200750/50\u2007[00:01&lt;00:00]"}},
        "demo": {"model_name": "VBoxModel", "state": {"children": []}},
    }
    notebook = small_notebook()
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": state}}
    view = "application/vnd.jupyter.widget-view+json"
    notebook.cells[3].outputs = [
        nbformat.v4.new_output("display_data", {view: {"model_id": "bar"}, "text/plain": "epochs: 0%| 0/50"}),
        nbformat.v4.new_output("display_data", {view: {"model_id": "demo"}, "text/plain": "VBox(children=...)"}),
    ]
    execute.replace_widget_views(notebook)
    assert notebook.cells[3].outputs[0]["data"] == {
        "text/plain": "epochs: 100%|██████████| 50/50 [00:01<00:00]"}
    assert notebook.cells[3].outputs[1]["data"]["text/plain"].startswith("Interactive widget")
    assert view not in notebook.cells[3].outputs[1]["data"], "no view that needs a live kernel"
    assert "widgets" not in notebook.metadata


def test_normalize_merges_consecutive_prints_and_drops_editor_metadata():
    notebook = small_notebook()
    notebook.cells[3].metadata.update({"tags": ["solution"], "lines_to_next_cell": 2})
    notebook.cells[3].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("display_data", {"text/plain": "figure"}),
        nbformat.v4.new_output("stream", name="stdout", text="c\n"),
    ]
    cell = execute.normalize(notebook).cells[3]
    assert cell.metadata == {"tags": ["solution"]}
    assert [output.get("text") for output in cell.outputs] == ["a\nb\n", None, "c\n"]
