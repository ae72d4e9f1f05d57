"""Runs the notebooks under several seeds and native builds and tabulates how far each check clears its threshold.

Every run gets a kernel of its own (the course's kernelspec written by environment/kernel/install.py into
target/margins/kernels/<run>, with DLKIT_NATIVE, DLKIT_SEED, DLKIT_MODE and DLKIT_CHECKS_CONTINUE set, so that a
failed check is reported and the notebook goes on). The checks print `✔ what [value > threshold]` (or `✘ check
failed: what [...]`); this script reads them back from the executed notebooks.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager

ENVDIR = Path(__file__).resolve().parent
ROOT = ENVDIR.parent
sys.path.insert(0, str(ENVDIR))
sys.path.insert(0, str(ENVDIR / "kernel"))
import run_notebooks  # noqa: E402
from install import NATIVE_BUILDS, cpu_flags  # noqa: E402

OUT = ROOT / "target" / "margins"
CHECK = re.compile(r"^(✔|✘ check failed:) (.*) \[(\S+) (>=|<=|>|<) (\S+)\](?: \(mode \w+\))?$")


def runnable_builds():
    flags = cpu_flags()
    return [b for b, needs in NATIVE_BUILDS.items() if needs <= flags]


def write_kernel(run, build, seed, mode, threads):
    """The course kernel of one run, in a folder of its own; returns a KernelSpecManager that finds it."""
    kernels = OUT / "kernels" / run
    env = dict(os.environ, DLKIT_NATIVE=build, DLKIT_THREADS=str(threads))
    subprocess.run([str(ENVDIR / "setup"), "--kernels-dir", str(kernels), "--env", f"DLKIT_SEED={seed}",
                    "--env", f"DLKIT_MODE={mode}", "--env", "DLKIT_CHECKS_CONTINUE=1"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    return kernels


def checks_of(executed):
    """(cell number, order in the cell, passed, description, value, comparison, threshold) of every check."""
    nb = nbformat.read(executed, as_version=4)
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        order = 0
        for output in cell.get("outputs", []):
            if output.get("output_type") != "stream":
                continue
            for line in output.get("text", "").splitlines():
                m = CHECK.match(line.strip())
                if m:
                    order += 1
                    found.append((index + 1, order, m.group(1) == "✔", m.group(2), float(m.group(3)),
                                  m.group(4), float(m.group(5))))
    return found


def margin(value, comparison, threshold):
    """How far value clears the threshold (negative: it does not), absolute and relative. Relative to the
    threshold's size; for a lower bound between 0 and 1 (accuracies, AUCs, shares) relative to its distance
    from 0 or 1, whichever is nearer: 0.9922 over 0.99 uses 22% of the room left, not 0.2% of the threshold."""
    absolute = value - threshold if comparison in (">", ">=") else threshold - value
    scale = abs(threshold)
    if comparison in (">", ">=") and 0 < threshold < 1:
        scale = min(threshold, 1 - threshold)
    relative = absolute / scale if scale != 0 else (float("inf") if absolute > 0 else float("-inf"))
    return absolute, relative


def run_one(run, notebook, kernels):
    manager = KernelSpecManager(kernel_dirs=[str(kernels)])
    out = OUT / run
    ok, seconds, message = run_notebooks.run_notebook(notebook, out=out, kernel="dlkit", manager=manager)
    return run, notebook.name, ok, seconds, message


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="42,7,2024", help="comma-separated seeds (DLKIT_SEED)")
    ap.add_argument("--builds", default=None, help="comma-separated native builds (default: all this CPU runs: "
                    + ", ".join(runnable_builds()) + ")")
    ap.add_argument("--mode", default="quick", choices=["quick", "full"])
    ap.add_argument("--parallel", type=int, default=1, help="notebooks run at once, one OpenMP thread each")
    ap.add_argument("--required", type=float, default=0.05,
                    help="the margin every check must keep, relative to its threshold (default 0.05; see margin())")
    ap.add_argument("--report-only", action="store_true",
                    help="run nothing: tabulate every run of this mode already in target/margins")
    ap.add_argument("selectors", nargs="*", help="notebooks whose names contain one of these")
    args = ap.parse_args()

    seeds = [int(s) for s in args.seeds.split(",")]
    builds = args.builds.split(",") if args.builds else runnable_builds()
    for build in builds:
        if build not in runnable_builds():
            sys.exit(f"--builds: {build} cannot run on this CPU (it runs {', '.join(runnable_builds())})")
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.selectors:
        notebooks = [p for p in notebooks if any(s in p.name for s in args.selectors)]
    runs = [f"{args.mode}-{build}-seed{seed}" for build in builds for seed in seeds]
    if args.report_only:   # every run of this mode that has been made, whatever the other options say
        runs = sorted(p.name for p in OUT.glob(f"{args.mode}-*") if p.is_dir())

    if not args.report_only:
        jobs = []
        threads = 1 if args.parallel > 1 else None
        for build in builds:
            for seed in seeds:
                run = f"{args.mode}-{build}-seed{seed}"
                kernels = write_kernel(run, build, seed, args.mode, threads or os.environ.get("DLKIT_THREADS", 1))
                jobs += [(run, nb, kernels) for nb in notebooks]
        print(f"{len(jobs)} notebook runs: {len(notebooks)} notebooks x builds {', '.join(builds)} x seeds "
              f"{', '.join(map(str, seeds))}, {args.mode} mode, {args.parallel} at a time", flush=True)
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.parallel) as pool:
            for run, name, ok, seconds, message in pool.map(lambda j: run_one(*j), jobs):
                print(f"  {run:28} {name:45} {'ran' if ok else 'FAILED'} in {seconds:6.1f} s {message}", flush=True)

    return report(runs, notebooks, args.required)


def report(runs, notebooks, required):
    table = defaultdict(list)        # (notebook, cell, order) -> [(run, passed, what, value, comparison, threshold)]
    missing = []
    for run in runs:
        for notebook in notebooks:
            executed = OUT / run / notebook.name
            if not executed.is_file():
                missing.append(f"{run}/{notebook.name}")
                continue
            for cell, order, passed, what, value, comparison, threshold in checks_of(executed):
                table[(notebook.stem[:2], cell, order)].append((run, passed, what, value, comparison, threshold))

    lines = ["| notebook | cell | check | comparison | runs | lowest | highest | smallest margin | relative | holds |",
             "|---|---:|---|---|---:|---:|---:|---:|---:|---|"]
    short, failed = [], []
    for key in sorted(table):
        rows = table[key]
        worst = min(rows, key=lambda r: margin(r[3], r[4], r[5])[1])
        absolute, relative = margin(worst[3], worst[4], worst[5])
        thresholds = sorted({r[5] for r in rows})
        comparison = worst[4] + " " + (fmt(thresholds[0]) if len(thresholds) == 1 else "another measured value")
        what = re.sub(r"\s+", " ", worst[2])
        what = what if len(what) <= 70 else what[:67] + "..."
        status = "yes" if relative >= required else ("SHORT" if absolute > 0 or worst[1] else "FAILS")
        if status == "SHORT":
            short.append((key, worst))
        if status == "FAILS":
            failed.append((key, worst))
        lines.append(f"| {key[0]} | {key[1]} | {what.replace('|', '/')} | {comparison} | {len(rows)} | "
                     f"{fmt(min(r[3] for r in rows))} | {fmt(max(r[3] for r in rows))} | {fmt(absolute)} | "
                     f"{relative:.0%} | {status} |")
    text = "\n".join(lines)
    print()
    print(text)
    print()
    print(f"{len(table)} checks in {len(runs)} runs ({', '.join(runs)}); required margin {required:.0%} of the threshold")
    for (nb, cell, _), worst in failed:
        print(f"FAILS  {nb} cell {cell}: {worst[2]} in {worst[0]}")
    for (nb, cell, _), worst in short:
        print(f"SHORT  {nb} cell {cell}: {worst[2]} in {worst[0]} (margin under {required:.0%})")
    if missing:
        print(f"not run: {len(missing)} notebook runs, e.g. {missing[0]}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "margins.md").write_text(text + "\n")
    print(f"written to {(OUT / 'margins.md').relative_to(ROOT)}; {len(failed)} failing, {len(short)} short of the margin")
    return 0 if not failed and not short else 1


def fmt(x):
    if x == float("inf"):
        return "inf"
    if x != 0 and (abs(x) < 1e-3 or abs(x) >= 1e5):
        return f"{x:.1e}"
    return f"{x:.4g}"


if __name__ == "__main__":
    sys.exit(main())
