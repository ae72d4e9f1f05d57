"""The course in a real browser: environment/lab's JupyterLab, opened in headless Chromium.

Starts JupyterLab through environment/lab (on a free port, with a token, on a copy of the notebooks so
that nothing is saved into the repository), checks that it offers the course's Java kernel only, as the
default, in its API and in its launcher, opens a notebook, runs all its cells through JupyterLab's own
menu, and waits for the inline chart to appear as a PNG image on the page. The screenshots (launcher,
chart, end of the run) are kept in target/browser/.
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "browser"
NOTEBOOK = "02-neurons-and-activations.ipynb"
KERNEL = "dlkit"
# Printed by the notebook's last code cell.
LAST_OUTPUT = "✔ the hidden-layer network's loss fell"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)


def wait_for_server(base, token, proc, log_path, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"environment/lab exited with {proc.returncode}; see {log_path}")
        try:
            return get_json(f"{base}/api/status?token={token}")
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer on {base} within {seconds} s; see {log_path}")


def run():
    from playwright.sync_api import sync_playwright

    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    course = OUT / "course"
    shutil.copytree(ROOT / "notebooks", course / "notebooks")
    (course / "data").symlink_to(ROOT / "data")
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, DLKIT_LAB_ROOT=str(course), DLKIT_MODE=os.environ.get("DLKIT_MODE", "quick"))
    log_path = OUT / "jupyterlab.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(ROOT / "environment" / "lab"), "--no-browser", f"--port={port}",
             f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0"],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for_server(base, token, proc, log_path)
            listing = get_json(f"{base}/api/kernelspecs?token={token}")
            specs = listing["kernelspecs"]
            if sorted(specs) != [KERNEL] or listing["default"] != KERNEL:
                raise AssertionError(f"JupyterLab offers kernels {sorted(specs)} with '{listing['default']}' as the "
                                     f"default; it should offer the course's '{KERNEL}' only, as the default")
            display_name = specs[KERNEL]["spec"]["display_name"]

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                # The launcher, as a learner first sees it: the course's kernel, and no other.
                # (?reset: JupyterLab's saved layout, e.g. a notebook left open, would hide the launcher.)
                page.goto(f"{base}/lab?reset&token={token}")
                page.wait_for_selector(".jp-LabShell", timeout=120_000)
                try:
                    page.wait_for_selector(".jp-Launcher-section", timeout=20_000)
                except Exception:
                    page.click(".lm-MenuBar-itemLabel:text-is('File')")
                    page.click(".lm-Menu-itemLabel:text-is('New Launcher')")
                    page.wait_for_selector(".jp-Launcher-section", timeout=60_000)
                page.wait_for_timeout(500)
                page.screenshot(path=str(OUT / "launcher.png"))
                cards = [c.inner_text().strip() for c in page.query_selector_all(
                    ".jp-Launcher-section:has(.jp-Launcher-sectionTitle:text-is('Notebook')) .jp-LauncherCard-label")]
                if cards != [display_name]:
                    raise AssertionError(f"the launcher offers notebooks with {cards}, not only '{display_name}'")
                # The file browser opens on notebooks/, with data/ one level up.
                page.goto(f"{base}/lab/tree/notebooks/{NOTEBOOK}?token={token}")
                # The kernel is ready when its status shows in the toolbar as idle.
                page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=120_000)
                page.wait_for_selector(f".jp-NotebookPanel-toolbar >> text={display_name}", timeout=120_000)
                page.click(".lm-MenuBar-itemLabel:text-is('Run')")
                page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
                image = page.wait_for_selector(".jp-OutputArea-output img[src^='data:image/png']", timeout=300_000)
                image.scroll_into_view_if_needed()
                page.wait_for_timeout(500)
                page.screenshot(path=str(OUT / "jupyterlab.png"))
                size = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
                # The last cell's checks print when the whole notebook has run.
                page.wait_for_selector(f".jp-OutputArea-output >> text={LAST_OUTPUT}", timeout=300_000)
                page.screenshot(path=str(OUT / "jupyterlab-end.png"))
                errors = page.query_selector_all(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
                browser.close()
            if size[0] < 100 or size[1] < 100:
                raise AssertionError(f"the chart image on the page is only {size[0]}x{size[1]} pixels")
            if errors:
                raise AssertionError(f"{len(errors)} cells wrote to stderr in the browser; see {OUT}")
            return f"{NOTEBOOK} run in JupyterLab, chart {size[0]}x{size[1]} shown"
        finally:
            stop(proc)


def stop(proc):
    """Stops JupyterLab and its kernels (the whole process group)."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


if __name__ == "__main__":
    print(run())
