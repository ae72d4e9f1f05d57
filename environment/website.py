"""Builds the course as a static website with Jupyter Book, offline, into target/site/html/.

Every page is an executed notebook (prose, code, charts and tables as they came out of a real kernel),
arranged by chapter, with the graded assignments' student versions, a reference page taken from the
README, and the library's API reference (javadoc) linked from the navigation. Each notebook page opens
with a note that says which run it shows: mode, date, machine and time taken.

    website.py build --from DIR   build from the executed notebooks in DIR (a RUN.json there describes the run)
    website.py refresh            run every notebook in full mode into environment/executed/ (hours)
    website.py check              open the built site in Chromium: a chart image and the API link (test command)

environment/site wraps these with the set-up they need.
"""
import argparse
import html
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
ENVDIR = ROOT / "environment"
EXECUTED = ENVDIR / "executed"
SITE = ROOT / "target" / "site"
SOURCE = SITE / "source"
HTML = SITE / "html"
API = ROOT / "target" / "reports" / "apidocs"

# The course's chapters, in the order of the notebooks' numbers.
CHAPTERS = [
    ("Getting started", ["00", "01", "02", "03"]),
    ("Networks, losses and training", ["04", "05", "06", "07", "08"]),
    ("Images", ["09", "10", "13"]),
    ("Deep learning in practice", ["11", "12", "14", "15", "23"]),
    ("Sequences", ["16", "17", "18"]),
    ("Generative models, attention and transformers", ["19", "20", "21", "22"]),
]
# The README's sections shown as the site's reference page.
REFERENCE_SECTIONS = ["The library at a glance", "Datasets"]


def machine():
    """The machine a run happens on, in words: CPU model, cores, memory."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{model}, {os.cpu_count()} cores{memory}"


def kernel_setting(name):
    """A variable of the course kernel's environment (e.g. DLKIT_NATIVE, OMP_NUM_THREADS), or ''."""
    spec = ENVDIR / ".venv" / "share" / "jupyter" / "kernels" / "dlkit" / "kernel.json"
    try:
        return json.loads(spec.read_text()).get("env", {}).get(name, "")
    except (OSError, ValueError):
        return ""


def commit():
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run_record(mode, seconds_by_notebook, peak_mb_by_notebook=None):
    """What RUN.json says about a run of the notebooks: seconds and, where measured, the kernel's peak resident
    memory in MB."""
    record = {
        "mode": mode,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": machine(),
        "native_build": kernel_setting("DLKIT_NATIVE"),
        "threads": kernel_setting("OMP_NUM_THREADS"),
        "commit": commit(),
        "seconds": seconds_by_notebook,
    }
    if peak_mb_by_notebook:
        record["peak_memory_mb"] = peak_mb_by_notebook
    if os.environ.get("MEM_LIMIT", "").strip():
        # The kernels ran under this limit (environment/kernel/launch.py sized them to it).
        record["memory_limit"] = os.environ["MEM_LIMIT"].strip()
    return record


def refresh(selectors):
    """Runs the notebooks in full mode, each in a fresh kernel, into environment/executed/ (hours)."""
    sys.path.insert(0, str(ENVDIR))
    os.environ["DLKIT_MODE"] = "full"
    import run_notebooks

    run_notebooks.CELL_TIMEOUT = max(run_notebooks.CELL_TIMEOUT, 4 * 3600)
    work = ROOT / "target" / "executed-full"
    EXECUTED.mkdir(parents=True, exist_ok=True)
    record_path = EXECUTED / "RUN.json"
    record = json.loads(record_path.read_text()) if record_path.is_file() else {}
    seconds = dict(record.get("seconds", {}))
    peaks = dict(record.get("peak_memory_mb", {}))
    failed = []
    for path in sorted(run_notebooks.NOTEBOOKS.glob("[0-9]*.ipynb")):
        if selectors and not any(s in path.name for s in selectors):
            continue
        print(f"[site] {path.name}: running in full mode", file=sys.stderr, flush=True)
        ok, took, message = run_notebooks.run_notebook(path, out=work)
        if not ok:
            failed.append(f"{path.name}: {message}")
            continue
        shutil.copy(work / path.name, EXECUTED / path.name)
        seconds[path.name] = round(took)
        if path.name in run_notebooks.PEAK_MEMORY:
            peaks[path.name] = round(run_notebooks.PEAK_MEMORY[path.name] / (1 << 20))
        record = run_record("full", seconds, peaks)
        record_path.write_text(json.dumps(record, indent=1) + "\n")
    if failed:
        sys.exit("[site] error: these notebooks failed in full mode and were not kept:\n  " + "\n  ".join(failed))


