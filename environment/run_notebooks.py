"""Executes every course notebook from a fresh kernel and reports, as the test command's last step.

Each notebook in notebooks/ (or those whose names contain one of the arguments) runs top to bottom in
a new course kernel; the executed copy goes to target/notebooks/, the kernel's own log beside it. A
failing cell is named with its notebook, number, first line and error. Then the stop button is pressed
during training in a real kernel (environment/interrupt_test.py), a kernel started under a memory limit must
size itself to it (environment/kernel_limit_test.py), the graded assignments go through
nbgrader's round trip (environment/grading_test.py) and through JupyterHub with a teacher and three students
(environment/hub_test.py), and one notebook runs in JupyterLab in a real
browser (environment/browser_test.py), and the course's website is built from the executed copies and
opened in Chromium (environment/site, environment/website.py). A table of results ends the run, and its
last line reads "N passed, N failed".
"""
import json
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "target" / "notebooks"
KERNEL = "dlkit"
CELL_TIMEOUT = int(os.environ.get("DLKIT_CELL_TIMEOUT", "900"))


def failing_cell(nb):
    """The first code cell with an error output: (number, first line, error)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = next((l for l in cell.source.splitlines() if l.strip()), "")
                return index + 1, first.strip(), f"{output.get('ename')}: {output.get('evalue')}".strip()
    return None


def session_name(path):
    """The notebook's path as JupyterLab gives it to a kernel: relative to the repository when it lies inside."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# The peak resident memory of each notebook's kernel (the JVM: heap, off-heap arrays, native libraries), in bytes.
PEAK_MEMORY = {}


def kernel_peak_memory(client):
    """The kernel process's peak resident memory so far (Linux's VmHWM), in bytes; None where it cannot be read."""
    try:
        pid = client.km.provisioner.process.pid
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (AttributeError, OSError, ValueError):
        pass
    return None


def run_notebook(path, out=OUT, kernel=KERNEL, manager=None):
    """Runs one notebook in a fresh kernel, writing the executed copy and the kernel's log to out;
    returns (ok, seconds, message). A KernelSpecManager may say where the kernel's spec is."""
    out.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=CELL_TIMEOUT, startup_timeout=180,
                            resources={"metadata": {"path": str(path.parent)}})
    if manager is not None:
        client.km = client.create_kernel_manager()
        client.km.kernel_spec_manager = manager
    def record_peak(**_):
        peak = kernel_peak_memory(client)
        if peak is not None:
            PEAK_MEMORY[path.name] = peak

    # Read after every cell, while the kernel runs (the peak only grows; nbclient's end-of-notebook hook comes after
    # the kernel has stopped).
    client.on_cell_executed = record_peak
    log_path = out / (path.stem + ".kernel.log")
    start = time.monotonic()
    message, ok = "", True
    with open(log_path, "w") as log:
        try:
            # As JupyterLab does, the kernel learns which notebook it runs (a tracked run records it).
            client.execute(stdout=log, stderr=log, env=dict(os.environ, JPY_SESSION_NAME=session_name(path)))
        except CellExecutionError:
            ok = False
            found = failing_cell(nb)
            message = (f"cell {found[0]} ({found[1]!r}): {found[2]}" if found
                       else "a cell failed (see the executed copy)")
        except CellTimeoutError as e:
            ok = False
            message = f"a cell ran longer than {CELL_TIMEOUT} s: {str(e).splitlines()[0]}"
        except DeadKernelError as e:
            ok = False
            message = f"the kernel died ({e}); see {log_path.relative_to(ROOT)} (memory limits?)"
        except Exception as e:  # a kernel that never started, a broken notebook file
            ok = False
            message = f"{type(e).__name__}: {e}; see {log_path.relative_to(ROOT)}"
    seconds = time.monotonic() - start
    nbformat.write(nb, out / path.name)
    return ok, seconds, message


def main(selectors):
    notebooks = sorted(p for p in NOTEBOOKS.glob("*.ipynb"))
    if selectors:
        notebooks = [p for p in notebooks if any(s in p.name for s in selectors)]
    if not notebooks:
        sys.exit(f"no notebooks match {selectors} in {NOTEBOOKS}")
    results = []
    for path in notebooks:
        print(f"--> {path.name}", flush=True)
        ok, seconds, message = run_notebook(path)
        results.append((path.name, seconds, ok, message))
        print(f"    {'passed' if ok else 'FAILED'} in {seconds:.1f} s {message}", flush=True)

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import website
    mode = os.environ.get("DLKIT_MODE", "full")
    (OUT / "RUN.json").write_text(json.dumps(website.run_record(
        mode, {name: round(seconds) for name, seconds, ok, _ in results if ok},
        {name: round(PEAK_MEMORY[name] / (1 << 20)) for name, _, ok, _ in results if ok and name in PEAK_MEMORY}),
        indent=1) + "\n")
    if not selectors:
        import browser_test
        import grading_test
        import hub_test
        import interrupt_test
        import kernel_limit_test
        checks = [("kernel: the stop button during training", "kernel interrupt test", None,
                   lambda: "kernel: " + interrupt_test.run()),
                  ("kernel: sized to the memory limit it is given", "kernel memory-limit test", None,
                   kernel_limit_test.run),
                  ("assignments: the nbgrader round trip", "grading round trip", "DLKIT_SKIP_GRADING", grading_test.run),
                  ("hub: a class on JupyterHub, an assignment across users", "hub round trip", "DLKIT_SKIP_HUB",
                   hub_test.run),
                  ("browser: JupyterLab in Chromium", "browser test", "DLKIT_SKIP_BROWSER",
                   lambda: "browser: " + browser_test.run())]
        for heading, name, skip, check in checks:
            if skip and os.environ.get(skip, "0") == "1":
                continue
            print(f"--> {heading}", flush=True)
            start = time.monotonic()
            try:
                results.append((check(), time.monotonic() - start, True, ""))
            except Exception as e:
                traceback.print_exc()
                results.append((name, time.monotonic() - start, False, f"{type(e).__name__}: {e}"))

    if os.environ.get("DLKIT_SKIP_SITE", "0") != "1" and not selectors:
        print("--> website: built from these runs, opened in Chromium", flush=True)
        start = time.monotonic()
        try:
            subprocess.run([str(ROOT / "environment" / "site"), "--from", str(OUT)], check=True)
            results.append(("website: " + website.check(), time.monotonic() - start, True, ""))
        except Exception as e:
            traceback.print_exc()
            results.append(("website", time.monotonic() - start, False, f"{type(e).__name__}: {e}"))

    width = max(len(r[0]) for r in results)
    print()
    print(f"{'notebook':<{width}}  {'seconds':>8}  {'peak MB':>8}  status")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}  ------")
    for name, seconds, ok, message in results:
        peak = f"{PEAK_MEMORY[name] / (1 << 20):8.0f}" if name in PEAK_MEMORY else " " * 8
        print(f"{name:<{width}}  {seconds:8.1f}  {peak}  {'passed' if ok else 'FAILED: ' + message}")
    passed = sum(1 for r in results if r[2])
    failed = len(results) - passed
    print(f"executed notebooks: {OUT.relative_to(ROOT)}/")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
