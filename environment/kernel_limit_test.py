"""A kernel under a memory limit sizes itself to it.

Starts the course's kernel as a JupyterHub spawner starts a user's kernels, with MEM_LIMIT set (4 GiB), and checks
that the JVM's heap is a quarter of the limit, ND4J's off-heap memory three eighths of it and its physical-memory
cap 90%, and that notebook 00's check reports the limit. Then checks the launcher's reading of cgroup files (v2 and
v1, limited and not) on made-up file trees.
"""
import os
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import start_new_kernel

sys.path.insert(0, str(Path(__file__).resolve().parent / "kernel"))
import launch  # noqa: E402

KERNEL = "dlkit"
GIB = 1 << 30
LIMIT = 4 * GIB
CODE = """
System.out.println(Runtime.getRuntime().maxMemory() + " " + org.bytedeco.javacpp.Pointer.maxBytes() + " "
        + org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
System.out.println(SetupCheck.run().get("memory").value());
"""


def run_in_kernel():
    env = dict(os.environ, MEM_LIMIT=str(LIMIT))
    km, kc = start_new_kernel(kernel_name=KERNEL, env=env, startup_timeout=180)
    try:
        lines = []
        reply = kc.execute_interactive(CODE, timeout=180, output_hook=lambda m: lines.append(m["content"]["text"])
                                       if m["msg_type"] == "stream" else None)
        if reply["content"]["status"] != "ok":
            raise AssertionError(f"the cell failed: {reply['content']}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(lines).strip().splitlines()
    heap, off_heap, physical = (int(v) for v in text[0].split())
    # The JVM reports a little less than -Xmx as its maximum (one survivor space is not counted).
    if not 0.85 * LIMIT / 4 <= heap <= LIMIT / 4:
        raise AssertionError(f"heap {heap / GIB:.2f} GiB, expected about a quarter of the 4 GiB limit")
    if off_heap != LIMIT * 3 // 8:
        raise AssertionError(f"off-heap {off_heap / GIB:.2f} GiB, expected three eighths of the 4 GiB limit")
    if physical != (LIMIT * 9 // 10) // (1 << 20) * (1 << 20):
        raise AssertionError(f"physical-memory cap {physical / GIB:.2f} GiB, expected 90% of the 4 GiB limit")
    if "sized to 4.0 GiB from MEM_LIMIT" not in text[1]:
        raise AssertionError(f"notebook 00's memory line does not name the limit: {text[1]}")
    return text[1]


def check_cgroups():
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "proc/self").mkdir(parents=True)
        # cgroup v2, a container: the limit at the mount's root
        (root / "proc/self/cgroup").write_text("0::/\n")
        (root / "sys/fs/cgroup").mkdir(parents=True)
        (root / "sys/fs/cgroup/memory.max").write_text("max\n")
        assert launch.cgroup_limit(root) is None, "memory.max 'max' is no limit"
        (root / "sys/fs/cgroup/memory.max").write_text(f"{3 * GIB}\n")
        assert launch.cgroup_limit(root) == 3 * GIB
        # cgroup v2 on a host: the limit on the process's own group, below the root
        (root / "proc/self/cgroup").write_text("0::/user.slice/kernel-1\n")
        (root / "sys/fs/cgroup/memory.max").write_text("max\n")
        (root / "sys/fs/cgroup/user.slice/kernel-1").mkdir(parents=True)
        (root / "sys/fs/cgroup/user.slice/kernel-1/memory.max").write_text(f"{2 * GIB}\n")
        assert launch.cgroup_limit(root) == 2 * GIB
        # cgroup v1
        (root / "proc/self/cgroup").write_text("12:cpu,cpuacct:/\n9:memory:/\n")
        (root / "sys/fs/cgroup/memory").mkdir(parents=True)
        (root / "sys/fs/cgroup/memory/memory.limit_in_bytes").write_text("9223372036854771712\n")
        assert launch.cgroup_limit(root) is None, "v1's huge number is no limit"
        (root / "sys/fs/cgroup/memory/memory.limit_in_bytes").write_text(f"{5 * GIB}\n")
        assert launch.cgroup_limit(root) == 5 * GIB
    assert launch.memory_limit({"MEM_LIMIT": "4G"}, root="/nonexistent")[0] == 4 * GIB
    assert launch.sizes(4 * GIB, True) == ("1024m", "1536m", "3686m")
    assert launch.sizes(64 * GIB, False) == ("8192m", "12288m", "22528m")
    assert launch.sizes(4 * GIB, True, heap="2g") == ("2048m", "1536m", "3686m")
    assert launch.threads({"OMP_NUM_THREADS": "8", "CPU_LIMIT": "2.0"}) == "2"
    assert launch.threads({"OMP_NUM_THREADS": "1", "CPU_LIMIT": "4"}) == "1"
    assert launch.threads({"OMP_NUM_THREADS": "4", "CPU_LIMIT": "0.5"}) == "1"
    assert launch.threads({"OMP_NUM_THREADS": "4"}) is None


def run():
    check_cgroups()
    return "kernel under a 4 GiB limit: " + run_in_kernel()


if __name__ == "__main__":
    print(run())
