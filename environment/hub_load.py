"""How many students a server holds: N simulated students run notebook 02 at once on the course's JupyterHub.

    environment/.venv/bin/python environment/hub_load.py 1 5 10

For each N, a fresh hub (as in environment/hub_test.py) gets N students; all start their servers through the hub's
API at the same moment, and each runs every code cell of notebook 02 (full mode) in their own course kernel. Reported
per N: time from the start to each student's first result (a server started, a kernel started, the first cell
answered), the total time, and each kernel's peak resident memory; every cell of every run must succeed (the
notebook checks what it teaches). Not part of the test command: it takes minutes and loads the machine.
"""
import asyncio
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hub_test  # noqa: E402

NOTEBOOK = hub_test.ROOT / "notebooks" / "02-neurons-and-activations.ipynb"


def kernel_peak_mb(user):
    """The peak resident memory of the user's course kernel (the java process whose server is the user's)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if b"jjava" not in (proc / "cmdline").read_bytes():
                continue
            environ = (proc / "environ").read_bytes().split(b"\0")
            if f"JUPYTERHUB_USER={user}".encode() not in environ:
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            continue
    return None


def student(hub, user, cells, start, results):
    try:
        hub.start_server(user)
        kernel = hub.server(user, "POST", "api/kernels", {"name": "dlkit"})
        ws_url = hub.url.replace("http", "ws", 1) + f"/user/{user}/api/kernels/{kernel['id']}/channels"
        first = []

        async def run():
            statuses, _ = await hub_test.execute(ws_url, hub.user_tokens[user], cells[:1])
            first.append(time.monotonic() - start)
            more, _ = await hub_test.execute(ws_url, hub.user_tokens[user], cells[1:])
            return statuses + more

        statuses = asyncio.run(run())
        total = time.monotonic() - start
        peak = kernel_peak_mb(user)
        hub.server(user, "DELETE", f"api/kernels/{kernel['id']}")
        results[user] = {"first": first[0], "total": total, "peak_mb": peak, "ok": all(s == "ok" for s in statuses),
                         "failed_cells": [i for i, s in enumerate(statuses) if s != "ok"]}
    except Exception as e:  # reported in the table, not lost in a thread
        results[user] = {"error": f"{type(e).__name__}: {e}"}


def load(n):
    notebook = json.loads(NOTEBOOK.read_text())
    cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    users = [f"student{i + 1:02d}" for i in range(n)]
    with hub_test.started_hub() as (hub, _state):
        hub.call("POST", "/hub/api/users", {"usernames": users})
        results, threads = {}, []
        start = time.monotonic()
        for user in users:
            thread = threading.Thread(target=student, args=(hub, user, cells, start, results))
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()
        for user in users:
            try:
                hub.call("DELETE", f"/hub/api/users/{user}/server", expect=(202, 204, 400, 404))
            except Exception:
                pass
    return results


def main(counts):
    subprocess.run([str(hub_test.ENVDIR / "hub-setup")], check=True)
    rows = []
    for n in counts:
        print(f"--> {n} student{'s' if n > 1 else ''} at once", flush=True)
        results = load(n)
        errors = [f"{u}: {r['error']}" for u, r in results.items() if "error" in r]
        wrong = [f"{u}: cells {r['failed_cells']} failed" for u, r in results.items() if "error" not in r and not r["ok"]]
        done = [r for r in results.values() if "error" not in r]
        first = [r["first"] for r in done]
        total = [r["total"] for r in done]
        peaks = [r["peak_mb"] for r in done if r["peak_mb"]]
        rows.append((n, statistics.median(first) if first else float("nan"), max(first, default=float("nan")),
                     max(total, default=float("nan")), statistics.median(peaks) if peaks else float("nan"),
                     max(peaks, default=float("nan")), len(done) - len(wrong), errors + wrong))
        print(json.dumps(results, indent=1), flush=True)
    print()
    print("| students at once | first result, median / slowest | all done | kernel peak memory, median / largest | runs correct |")
    print("|---:|---:|---:|---:|---:|")
    for n, first_median, first_max, total_max, peak_median, peak_max, correct, problems in rows:
        print(f"| {n} | {first_median:.0f} s / {first_max:.0f} s | {total_max:.0f} s | {peak_median:,.0f} MB / "
              f"{peak_max:,.0f} MB | {correct} of {n} |")
        for problem in problems:
            print(f"    {problem}")
    if any(problems for *_, problems in rows):
        sys.exit(1)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 5, 10])
