"""Every notebook as a student meets it: JupyterLab 4 in Chromium, driven by Playwright.

For each notebook: open the committed copy and see no error and no "modified" mark; Restart Kernel
and Run All Cells; see every code cell run in order with no traceback, no stderr box and no widget
error; move each widget's first control and see its picture change; save, reopen, and see no
widget error again. A screenshot per notebook is kept in ``test-artifacts/browser/``.

Needs Debian's Chromium (``apt install chromium``) and Playwright for Python (``pip install
playwright``; no browser download: the system's binary is launched). Where either is missing the
tests skip, unless ``CI`` is set: there a skip would hide a missing install step, so they fail.
"""
import json
import os
import pathlib
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOW_TO_INSTALL = ("the browser test needs Chromium and Playwright for Python: "
                  "`sudo apt install chromium` and `pip install playwright` (no browser download)")
# JupyterLab settings for a quiet, predictable page: every cell in the DOM, no news or update
# checks (the test machine has no network), no autosave racing the test's own save.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on show, not others' tabs
STDERR = f'{PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
PICTURE = ".widget-image"
CONTROLS = ".widget-slider .noUi-handle, .widget-slider .slider-handle, .widget-dropdown select, " \
           ".widget-text input, .widget-toggle-buttons button"

pytestmark = [pytest.mark.browser]


def missing(reason):
    """Skip with how to install, except in CI, where a missing browser is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; in CI the browser test must run ({HOW_TO_INSTALL})")
    pytest.skip(f"{reason}: {HOW_TO_INSTALL}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def course_copy(tmp):
    """A scratch copy of the notebooks beside the helpers, so saving never touches the checkout."""
    (tmp / "notebooks").mkdir()
    for path in NOTEBOOKS:
        shutil.copy(path, tmp / "notebooks" / path.name)
    for folder in ("utils", "data"):
        (tmp / folder).symlink_to(ROOT / folder, target_is_directory=True)
    return tmp


def write_settings(folder):
    for name, values in LAB_SETTINGS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 with a token, serving a scratch copy; stopped afterwards."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("Playwright for Python is not installed")
    if CHROMIUM is None:
        missing("no Chromium on the PATH")
    tmp = tmp_path_factory.mktemp("lab")
    (tmp / "course").mkdir()
    root = course_copy(tmp / "course")
    write_settings(tmp / "settings")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={tmp / 'settings'}",
         f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
         "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
         "--ServerApp.port_retries=0",
         *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])],
        stdout=open(tmp / "server.log", "w"), stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(base, token, server)
        yield {"base": base, "token": token, "root": root}
    finally:
        server.terminate()  # exactly the server this fixture started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def shut_down_kernels(lab):
    """End every session of the server, so kernels of notebooks already tested free their memory."""
    api = f"{lab['base']}/api/sessions?token={lab['token']}"
    with urllib.request.urlopen(api, timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(
            f"{lab['base']}/api/sessions/{session['id']}?token={lab['token']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def wait_for_server(base, token, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("JupyterLab did not start within a minute")


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_notebook(page, lab, name):
    """Open ``name`` alone, in a workspace of its own (``reset``: no tabs left from other tests)."""
    workspace = pathlib.Path(name).stem.replace("_", "-")
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/notebooks/{name}"
              f"?reset&token={lab['token']}")
    page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
    page.wait_for_function(  # the kernel is connected and idle
        "() => /Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')",
        timeout=90_000)
    page.wait_for_timeout(500)


def problems_on_page(page):
    """What a student must never see: stderr boxes, tracebacks, widget errors."""
    found = []
    if page.locator(STDERR).count():
        found.append(f"{page.locator(STDERR).count()} stderr/traceback box(es): "
                     f"{page.locator(STDERR).first.inner_text()[:200]!r}")
    panel = page.locator(PANEL)
    for text in ("Error displaying widget", "model not found"):
        if panel.get_by_text(text).count():
            found.append(f"{panel.get_by_text(text).count()} x {text!r}")
    return found


def is_dirty(page):
    return page.locator(".jp-DocumentTab.jp-mod-dirty, .lm-TabBar-tab.jp-mod-dirty").count() > 0


def restart_and_run_all(page):
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Kernel$")).click()
    page.locator(".lm-Menu-itemLabel", has_text="Restart Kernel and Run All Cells").click()
    page.locator(".jp-Dialog-button.jp-mod-accept").click()


def execution_counts(page):
    return page.evaluate("""() => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')].map(cell => {
            const prompt = cell.querySelector('.jp-InputArea-prompt');
            const empty = !cell.querySelector('.cm-content')?.innerText.trim();
            return empty ? null : (prompt ? prompt.innerText.trim() : '');
        }).filter(p => p !== null)""")


def wait_until_all_ran(page, timeout=300):
    """Wait for Run All to queue the cells (prompts turn to [*]) and then to finish them all."""
    page.wait_for_function("""() => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputArea-prompt')]
        .some(prompt => prompt.innerText.includes('*'))""", timeout=120_000)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        prompts = execution_counts(page)
        idle = "Idle" in (page.locator("#jp-main-statusbar").inner_text() or "")
        if prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts) and idle:
            return prompts
        if page.locator(STDERR).count():
            return prompts
        time.sleep(0.5)
    raise AssertionError(f"Run All did not finish within {timeout} s: {execution_counts(page)}")


def move_first_control(page, widget):
    """Move the widget's first control a little; return a description of what moved."""
    control = widget.locator(CONTROLS).first
    if control.count() == 0:
        return None
    tag = control.evaluate("el => el.tagName.toLowerCase()")
    classes = control.get_attribute("class") or ""
    if tag == "select":  # pick the first option that is not the one shown
        current = control.input_value()
        values = control.locator("option").evaluate_all("options => options.map(o => o.value)")
        other = next(value for value in values if value != current)
        control.select_option(value=other)
        return f"menu -> {other}"
    if tag == "input":
        control.fill(str(float(control.input_value() or 0) + 1.0))
        control.press("Enter")
        return "number box + 1"
    if "handle" in classes:
        control.focus()
        for _ in range(3):
            control.press("ArrowRight")
        return "slider 3 steps right"
    control.click()
    return "button"


