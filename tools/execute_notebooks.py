"""Re-execute the course notebooks in place, each in a fresh kernel, and normalize them.

Usage, from the repository root:
    python tools/execute_notebooks.py                 # every notebook under notebooks/
    python tools/execute_notebooks.py notebooks/02_perceptron.ipynb ...

Each notebook runs in its own worker process (so its kernel's peak memory can be read), then is
normalized: kernelspec python3, execution counts 1..n, no timing or widget-state metadata.
A table follows: wall seconds (kernel start included), seconds in the cells, in the setup cell
(imports, mostly TensorFlow's) and in the rest (the budgeted part), and the kernel's peak memory.
Exits non-zero if a notebook fails or stores stderr or a warning: commit only clean runs.
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


def describe_widgets(notebook):
    """Replace each widget output's text/plain (its state when first shown) by what it ended as."""
    state = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                output["data"]["text/plain"] = widget_text(view, state)


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
    """Strip run-specific metadata so a re-run changes only what the code changed."""
    notebook.metadata = {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python", "pygments_lexer": "ipython3"},
    }
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
        store_widget_state=True,  # False trips nbclient on Output widgets; normalize() drops the state
        # TensorFlow's C++ library writes start-up lines to file descriptor 2 before its log level
        # applies; keep those in the terminal. Python's own stderr (warnings) is still stored.
        extra_arguments=["--IPKernelApp.capture_fd_output=False"],
    )
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
    describe_widgets(notebook)
    nbformat.write(normalize(notebook), path)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: KiB
    print(json.dumps({"wall": wall, "total": total, "setup": setup, "peak_mib": peak_mib, "problems": problems,
                      "slowest": [f"cell {index}: {secs:.1f}s" for secs, index in slowest]}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # worker mode
    args = parser.parse_args()
    if args.one:
        return run_one(args.notebooks[0].resolve(), args.timeout)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    failed = False
    print(f"{'notebook':<36} {'wall s':>7} {'cells s':>8} {'setup s':>8} {'rest s':>7} {'peak MiB':>9}")
    for path in paths:
        worker = subprocess.run(
            [sys.executable, __file__, "--one", "--timeout", str(args.timeout), str(path)],
            capture_output=True, text=True,
        )
        lines = [line for line in worker.stdout.splitlines() if line.startswith("{")]
        if worker.returncode or not lines:
            print(f"{path.name:<36} worker failed:\n{worker.stderr[-2000:]}")
            failed = True
            continue
        report = json.loads(lines[-1])
        rest = report["total"] - report["setup"]
        print(f"{path.name:<36} {report['wall']:7.1f} {report['total']:8.1f} {report['setup']:8.1f} {rest:7.1f}"
              f" {report['peak_mib']:9.0f}"
              f"   slowest: {', '.join(report['slowest'])}")
        for problem in report["problems"]:
            print(f"    ! {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
