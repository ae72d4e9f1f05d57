"""The graded assignments' round trip with real nbgrader and a real gradebook, as a teacher would run it.

In a copy of notebooks/assignments: nbgrader generates the student versions (which must equal the committed
ones in notebooks/assignments/release, so that they are reproducible), three students submit (the reference
solutions; the untouched student version; the reference with one deliberate mistake), nbgrader autogrades
them in fresh course kernels and exports the gradebook as CSV. The reference must score full marks, the
untouched version zero, and the mistake must lose exactly the points of its tests.
"""
import csv
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "notebooks" / "assignments"
VENV_BIN = ROOT / "environment" / ".venv" / "bin"

# One deliberate mistake per assignment: (text in the reference, the wrong text, points it must cost, hint shown).
MISTAKES = {
    "a1-neural-network-basics": ("Math.exp(-z)", "Math.exp(z)", 2, "the exponent is minus z"),
    "a2-cnn": ("* channelsIn * filters + filters", "* channelsIn * filters", 2, "each filter has a bias too"),
    "a3-lstm": ("System.arraycopy(tokens, tokens.length - kept, out, length - kept, kept);",
                "System.arraycopy(tokens, tokens.length - kept, out, 0, kept);", 3, "put the zeros in front"),
    "a4-fairness-audit": ("return highest == 0 || lowest / highest >= 0.8;",
                          "return highest - lowest <= 0.2;", 3, "it is a ratio"),
}


def nbgrader(course, *args, home=None):
    """Runs nbgrader in a course folder (as the user whose home is `home`, where given); fails with its output."""
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if home is not None:
        env["HOME"] = str(home)
    result = subprocess.run([str(VENV_BIN / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def assignments():
    return sorted(p.name for p in (COURSE / "source").iterdir() if p.is_dir())


def generate(course):
    """Generates every student version in `course` (a course folder); returns their paths."""
    for name in assignments():
        nbgrader(course, "generate_assignment", name, "--force")
    return sorted((Path(course) / "release").glob("*/*.ipynb"))


def failing_hint(notebook, expected):
    """The FAIL message of the autograded notebook that contains `expected`."""
    nb = json.loads(Path(notebook).read_text())
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            text = output.get("evalue", "")
            if "FAIL" in text and expected in text:
                return text[text.index("FAIL"):]
    return None


def run():
    with tempfile.TemporaryDirectory(prefix="dlkit-grading-") as tmp:
        course = Path(tmp) / "course"
        course.mkdir()
        shutil.copytree(COURSE / "source", course / "source")
        shutil.copy(COURSE / "nbgrader_config.py", course)
        for release in generate(course):
            committed = COURSE / "release" / release.parent.name / release.name
            if not committed.exists() or committed.read_text() != release.read_text():
                raise AssertionError(f"{committed.relative_to(ROOT)} is not what nbgrader generates from the source: "
                                     "run environment/assignments release, and commit the result")
        for name in assignments():
            source = course / "source" / name / f"{name}.ipynb"
            text = source.read_text()
            right, wrong, _, _ = MISTAKES[name]
            if json.dumps(right)[1:-1] not in text:
                raise AssertionError(f"{name}: the reference no longer contains {right!r}; update MISTAKES")
            for student, content in [("reference", text),
                                     ("blank", (course / "release" / name / f"{name}.ipynb").read_text()),
                                     ("mistake", text.replace(json.dumps(right)[1:-1], json.dumps(wrong)[1:-1]))]:
                folder = course / "submitted" / student / name
                folder.mkdir(parents=True)
                (folder / f"{name}.ipynb").write_text(content)
            nbgrader(course, "autograde", name, "--force", "--create")
        nbgrader(course, "export", "--to", str(course / "grades.csv"))
        rows = list(csv.DictReader((course / "grades.csv").open()))
        scores = {(r["assignment"], r["student_id"]): (float(r["score"]), float(r["max_score"])) for r in rows}
        problems, lines = [], []
        for name in assignments():
            reference, top = scores[(name, "reference")]
            blank, _ = scores[(name, "blank")]
            mistake, _ = scores[(name, "mistake")]
            lost = MISTAKES[name][2]
            if reference != top:
                problems.append(f"{name}: the reference scores {reference} of {top}")
            if blank != 0:
                problems.append(f"{name}: the untouched student version scores {blank}, not 0")
            if mistake != top - lost:
                problems.append(f"{name}: the mistake scores {mistake}, not {top - lost} ({lost} points lost)")
            hint = failing_hint(course / "autograded" / "mistake" / name / f"{name}.ipynb", MISTAKES[name][3])
            if hint is None:
                problems.append(f"{name}: the mistake's FAIL message lacks the hint '{MISTAKES[name][3]}'")
            lines.append(f"{name}: {reference:g}/{top:g}, blank {blank:g}, mistake {mistake:g}")
        if problems:
            raise AssertionError("; ".join(problems))
        return "grading round trip: " + "; ".join(lines)


if __name__ == "__main__":
    print(run())
