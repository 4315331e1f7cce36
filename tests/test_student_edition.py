"""The student edition: generated from the lectures, committed up to date, and it runs.

Run All in a student notebook must reach the end, every check saying "Exercise N is not answered
yet"; with the instructor's solutions put back into the same kernel, every check must pass.
"""
import pathlib
import re
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import make_student_edition  # noqa: E402  (a maintainer script, imported for its functions)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
STUDENT = ROOT / "student"


def exercises(notebook):
    """(solution cell, check cell) pairs, in order."""
    cells = notebook.cells
    return [(cell, cells[index + 1]) for index, cell in enumerate(cells)
            if "solution" in cell.metadata.get("tags", [])]


def output_text(cell):
    return "".join(output.get("text", "") for output in cell.get("outputs", [])
                   if output.get("output_type") == "stream")


def test_committed_student_edition_is_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_student_edition.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in STUDENT.glob("*.ipynb")) == [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_student_copy_keeps_signatures_and_hides_solutions(path):
    teacher = nbformat.read(path, as_version=4)
    student = nbformat.read(STUDENT / path.name, as_version=4)
    assert [cell.cell_type for cell in teacher.cells] == [cell.cell_type for cell in student.cells]
    for number, ((solution, _), (stub, check)) in enumerate(
            zip(exercises(teacher), exercises(student)), start=1):
        assert "BEGIN SOLUTION" not in stub.source and "# your code here" in stub.source
        signatures = lambda source: re.findall(r"^\s*def .*", source, flags=re.M)
        assert signatures(stub.source) == signatures(solution.source), f"exercise {number}"
        assert not check.outputs, f"exercise {number}: the check's stored output would leak"
    lecture = [cell for cell in student.cells[:student.cells.index(exercises(student)[0][0])]
               if cell.cell_type == "code"]
    assert any(cell.outputs for cell in lecture), "the lecture's outputs must stay"


def test_placeholders_for_functions_and_values():
    source = "\n".join([
        "def f(x):", '    """Doc."""', "    ### BEGIN SOLUTION", "    return x + 1",
        "    ### END SOLUTION", "", "### BEGIN SOLUTION", "a, b = 1, 2", "c = f(a)",
        "### END SOLUTION"])
    stub = make_student_edition.strip_solutions(source, "test")
    assert stub.splitlines() == ["def f(x):", '    """Doc."""', "    # your code here",
                                 "    return ...", "", "# your code here", "a = ...", "b = ...",
                                 "c = ..."]


@pytest.mark.parametrize("source, message", [
    ("### BEGIN SOLUTION\ndef f():\n    pass\n### END SOLUTION", "def line"),
    ("### BEGIN SOLUTION\nx = 1", "without"),
    ("x = 1\n### END SOLUTION", "without"),
    ("x = 1", "needs"),
])
def test_bad_solution_blocks_are_refused(source, message):
    with pytest.raises(ValueError, match=message):
        make_student_edition.strip_solutions(source, "test")


def run_with_answers_put_back(student, teacher, path):
    """Execute the student notebook in a fresh kernel; then, in the same kernel, each instructor
    solution and its check again. Returns the check texts of both rounds."""
    client = NotebookClient(student, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=True)
    answered = []
    with client.setup_kernel():
        for index, cell in enumerate(student.cells):
            client.execute_cell(cell, index)
        unanswered = [output_text(check) for _, check in exercises(student)]
        for solution, check in exercises(teacher):
            for source in (solution.source, check.source):  # nbclient writes cells back by index
                student.cells.append(nbformat.v4.new_code_cell(source))
                client.execute_cell(student.cells[-1], len(student.cells) - 1)
            answered.append(output_text(student.cells[-1]))
    return unanswered, answered


class StudentNotebook:
    """Run one student notebook; a subclass per notebook, so xdist spreads them (conftest.py)."""

    path = None

    @pytest.mark.notebook
    def test_runs_to_the_end_then_passes_with_the_solutions(self):
        student = nbformat.read(STUDENT / self.path.name, as_version=4)
        teacher = nbformat.read(self.path, as_version=4)
        unanswered, answered = run_with_answers_put_back(student, teacher, STUDENT / self.path.name)
        for index, cell in enumerate(student.cells):  # what the student sees: no red box, no warning
            for output in cell.get("outputs", []):
                text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
                assert output.get("name") != "stderr", f"cell {index} writes to stderr: {text[:300]!r}"
                assert not re.search(r"\w+Warning\b", text), f"cell {index} warns: {text[:300]!r}"
        for number, text in enumerate(unanswered, start=1):
            assert f"Exercise {number} is not answered yet" in text, \
                f"exercise {number} of the student copy printed {text!r}"
        for number, text in enumerate(answered, start=1):
            assert text.startswith("Correct!"), f"exercise {number}'s solution printed {text!r}"


for _path in NOTEBOOKS:
    _name = f"TestStudent_{_path.stem}"
    globals()[_name] = type(_name, (StudentNotebook,), {"path": _path})