def notice(record, name):
    """The note that opens a page: which run it shows."""
    seconds = record.get("seconds", {}).get(name)
    took = f", {seconds / 60:.1f} minutes" if seconds and seconds >= 90 else (f", {seconds} s" if seconds else "")
    mode = record.get("mode", "unknown")
    what = ("a learner's run (full mode: whole datasets, all epochs)" if mode == "full"
            else "the test command's quick run (small subsets, few epochs: lower accuracies than a learner's run)")
    build = record.get("native_build")
    threads = record.get("threads")
    limit = record.get("memory_limit")
    details = ", ".join(x for x in [f"ND4J build {build}" if build else "",
                                   f"{threads} thread{'s' if threads != '1' else ''}" if threads else "",
                                   f"kernel memory limit {limit}" if limit else ""] if x)
    return (f"*This page is {what}, executed on {record.get('date', '?')} on {record.get('machine', '?')}"
            f"{' (' + details + ')' if details else ''}, commit `{record.get('commit', '?')}`{took}. "
            f"Run it yourself with `environment/lab`.*")


def readme_sections(titles):
    """The README's sections with these titles (## or ###), links made to work from the site."""
    text = (ROOT / "README.md").read_text()
    parts = re.split(r"(?m)^(?=##+ )", text)
    chosen = []
    for title in titles:
        found = next((p for p in parts if re.match(rf"##+ {re.escape(title)}\s*$", p.splitlines()[0])), None)
        if found is None:
            raise SystemExit(f"[site] error: the README has no section '{title}' for the reference page")
        chosen.append(found)
    body = "\n".join(chosen)
    # Links into the repository point nowhere on the site; keep their text.
    body = re.sub(r"\[([^\]]+)\]\((?!https?://)[^)]+\)", r"\1", body)
    # The table of entry points and examples is too wide for a page: each of its rows becomes a line
    # and a code block.
    lines = []
    for line in body.split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")] if line.startswith("| ") else []
        if len(cells) != 3 or line.count("|") != 4:
            lines.append(line)
        elif cells[0] == "package":
            continue
        else:
            package, signature, example = cells
            code = example[1:-1] if example.startswith("`") and example.endswith("`") else None
            lines += [f"**{package}** · {signature}", ""] + (["```java", code, "```"] if code else [example]) + [""]
    return "\n".join(l for l in lines if l != "|---|---|---|")


