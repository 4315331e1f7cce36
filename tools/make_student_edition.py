"""Make the student edition of the notebooks: every solution replaced by a NotImplementedError.

Usage, from the repository root:
    python tools/make_student_edition.py OUTPUT_DIR [notebooks/NN_name.ipynb ...]

In each code cell tagged ``solution``, the lines from ``### BEGIN SOLUTION`` to
``### END SOLUTION`` become ``raise NotImplementedError("Exercise N")`` (N counts the exercises of
the notebook, from 1), indented like the block. Outputs of every cell are cleared so that no
answer leaks through a stored result.
"""
import argparse
import pathlib
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


def strip_solution(source, exercise):
    """Return ``source`` with its solution block replaced; ValueError if the markers are missing."""
    lines = source.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == BEGIN]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise ValueError(f"exercise {exercise} expects one '{BEGIN}' ... '{END}' block, got {len(starts)} and {len(ends)}")
    start, end = starts[0], ends[0]
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    stub = f'{indent}raise NotImplementedError("Exercise {exercise}")'
    return "\n".join(lines[:start] + [stub] + lines[end + 1:])


def student_edition(notebook):
    """Return a copy of ``notebook`` without solutions or outputs."""
    notebook = nbformat.from_dict(notebook)
    exercise = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if "solution" in cell.metadata.get("tags", []):
            exercise += 1
            cell.source = strip_solution(cell.source, exercise)
        cell.outputs, cell.execution_count = [], None
    return notebook


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output_dir", type=pathlib.Path)
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="default: notebooks/*.ipynb")
    args = parser.parse_args()
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for path in args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb")):
        nbformat.write(student_edition(nbformat.read(path, as_version=4)), args.output_dir / path.name)
        print(f"wrote {args.output_dir / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
