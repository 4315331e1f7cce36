"""Make the student edition: the same lectures, with the exercises left for the student to do.

Usage, from the repository root:
    python tools/make_student_edition.py                 # notebooks/*.ipynb -> student/
    python tools/make_student_edition.py --check         # exit 1 if student/ is out of date
    python tools/make_student_edition.py notebooks/02_perceptron.ipynb ...

In each code cell tagged ``solution``, every block from ``### BEGIN SOLUTION`` to
``### END SOLUTION`` becomes a placeholder the checks recognise:

- inside a function (the block is indented), the body becomes ``# your code here`` and
  ``return ...``: the signature and the docstring above the block stay;
- at the top level, ``# your code here`` and ``name = ...`` for each name the block assigns.

Every lecture output and figure stays. The outputs of each solution cell and of the code cells that
follow it up to the next markdown cell (its check, and anything drawn from the answer) are cleared,
so no answer leaks through a stored result; a figure a prompt shows before its solution stays. The title's Colab badge points
at the student copy, and a line links back to the instructor edition.
"""
import argparse
import ast
import json
import pathlib
import sys
import textwrap

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER_LINE = "# your code here"


def assigned_names(code):
    """Names a top-level block assigns, in order of first assignment.

    Raises:
        ValueError: if the block defines a function or class (its signature must stay visible,
            so the ``def`` line belongs above ``### BEGIN SOLUTION``).
    """
    names = []

    def add(target):
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                add(element)

    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            raise ValueError(f"a solution block defines {node.name!r}: put its def line (and "
                             f"docstring) above '{BEGIN}', so the student sees the signature")
        for target in getattr(node, "targets", [getattr(node, "target", None)]):
            if target is not None:
                add(target)
    return names


def placeholder(block_lines, indent):
    """The student's version of one solution block, indented like it."""
    if indent:
        return [indent + PLACEHOLDER_LINE, indent + "return ..."]
    names = assigned_names(textwrap.dedent("\n".join(block_lines)))
    return [PLACEHOLDER_LINE] + [f"{name} = ..." for name in names]


def strip_solutions(source, where):
    """Return ``source`` with each solution block replaced by its placeholder.

    Raises:
        ValueError: for unbalanced or missing markers, naming ``where``.
    """
    lines, result, block, indent = source.splitlines(), [], None, ""
    for line in lines:
        if line.strip() == BEGIN:
            if block is not None:
                raise ValueError(f"{where}: '{BEGIN}' inside another solution block")
            block, indent = [], line[: len(line) - len(line.lstrip())]
        elif line.strip() == END:
            if block is None:
                raise ValueError(f"{where}: '{END}' without '{BEGIN}'")
            result.extend(placeholder(block, indent))
            block = None
        elif block is not None:
            block.append(line)
        else:
            result.append(line)
    if block is not None:
        raise ValueError(f"{where}: '{BEGIN}' without '{END}'")
    if len(result) == len(lines):
        raise ValueError(f"{where}: a cell tagged 'solution' needs a '{BEGIN}' ... '{END}' block")
    return "\n".join(result)


def student_title(source, name):
    """The title cell with its badge pointing at the student copy, and a link to the instructor's."""
    instructor = f"blob/main/notebooks/{name}"
    if instructor not in source:
        raise ValueError(f"{name}: the title cell needs the Colab badge of notebooks/{name}")
    source = source.replace(instructor, f"blob/main/student/{name}")
    badge_end = source.index(f"student/{name})") + len(f"student/{name})")
    note = (f"\n\n*Student edition: the exercises at the end are yours to solve; each check says "
            f"\"not answered yet\" until you do. The [instructor edition](../notebooks/{name}) "
            f"has the solutions.*")
    return source[:badge_end] + note + source[badge_end:]


def student_edition(notebook, name):
    """Return the student edition of ``notebook`` (a dict or NotebookNode) named ``name``."""
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))  # a deep copy
    notebook.cells[0].source = student_title(notebook.cells[0].source, name)
    exercise, after_solution = 0, False
    for cell in notebook.cells:
        if cell.cell_type != "code":
            after_solution = False  # a markdown cell ends what depends on the answer
            continue
        if "solution" in cell.metadata.get("tags", []):
            exercise += 1
            after_solution = True
            cell.source = strip_solutions(cell.source, f"{name}, exercise {exercise}")
        if after_solution:
            cell.outputs = []
    if exercise == 0:
        raise ValueError(f"{name} has no cell tagged 'solution'")
    return notebook


def render(notebook):
    """The notebook as nbformat writes it, so that comparisons are byte for byte."""
    return nbformat.writes(notebook) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        help="default: notebooks/*.ipynb")
    parser.add_argument("--output-dir", type=pathlib.Path, default=ROOT / "student")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a student copy is missing or out of date")
    args = parser.parse_args()
    stale = []
    for path in args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = render(student_edition(nbformat.read(path, as_version=4), path.name))
        target = args.output_dir / path.name
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
            continue
        args.output_dir.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    if stale:
        print("out of date (run python tools/make_student_edition.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