def stage(source_dir):
    """Writes the book's sources: notebooks with their notice, chapters, index, reference, config."""
    record_path = source_dir / "RUN.json"
    record = json.loads(record_path.read_text()) if record_path.is_file() else {"mode": "unknown"}
    if SOURCE.exists():
        shutil.rmtree(SOURCE)
    (SOURCE / "notebooks").mkdir(parents=True)
    available = {p.name[:2]: p for p in source_dir.glob("[0-9][0-9]-*.ipynb")}
    if not available:
        raise SystemExit(f"[site] error: {source_dir} holds no executed notebooks (NN-name.ipynb); run them first "
                         "(environment/test, or environment/site --refresh for full mode)")
    parts, missing = [], []
    for caption, numbers in CHAPTERS:
        chapters = []
        for number in numbers:
            if number not in available:
                missing.append(number)
                continue
            path = available[number]
            nb = nbformat.read(path, as_version=4)
            first = nb.cells[0] if nb.cells else None
            if first is not None and first.cell_type == "markdown" and first.source.startswith("# "):
                title, _, rest = first.source.partition("\n")
                first.source = f"{title}\n\n{notice(record, path.name)}\n{rest}"
            else:
                nb.cells.insert(0, nbformat.v4.new_markdown_cell(notice(record, path.name)))
            nbformat.write(nb, SOURCE / "notebooks" / path.name)
            chapters.append({"file": f"notebooks/{path.stem}"})
        if chapters:
            parts.append({"caption": caption, "chapters": chapters})
    assignments = []
    release = ROOT / "notebooks" / "assignments" / "release"
    for folder in sorted(p for p in release.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.ipynb")):
            target = SOURCE / "assignments" / folder.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nb = nbformat.read(path, as_version=4)
            nb.cells.insert(0, nbformat.v4.new_markdown_cell(
                f"*Graded assignment `{folder.name}`, the student version: the cells marked `// YOUR CODE HERE` "
                "are yours to write; hidden tests grade them (see the README's teacher's guide).*"))
            nbformat.write(nb, target)
            assignments.append({"file": f"assignments/{folder.name}/{path.stem}"})
    parts.append({"caption": "Graded assignments (student versions)", "chapters": assignments})
    parts.append({"caption": "The library", "chapters": [{"file": "reference"}, {"file": "api"}]})

    (SOURCE / "_toc.yml").write_text(json.dumps({"format": "jb-book", "root": "index", "parts": parts}, indent=1))
    (SOURCE / "reference.md").write_text("# The library at a glance\n\n" + readme_sections(REFERENCE_SECTIONS)
                                         .split("\n", 1)[1] + "\n")
    (SOURCE / "index.md").write_text(index_page(record, missing))
    (SOURCE / "api.md").write_text(
        "# API reference\n\nThe javadoc of every public class of the library, package by package: "
        '<a href="api/index.html">open the API reference</a> (on its own page), or browse it here.\n\n'
        '<iframe src="api/index.html" title="API reference" style="width: 100%; height: 75vh; '
        'border: 1px solid #ddd"></iframe>\n')
    config = {
        "title": "Deep learning in Java",
        "author": "the course's authors",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "html": {"use_search_button": True, "home_page_in_navbar": True},
        "sphinx": {"config": {
            "html_extra_path": ["_extra"],
            "html_static_path": ["_static"],
            "html_show_copyright": False,
            "suppress_warnings": ["misc.highlighting_failure", "myst.header"],
            "nb_render_image_options": {"width": "auto"},
        }},
    }
    (SOURCE / "_config.yml").write_text(json.dumps(config, indent=1))
    (SOURCE / "_static").mkdir()
    (SOURCE / "_extra").mkdir()
    if not (API / "index.html").is_file():
        raise SystemExit(f"[site] error: no API reference in {API.relative_to(ROOT)}; environment/site builds it "
                         "with 'mvn javadoc:javadoc' first")
    shutil.copytree(API, SOURCE / "_extra" / "api")
    return record, missing


def index_page(record, missing):
    chapters = []
    for caption, numbers in CHAPTERS:
        chapters.append(f"- **{caption}**: notebooks {', '.join(numbers)}")
    gaps = (f"\n\nNot in this build (not executed): notebooks {', '.join(missing)}." if missing else "")
    return f"""# Deep learning in Java

A hands-on course in deep learning with Java: notebooks that go from a single neuron to convolutional and
recurrent networks, autoencoders, attention and GANs, each one training real Deeplearning4j (DL4J) networks
on real data, with a small helper library (`dlkit`) for the plumbing.

These pages are the notebooks as they ran, outputs and charts included, so that you can read the course
before installing anything. They show {"a learner's full run" if record.get("mode") == "full" else "a quick run of the test command"}
(executed on {record.get("date", "?")}, {record.get("machine", "?")}); every page says so at its top.{gaps}

To run the course yourself (a JDK 17+ and Python 3.9+; everything else is set up, offline afterwards):

```bash
environment/lab     # JupyterLab with the course's Java kernel, opened on the notebooks
```

The chapters:

{chr(10).join(chapters)}
- **Graded assignments**: the student versions of the four nbgrader assignments
- **The library**: its main entry points and the shipped datasets, and the API reference (javadoc)
"""


def build(source_dir):
    record, missing = stage(source_dir)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    if HTML.exists():
        shutil.rmtree(HTML)
    out = SITE / "_build"
    if out.exists():
        shutil.rmtree(out)
    start = time.monotonic()
    result = subprocess.run([str(jupyter_book), "build", str(SOURCE), "--path-output", str(SITE), "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit("[site] error: Jupyter Book failed (see above)")
    shutil.move(str(out / "html"), str(HTML))
    shutil.rmtree(out, ignore_errors=True)
    pages = len(list((HTML / "notebooks").glob("*.html")))
    print(f"[site] {pages} notebook pages, {record.get('mode')} mode, in {time.monotonic() - start:.0f} s: "
          f"{HTML.relative_to(ROOT)}/index.html", file=sys.stderr)


def check(name="09-cnn-mnist"):
    """Opens a notebook page of the built site in Chromium: a chart shows, the API link leads to the javadoc."""
    from playwright.sync_api import sync_playwright

    page_path = HTML / "notebooks" / f"{name}.html"
    if not page_path.is_file():
        page_path = sorted((HTML / "notebooks").glob("*.html"))[-1]
    chromium = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(page_path.as_uri())
        image = page.wait_for_selector("img[src*='.png']", timeout=30_000)
        image.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        size = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
        page.screenshot(path=str(SITE / "site.png"))
        notice_text = page.inner_text("article")
        link = page.query_selector("nav a:has-text('API reference')")
        if link is None:
            raise AssertionError(f"{page_path.name} has no link to the API reference in its navigation")
        link.click()
        page.wait_for_load_state()
        page.click("a:has-text('open the API reference')")
        page.wait_for_load_state()
        title = page.title()
        page.screenshot(path=str(SITE / "api.png"))
        browser.close()
    if size[0] < 100 or size[1] < 100:
        raise AssertionError(f"the first chart on {page_path.name} is {size[0]}x{size[1]} pixels, not a chart")
    if "This page is" not in notice_text:
        raise AssertionError(f"{page_path.name} does not say which run it shows")
    if "dlkit" not in title and "Overview" not in title:
        raise AssertionError(f"the API reference link opened '{title}', not the javadoc")
    return f"site page {page_path.name}: chart {size[0]}x{size[1]}, API reference opens ('{title}')"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--from", dest="source", type=Path, default=EXECUTED)
    r = sub.add_parser("refresh")
    r.add_argument("notebooks", nargs="*", help="only the notebooks whose names contain one of these")
    sub.add_parser("check")
    args = parser.parse_args()
    if args.command == "build":
        build(args.source.resolve())
    elif args.command == "refresh":
        refresh(args.notebooks)
    else:
        print(check())


if __name__ == "__main__":
    main()
