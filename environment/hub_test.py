"""A class on the hub: the graded assignments' round trip across users, through JupyterHub.

Starts the course's JupyterHub (environment/hub_config.py) on loopback ports with a teacher and three students. Each
student's server starts through the hub's API, within its memory limit (the kernel sizes itself to it). The teacher
generates and releases the first assignment into nbgrader's exchange; each student, through their own server,
fetches it, runs it in their own course kernel (one with the reference solutions, one untouched, one with a
deliberate mistake), saves it and submits it; the teacher collects, autogrades, releases feedback and exports the
grades; the students fetch their feedback. The exported scores must be exactly what the notebooks deserve. Every
process the hub started is stopped at the end.
"""
import asyncio
import contextlib
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import grading_test  # noqa: E402  (the mistakes and the reference solutions)

ROOT = Path(__file__).resolve().parent.parent
ENVDIR = ROOT / "environment"
VENV_BIN = ENVDIR / ".venv" / "bin"
ASSIGNMENT = "a1-neural-network-basics"
COURSE_ID = "dl-java"
STUDENTS = {"ada": "reference", "ben": "blank", "cyd": "mistake"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    """The hub's REST API as an admin, and each user's server's API as that user."""

    def __init__(self, url, token):
        self.url, self.token, self.user_tokens = url, token, {}

    def call(self, method, path, body=None, token=None, form=None, expect=(200, 201, 202, 204)):
        data, headers = None, {"Authorization": f"token {token or self.token}"}
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        if form is not None:
            data, headers["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as e:
            text, status = e.read().decode(), e.code
        if status not in expect:
            raise AssertionError(f"{method} {path}: HTTP {status}: {text[:500]}")
        return json.loads(text) if text.strip().startswith(("{", "[")) else text

    def start_server(self, user):
        self.call("POST", f"/hub/api/users/{user}/server")
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            server = self.call("GET", f"/hub/api/users/{user}").get("servers", {}).get("", {})
            if server.get("ready"):
                self.user_tokens[user] = self.call("POST", f"/hub/api/users/{user}/tokens",
                                                   {"expires_in": 3600, "note": "hub test"})["token"]
                return
            time.sleep(1)
        raise AssertionError(f"{user}'s server did not start within 180 s")

    def server(self, user, method, path, body=None, form=None):
        return self.call(method, f"/user/{user}/{path}", body, token=self.user_tokens[user], form=form)


async def execute(ws_url, token, cells):
    """Runs the code cells in the kernel behind ws_url; returns each cell's status ("ok" or "error") and printed text."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect
    # A busy server (many students starting kernels on few cores) may take minutes to accept the connection.
    connection = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"},
                                                     connect_timeout=600, request_timeout=600))
    session, statuses, printed = uuid.uuid4().hex, [], []
    for code in cells:
        msg_id = uuid.uuid4().hex
        await connection.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "student", "session": session, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": False}}))
        status, idle, text = None, False, []
        while status is None or not idle:
            message = await asyncio.wait_for(connection.read_message(), 600)
            if message is None:
                raise AssertionError("the kernel's connection closed")
            message = json.loads(message)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                text.append(message["content"]["text"])
            elif message["msg_type"] == "execute_reply":
                status = message["content"]["status"]
            elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                idle = True
        statuses.append(status)
        printed.append("".join(text))
    connection.close()
    return statuses, printed


def run_as_student(hub, user, kind, reference):
    """The student's part, through their own server: fetch, work (run in their kernel), save, submit."""
    hub.server(user, "POST", "assignments/fetch", form={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
    path = f"api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    notebook = hub.server(user, "GET", path)["content"]
    right, wrong = grading_test.MISTAKES[ASSIGNMENT][:2]
    if kind != "blank":
        notebook = json.loads(reference if kind == "reference" else
                              reference.replace(json.dumps(right)[1:-1], json.dumps(wrong)[1:-1]))
    kernel = hub.server(user, "POST", "api/kernels", {"name": "dlkit"})
    cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
             for c in notebook["cells"] if c["cell_type"] == "code"]
    ws_url = hub.url.replace("http", "ws", 1) + f"/user/{user}/api/kernels/{kernel['id']}/channels"
    statuses, printed = asyncio.run(execute(ws_url, hub.user_tokens[user],
                                            ['System.out.println(SetupCheck.run().get("memory").value());'] + cells))
    if "sized to 4.0 GiB from MEM_LIMIT" not in printed[0]:
        raise AssertionError(f"{user}'s kernel is not sized to the server's 4 GiB limit: {printed[0]}")
    hub.server(user, "DELETE", f"api/kernels/{kernel['id']}")
    hub.server(user, "PUT", path, {"type": "notebook", "format": "json", "content": notebook})
    hub.server(user, "POST", "assignments/submit", form={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
    return statuses


def nbgrader_as_teacher(home, *args):
    grading_test.nbgrader(home / "notebooks" / "assignments", *args, home=home)


@contextlib.contextmanager
def started_hub():
    """A hub of the course's configuration on free loopback ports, in a temporary folder; yields (Hub, its folder) and
    stops everything it started at the end."""
    subprocess.run([str(ENVDIR / "hub-setup")], check=True)
    with tempfile.TemporaryDirectory(prefix="dlkit-hub-") as tmp:
        state = Path(tmp) / "hub"
        token = secrets.token_hex(24)
        port = free_port()
        env = dict(os.environ, DLKIT_HUB_DIR=str(state), DLKIT_HUB_PORT=str(port),
                   DLKIT_HUB_API_PORT=str(free_port()), DLKIT_HUB_PROXY_API_PORT=str(free_port()),
                   DLKIT_HUB_TOKEN=token, DLKIT_HUB_MEM="4G", DLKIT_HUB_CPU="1",
                   PATH=f"{ENVDIR / '.hub-proxy' / 'node_modules' / '.bin'}{os.pathsep}{VENV_BIN}{os.pathsep}"
                        f"{os.environ.get('PATH', '')}")
        log_path = ROOT / "target" / "hub.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "w") as log:
            process = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(ENVDIR / "hub_config.py")], env=env,
                                       cwd=tmp, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            hub = Hub(f"http://127.0.0.1:{port}", token)
            try:
                wait_for(hub)
                yield hub, state
            finally:
                stop(hub, process, state)


def wait_for(hub):
    deadline = time.monotonic() + 120
    while True:
        try:
            hub.call("GET", "/hub/api/")
            return
        except (urllib.error.URLError, ConnectionError, AssertionError):
            if time.monotonic() > deadline:
                raise AssertionError("the hub did not answer within 120 s (see target/hub.log)")
            time.sleep(1)


def run():
    with started_hub() as (hub, state):
        return round_trip(hub, state)


def round_trip(hub, state):
    hub.call("POST", "/hub/api/users", {"usernames": list(STUDENTS)})
    users = ["teacher", *STUDENTS]
    if sorted(u["name"] for u in hub.call("GET", "/hub/api/users")) != sorted(users):
        raise AssertionError("the hub's users are not the teacher and the three students")
    for user in users:
        hub.start_server(user)

    teacher = state / "home" / "teacher"
    nbgrader_as_teacher(teacher, "generate_assignment", ASSIGNMENT, "--force")
    nbgrader_as_teacher(teacher, "release_assignment", ASSIGNMENT, "--force")
    reference = (teacher / "notebooks" / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()

    runs = {}
    for user, kind in STUDENTS.items():
        runs[user] = run_as_student(hub, user, kind, reference)
        if not (state / "home" / user / "notebooks" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file():
            raise AssertionError(f"{user}'s work is not in their own home")
    if runs["ada"][0] != "ok" or any(s != "ok" for s in runs["ada"]):
        raise AssertionError(f"the reference solutions failed in ada's kernel: {runs['ada']}")
    if "error" not in runs["ben"]:
        raise AssertionError("the untouched assignment ran without an error in ben's kernel")

    nbgrader_as_teacher(teacher, "collect", ASSIGNMENT)
    nbgrader_as_teacher(teacher, "autograde", ASSIGNMENT, "--create", "--force")
    nbgrader_as_teacher(teacher, "generate_feedback", ASSIGNMENT, "--force")
    nbgrader_as_teacher(teacher, "release_feedback", ASSIGNMENT)
    grades = teacher / "notebooks" / "assignments" / "grades.csv"
    nbgrader_as_teacher(teacher, "export", "--to", str(grades))
    scores = {r["student_id"]: (float(r["score"]), float(r["max_score"]))
              for r in csv.DictReader(grades.open()) if r["assignment"] == ASSIGNMENT}
    top = scores["ada"][1]
    lost = grading_test.MISTAKES[ASSIGNMENT][2]
    expected = {"ada": top, "ben": 0.0, "cyd": top - lost}
    got = {user: scores.get(user, (None,))[0] for user in STUDENTS}
    if got != expected:
        raise AssertionError(f"exported scores {got}, expected {expected}")

    for user in STUDENTS:
        hub.server(user, "POST", "assignments/fetch_feedback", form={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
        if not list((state / "home" / user / "notebooks" / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html")):
            raise AssertionError(f"{user} did not get their feedback")
    return (f"hub: 1 teacher and 3 students on JupyterHub, {ASSIGNMENT} released, run in each student's kernel, "
            f"submitted, autograded: ada {got['ada']:g}/{top:g}, ben {got['ben']:g}, cyd {got['cyd']:g}; "
            f"feedback fetched")


def stop(hub, process, state):
    """Stops every user's server, then the hub (which stops its proxy and services), then anything left: the proxy
    and services by the hub's process group, and any process living in one of the hub's homes (a kernel that was
    still starting when its server stopped)."""
    try:
        users = [u["name"] for u in hub.call("GET", "/hub/api/users")]
    except Exception:
        users = []
    for user in users:
        try:
            hub.call("DELETE", f"/hub/api/users/{user}/server", expect=(202, 204, 400, 404))
        except Exception:
            pass
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)    # the proxy and the services, should the hub have left them
    except ProcessLookupError:
        pass
    homes = f"HOME={state / 'home'}/".encode()
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and any(v.startswith(homes) for v in (proc / "environ").read_bytes().split(b"\0")):
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


if __name__ == "__main__":
    print(run())