def picture_of(widget):
    return widget.locator(f"{PICTURE}").first.get_attribute("src")


def exercise_widgets(page):
    """Move each widget's first control; return (description, changed) per widget."""
    results = []
    outputs = page.locator(f"{PANEL} .jp-OutputArea-output").filter(has=page.locator(PICTURE))
    for index in range(outputs.count()):
        widget = outputs.nth(index)
        widget.scroll_into_view_if_needed()
        before = picture_of(widget)
        moved = move_first_control(page, widget)
        changed = False
        for _ in range(60):  # the kernel redraws; give it up to 30 s
            if picture_of(widget) != before:
                changed = True
                break
            page.wait_for_timeout(500)
        natural, shown = widget.locator(PICTURE).first.evaluate(
            "img => [img.naturalWidth, img.getBoundingClientRect().width]")
        assert shown <= natural + 1, f"widget {index + 1}: a {natural}-pixel picture shown {shown} wide"
        results.append((moved, changed))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        widget.screenshot(path=str(ARTIFACTS / f"{page_stem(page)}-widget{index + 1}.png"))
    return results


def page_stem(page):
    return pathlib.Path(page.url.split("?")[0]).stem


def check_in_jupyterlab(browser, lab, path):
    """Open, run, move the widgets, save and reopen one notebook; keep its screenshots."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    started = time.monotonic()
    try:
        open_notebook(page, lab, path.name)
        assert not problems_on_page(page), f"on opening: {problems_on_page(page)}"
        assert not is_dirty(page), "the notebook shows as modified as soon as it opens"

        restart_and_run_all(page)
        prompts = wait_until_all_ran(page)
        assert not problems_on_page(page), f"after Run All: {problems_on_page(page)}"
        assert prompts == [f"[{n}]:" for n in range(1, len(prompts) + 1)], prompts

        widgets = exercise_widgets(page)
        assert all(changed for _, changed in widgets), f"a widget's picture did not change: {widgets}"

        page.keyboard.press("Control+s")
        page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
        open_notebook(page, lab, path.name)  # reopen from the saved file
        assert not problems_on_page(page), f"after save and reopen: {problems_on_page(page)}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"))  # reopened, as saved
        summary = {"notebook": path.name, "code_cells_run": len(prompts),
                   "widgets": [{"moved": m, "picture_changed": c} for m, c in widgets],
                   "seconds": round(time.monotonic() - started, 1)}
        (ARTIFACTS / f"{path.stem}.json").write_text(json.dumps(summary, indent=1))
        print(json.dumps(summary))
    except Exception:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{path.stem}-failed.png"), full_page=False)
        raise
    finally:
        context.close()
        shut_down_kernels(lab)


class NotebookInJupyterLab:
    """One notebook in JupyterLab; a subclass per notebook, so xdist spreads them (conftest.py)."""

    path = None

    def test_open_run_all_widgets_save_reopen(self, browser, lab):
        check_in_jupyterlab(browser, lab, self.path)


for _path in NOTEBOOKS:
    _name = f"TestJupyterLab_{_path.stem}"
    globals()[_name] = type(_name, (NotebookInJupyterLab,), {"path": _path})
