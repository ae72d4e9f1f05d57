"""JupyterHub's configuration for a class on one server (read by environment/hub).

Every user logs in with an account the teacher approved (NativeAuthenticator: students sign up at /hub/signup, the
teacher approves them at /hub/authorize), gets a JupyterLab of their own with the course's kernel, in a home folder of
their own that holds a copy of the course's notebooks (copied at each start where a file is missing: a student's
edits are never overwritten). Servers are limited in memory and CPU (MEM_LIMIT and CPU_LIMIT, which the course's
kernel sizes itself to) and stopped after an idle hour. nbgrader's exchange is a folder all users share: the teacher
releases and collects, the students fetch and submit, in JupyterLab's Assignments panel or with nbgrader's commands.

All users' servers run as the Linux user that runs the hub (JupyterHub's SimpleLocalProcessSpawner): one machine,
no root needed, but no walls between the users' files for a determined student. Where that matters, run the
course on Kubernetes (environment/kubernetes), where every user gets a container of their own.

Settings (environment variables): DLKIT_HUB_DIR (state: database, homes, exchange; default environment/.hub),
DLKIT_HUB_IP and DLKIT_HUB_PORT (127.0.0.1:8000), DLKIT_HUB_ADMIN (the teacher's user name, "teacher"),
DLKIT_HUB_MEM (memory per user, 4G), DLKIT_HUB_CPU (CPUs per user, 1), DLKIT_HUB_IDLE (seconds before an idle server
stops, 3600), DLKIT_HUB_TOKEN (an API token with admin rights, for scripts and the tests; none by default),
DLKIT_HUB_API_PORT and DLKIT_HUB_PROXY_API_PORT (the hub's and the proxy's internal ports, 8081 and 8001).
"""
import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / "environment" / ".venv" / "bin"
STATE = Path(os.environ.get("DLKIT_HUB_DIR", ROOT / "environment" / ".hub")).resolve()
HOMES = STATE / "home"
EXCHANGE = STATE / "exchange"
ADMIN = os.environ.get("DLKIT_HUB_ADMIN", "teacher")
COURSE_ID = "dl-java"
for folder in (STATE, HOMES):
    folder.mkdir(parents=True, exist_ok=True)
EXCHANGE.mkdir(parents=True, exist_ok=True)
EXCHANGE.chmod(0o777)

c.JupyterHub.ip = os.environ.get("DLKIT_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("DLKIT_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("DLKIT_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(os.environ.get('DLKIT_HUB_PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# Accounts: the teacher approves each sign-up; the teacher is the hub's admin.
c.JupyterHub.authenticator_class = "native"
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 8
c.NativeAuthenticator.check_common_password = True
c.Authenticator.admin_users = {ADMIN}
c.Authenticator.allow_all = True          # everyone the teacher approved
c.Authenticator.allow_existing_users = True

# Each user's server: JupyterLab from the course's environment, in the user's own home, within limits.
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~/notebooks"
c.Spawner.default_url = "/lab"
c.Spawner.mem_limit = os.environ.get("DLKIT_HUB_MEM", "4G")
c.Spawner.cpu_limit = float(os.environ.get("DLKIT_HUB_CPU", "1"))
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {"PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
if os.geteuid() == 0:
    # Jupyter refuses to serve as root; run the hub as an ordinary user for a class (a container's root is the
    # exception this allows).
    c.Spawner.args = ["--allow-root"]


def prepare_home(spawner):
    """Copies the course into the user's home where a file is missing, and writes the user's nbgrader settings."""
    home = Path(spawner.home_dir)
    name = spawner.user.name
    source = ROOT / "notebooks"
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if path.is_dir() or relative.parts[0] in ("models", "runs", "mlruns", ".ipynb_checkpoints"):
            continue
        # The teacher gets the course's assignment sources; students get them from the exchange, by nbgrader.
        if relative.parts[0] == "assignments" and name != ADMIN:
            continue
        target = home / "notebooks" / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    settings = home / ".jupyter" / "nbgrader_config.py"
    settings.parent.mkdir(parents=True, exist_ok=True)
    lines = ["c = get_config()  # noqa: F821",
             f"c.CourseDirectory.course_id = {COURSE_ID!r}",
             f"c.Exchange.root = {str(EXCHANGE)!r}",
             # All servers run as one Linux user: nbgrader would name every submission after it.
             f"c.CourseDirectory.student_id = {name!r}" if name != ADMIN else
             f"c.CourseDirectory.root = {str(home / 'notebooks' / 'assignments')!r}",
             # Fetched assignments (and their feedback) go beside the course's notebooks.
             f"c.Exchange.assignment_dir = {str(home / 'notebooks')!r}"]
    settings.write_text("\n".join(lines) + "\n")


c.Spawner.pre_spawn_hook = prepare_home

# Idle servers stop after DLKIT_HUB_IDLE seconds, freeing their memory.
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={int(os.environ.get('DLKIT_HUB_IDLE', '3600'))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
token = os.environ.get("DLKIT_HUB_TOKEN")
if token:
    c.JupyterHub.services.append({"name": "course-admin", "api_token": token})
    c.JupyterHub.load_roles.append({"name": "course-admin", "services": ["course-admin"],
                                    "scopes": ["admin:users", "admin:servers", "tokens", "list:users"]})
