"""Re-execute the course notebooks in place, each in a fresh kernel, and normalize them.

Usage, from the repository root:
    python tools/execute_notebooks.py                 # every notebook under notebooks/
    python tools/execute_notebooks.py notebooks/02_perceptron.ipynb ...

Each notebook runs in its own worker process (so its kernel's peak memory can be read), with the
kernel's default output capture (what a student sees), then is normalized: kernelspec python3, the
language_info JupyterLab would store, execution counts 1..n, no timing metadata, and no widget views
(a progress bar is stored as its final text, a live demo as a one-line pointer), so the notebook
reads the same in JupyterLab, VS Code, GitHub and Colab, saved or not. The student edition of each
executed notebook is then regenerated (tools/make_student_edition.py).
A table follows: wall seconds (kernel start included), seconds in the cells, in the setup cell
(imports, mostly TensorFlow's) and in the rest (the budgeted part), and the kernel's peak memory.
Exits non-zero if a notebook fails, stores stderr or a warning, or has a code line over 100
characters: commit only clean runs. ``-j 2`` runs two notebooks at a time (timings then overlap).
"""
import argparse
import html
import json
import pathlib
import re
import resource
import subprocess
import sys
import time
from datetime import datetime

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
SETUP_CELL = (ROOT / "tools" / "setup_cell.py").read_text().strip()
WARNING_PATTERN = re.compile(r"(Warning:|UserWarning|DeprecationWarning|FutureWarning)")
MAX_LINE = 100  # longer code lines are cut off in JupyterLab beside the file browser
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def seconds(cell):
    """Wall time of one executed cell, from the timestamps nbclient records."""
    timing = cell.get("metadata", {}).get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not (start and end):
        return 0.0
    parse = lambda stamp: datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return (parse(end) - parse(start)).total_seconds()


def problems_in(notebook):
    """Stored stderr and warnings: what a reader must never see in a committed notebook."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            if output.get("name") == "stderr":
                found.append(f"cell {index} writes to stderr: {text.strip()[:120]!r}")
            elif WARNING_PATTERN.search(text):
                found.append(f"cell {index} prints a warning: {text.strip()[:120]!r}")
            elif output.get("output_type") == "error":
                found.append(f"cell {index} stores an error: {output.get('ename')}")
        if cell.cell_type == "code":
            long_lines = [line for line in cell.source.splitlines() if len(line) > MAX_LINE]
            if long_lines:
                found.append(f"cell {index} has {len(long_lines)} code line(s) over {MAX_LINE} "
                             f"characters: {long_lines[0][:60]!r}...")
    return found


def widget_text(view, state):
    """Plain-text stand-in for a widget output, as GitHub shows it: a progress bar's final state,
    or a pointer to the live demo (its default state is drawn as a figure in the cell before)."""
    model = state.get(view["model_id"], {})
    children = [state.get(child.replace("IPY_MODEL_", ""), {}) for child in model.get("state", {}).get("children", [])]
    names = [child.get("model_name") for child in children]
    if names == ["HTMLModel", "FloatProgressModel", "HTMLModel"]:  # a tqdm progress bar
        prefix, bar, suffix = (child["state"] for child in children)
        filled = int(round(10 * bar.get("value", 0) / bar["max"])) if bar.get("max") else 0
        text = f"{prefix.get('value', '')}|{'█' * filled}{' ' * (10 - filled)}|{suffix.get('value', '')}"
        return html.unescape(text).replace("\u2007", " ")
    return "Interactive widget: run this cell in Jupyter or Colab to use it."


def replace_widget_views(notebook):
    """Store each widget output as plain text: what it ended as, needing no live kernel.

    A widget view without its state shows "Error displaying widget: model not found" once a notebook
    is saved in JupyterLab; a view with its state still needs a kernel to be useful. So a progress
    bar becomes its final text, and a demo a pointer (its default state is a figure just above).
    """
    state = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    state = state.get("state", {})
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                output["data"] = {"text/plain": widget_text(view, state)}
    notebook.metadata.pop("widgets", None)


def merge_streams(outputs):
    """Join consecutive prints to the same stream into one output, as a reader sees them."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (previous is not None and output.get("output_type") == previous.get("output_type") == "stream"
                and output.get("name") == previous.get("name")):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def normalize(notebook):
    """Strip run-specific metadata so a re-run changes only what the code changed.

    language_info is kept as the kernel reported it, which is what JupyterLab stores; trimming it
    would make JupyterLab mark every notebook modified as soon as it opens.
    """
    language_info = dict(notebook.metadata.get("language_info", {}))
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": language_info}
    count = 0
    for cell in notebook.cells:
        tags = cell.metadata.get("tags")
        cell.metadata = {"tags": tags} if tags else {}  # timings, editor and converter leftovers go
        cell.pop("id", None)
        if cell.cell_type == "code":
            count += 1 if cell.source.strip() else 0
            cell.outputs = merge_streams(cell.outputs)
            cell.execution_count = count if cell.source.strip() else None
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = cell.execution_count
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for index, cell in enumerate(notebook.cells):  # stable, readable cell ids
        cell["id"] = f"cell-{index:03d}"
    return notebook


