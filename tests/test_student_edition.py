"""The student edition: generated from the lectures, committed up to date, and it runs.

Run All in a student notebook must reach the end, every check saying "Exercise N is not answered
yet"; with the instructor's solutions put back into the same kernel, every check must pass. The
same run stands for the instructor's notebook in the quick tier (conftest.py): the two editions
differ only in the solution cells, so the cells marked ``# NBVAL_CHECK_OUTPUT`` must print what
the instructor edition stored, compared as nbval does in lax mode, with its sanitize file.
"""
import configparser
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
CHECKED = "# NBVAL_CHECK_OUTPUT"


def sanitizers():
    """(pattern, replacement) pairs from nbval's sanitize file, the one place for them."""
    parser = configparser.ConfigParser()
    parser.read(ROOT / "tests" / "nbval_sanitize.cfg")
    return [(re.compile(parser[section]["regex"]), parser[section]["replace"])
            for section in parser.sections()]


def checked_text(cell, rules):
    """What nbval compares of a cell's outputs: streams and plain-text results, sanitized."""
    parts = []  # [label, text]; a stream arrives in chunks that depend on timing: join them
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            label, text = f"[{output.get('name')}]", output.get("text", "")
            if parts and parts[-1][0] == label:
                parts[-1][1] += text
                continue
        elif "text/plain" in output.get("data", {}):
            label, text = f"[{output['output_type']}]", output["data"]["text/plain"]
        else:
            continue
        parts.append([label, text])
    text = "".join(f"{label} {body}" for label, body in parts)
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def exercises(notebook):
    """(solution cell, check cell) pairs, in order."""
    cells = notebook.cells
    return [(cell, cells[index + 1]) for index, cell in enumerate(cells)
            if "solution" in cell.metadata.get("tags", [])]


def checked_mismatches(teacher, executed, rules):
    """The checked cells of ``executed`` that print other than what ``teacher`` stored."""
    problems = []
    for index, cell in enumerate(teacher.cells):
        if cell.cell_type != "code" or CHECKED not in cell.source:
            continue
        ran = executed.cells[index]
        printed, stored = checked_text(ran, rules), checked_text(cell, rules)
        if ran.source != cell.source:
            problems.append(f"cell {index}: the two editions' sources differ")
        elif printed != stored:
            problems.append(f"checked cell {index} printed\n{printed}\n"
                            f"but the instructor edition stored\n{stored}")
    return problems


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


def test_checked_cells_compare_what_nbval_compares():
    def notebook(*cells):
        return nbformat.v4.new_notebook(cells=list(cells))

    def cell(source, *outputs):
        return nbformat.v4.new_code_cell(source, outputs=list(outputs))

    printed = lambda text: nbformat.v4.new_output("stream", name="stdout", text=text)
    result = lambda text: nbformat.v4.new_output("execute_result", data={"text/plain": text})
    picture = nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"})
    teacher = notebook(cell(f"{CHECKED}\nprint(2)", printed("2\n")),
                       cell("print(3)", printed("3\n")),
                       cell(f"{CHECKED}\nf", result("<f at 0x7f00aa>"), picture))
    same = notebook(cell(f"{CHECKED}\nprint(2)", printed("2\n")),
                    cell("print(3)", printed("4\n")),                # not checked: may differ
                    cell(f"{CHECKED}\nf", result("<f at 0x7f11bb>")))  # address masked; no image
    assert checked_mismatches(teacher, same, sanitizers()) == []
    chunked = notebook(cell(f"{CHECKED}\nprint(2)", printed("2"), printed("\n")), *same.cells[1:])
    assert checked_mismatches(teacher, chunked, sanitizers()) == []  # the same stream, in pieces
    other = notebook(cell(f"{CHECKED}\nprint(2)", printed("2.0\n")), cell("print(3)"),
                     cell(f"{CHECKED}\nf", printed("<f at 0x7f00aa>")))  # a print, not a result
    assert [problem.split("\n")[0] for problem in checked_mismatches(teacher, other, sanitizers())] \
        == ["checked cell 0 printed", "checked cell 2 printed"]
    edited = notebook(cell(f"{CHECKED}\nprint(1 + 1)", printed("2\n")), *same.cells[1:])
    assert checked_mismatches(teacher, edited, sanitizers()) == [
        "cell 0: the two editions' sources differ"]


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
        mismatches = checked_mismatches(teacher, student, sanitizers())
        assert not mismatches, "\n\n".join(mismatches)
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