def use_canonical_setup_cell(notebook):
    """Make the first code cell the course's setup cell, word for word (tools/setup_cell.py)."""
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if not code_cells or not code_cells[0].source.startswith("# Setup"):
        raise SystemExit("the first code cell must be the setup cell, starting with '# Setup'")
    code_cells[0].source = SETUP_CELL


def run_one(path, timeout):
    """Execute one notebook in place; print a JSON line with its timings and peak memory."""
    notebook = nbformat.read(path, as_version=4)
    use_canonical_setup_cell(notebook)
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,  # False trips nbclient on Output widgets; see replace_widget_views
    )  # the kernel's default output capture: the stored outputs are what a student sees
    started = time.perf_counter()
    error = None
    try:
        client.execute()
    except Exception as exc:  # keep the partial outputs so the failure can be read
        error = f"{exc.__class__.__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
    wall = time.perf_counter() - started  # includes the kernel's start
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    setup = seconds(code_cells[0]) if code_cells else 0.0
    total = sum(seconds(cell) for cell in code_cells)
    problems = problems_in(notebook) + ([error] if error else [])
    slowest = sorted(((seconds(cell), index) for index, cell in enumerate(notebook.cells)), reverse=True)[:3]
    replace_widget_views(notebook)
    nbformat.write(normalize(notebook), path)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: KiB
    print(json.dumps({"wall": wall, "total": total, "setup": setup, "peak_mib": peak_mib, "problems": problems,
                      "slowest": [f"cell {index}: {secs:.1f}s" for secs, index in slowest]}))


def start_worker(path, timeout):
    """Run one notebook in its own worker process (so its kernel's peak memory can be read)."""
    return subprocess.Popen([sys.executable, __file__, "--one", "--timeout", str(timeout), str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def report_line(path, worker):
    """Print one notebook's row of the table; return False if it failed or stores problems."""
    stdout, stderr = worker.communicate()
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if worker.returncode or not lines:
        print(f"{path.name:<36} worker failed:\n{stderr[-2000:]}")
        return False
    report = json.loads(lines[-1])
    rest = report["total"] - report["setup"]
    print(f"{path.name:<36} {report['wall']:7.1f} {report['total']:8.1f} {report['setup']:8.1f} "
          f"{rest:7.1f} {report['peak_mib']:9.0f}   slowest: {', '.join(report['slowest'])}")
    for problem in report["problems"]:
        print(f"    ! {problem}")
    return not report["problems"]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        help="default: notebooks/*.ipynb")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="notebooks run at a time")
    parser.add_argument("--no-student", action="store_true",
                        help="do not regenerate the student editions")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # worker mode
    args = parser.parse_args()
    if args.one:
        return run_one(args.notebooks[0].resolve(), args.timeout)
    paths = [path.resolve() for path in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    ok = True
    print(f"{'notebook':<36} {'wall s':>7} {'cells s':>8} {'setup s':>8} {'rest s':>7} {'peak MiB':>9}")
    pending, running = list(paths), []
    while pending or running:
        while pending and len(running) < max(1, args.jobs):
            path = pending.pop(0)
            running.append((path, start_worker(path, args.timeout)))
        path, worker = running.pop(0)
        ok = report_line(path, worker) and ok
    if not args.no_student:
        student = subprocess.run([sys.executable, str(ROOT / "tools" / "make_student_edition.py"),
                                  *map(str, paths)])
        ok = ok and student.returncode == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
