"""Starts the course's kernel with memory limits sized to the memory it may use.

The kernelspec runs this script, which replaces itself with the JVM (the kernel's process is then Java's own):

    launch.py --heap auto --off-heap auto -- java <options> -jar jjava.jar {connection_file}

The memory the kernel may use is, in this order: MEM_LIMIT (bytes; JupyterHub's spawners give it to every user's
server), the limit of the cgroup the kernel runs in (a container, a systemd slice), else the machine's RAM. From it
come the Java heap (a quarter, 1 to 8 GB; 256 MB at least under a limit) and ND4J's off-heap memory (three eighths,
1 to 12 GB; 512 MB at least under a limit), unless set-up fixed them (DLKIT_HEAP, DLKIT_OFFHEAP); under a limit,
ND4J is also kept to 90% of it in all (its physical-memory check throws a Java error the notebook shows, instead of
the kernel being killed). The kernel learns what was found from DLKIT_MEMORY_LIMIT, which notebook 00 reports.
Under a CPU limit (CPU_LIMIT, JupyterHub's), ND4J's OpenMP threads are kept within it.
"""
import os
import re
import sys
from pathlib import Path

GIB = 1 << 30
MIB = 1 << 20
# cgroup v1 writes "no limit" as a number near 2^63.
NO_LIMIT = 1 << 60


def physical_memory():
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 8 * GIB


def _read_number(path):
    try:
        text = Path(path).read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def cgroup_limit(root="/"):
    """The memory limit of this process's cgroup (v2, or v1), the smallest on its path; None when there is none."""
    root = Path(root)
    try:
        lines = (root / "proc/self/cgroup").read_text().splitlines()
    except OSError:
        lines = []
    limits = []
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        hierarchy, controllers, path = parts
        if hierarchy == "0" and controllers == "":            # cgroup v2
            base = root / "sys/fs/cgroup"
            name = "memory.max"
        elif "memory" in controllers.split(","):             # cgroup v1
            base = root / "sys/fs/cgroup/memory"
            name = "memory.limit_in_bytes"
        else:
            continue
        # Inside a container the cgroup's own files are at the mount's root; elsewhere under the path.
        relative = Path(path.lstrip("/"))
        for folder in [base / relative, *[base / p for p in relative.parents]]:
            value = _read_number(folder / name)
            if value is not None and value < NO_LIMIT:
                limits.append(value)
    return min(limits) if limits else None


def memory_limit(env=os.environ, root="/"):
    """(bytes, where they come from, whether it is a limit rather than the machine's RAM)."""
    given = env.get("MEM_LIMIT", "").strip()
    if given:
        value = parse_size(given)
        if value is None:
            sys.exit(f"[kernel] MEM_LIMIT='{given}' is not a size in bytes (or like 4G); fix the spawner's mem_limit")
        return value, "MEM_LIMIT (the server's limit)", True
    cgroup = cgroup_limit(root)
    if cgroup is not None and cgroup < physical_memory():
        return cgroup, "the cgroup's memory limit", True
    return physical_memory(), "the machine's RAM", False


def parse_size(text):
    """Bytes from "4294967296", "4G", "4g", "512M", "4GiB"; None when it is not a size."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtT]?)(?:i?[bB])?\s*", text)
    if not match:
        return None
    factor = {"": 1, "k": 1 << 10, "m": MIB, "g": GIB, "t": 1 << 40}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


def jvm_size(num_bytes):
    return f"{max(1, num_bytes // MIB)}m"


def sizes(limit, limited, heap="auto", off_heap="auto"):
    """The heap, the off-heap and the physical-memory cap as JVM sizes ("1024m"), for a limit in bytes."""
    if limited:
        heap_bytes = min(8 * GIB, max(256 * MIB, limit // 4))
        off_bytes = min(12 * GIB, max(512 * MIB, limit * 3 // 8))
    else:
        heap_bytes = min(8 * GIB, max(GIB, limit // 4))
        off_bytes = min(12 * GIB, max(GIB, limit * 3 // 8))
    if heap != "auto":
        heap_bytes = parse_size(heap)
    if off_heap != "auto":
        off_bytes = parse_size(off_heap)
    physical = heap_bytes + off_bytes + 2 * GIB
    if limited:
        physical = min(physical, limit * 9 // 10)
    return jvm_size(heap_bytes), jvm_size(off_bytes), jvm_size(physical)


def threads(env=os.environ):
    """OpenMP threads within the server's CPU limit (CPU_LIMIT, set by JupyterHub's spawners), never more than set-up
    chose (OMP_NUM_THREADS); None to leave them as they are."""
    configured, limit = env.get("OMP_NUM_THREADS", ""), env.get("CPU_LIMIT", "")
    try:
        allowed = max(1, int(float(limit)))
    except ValueError:
        return None
    return str(min(allowed, int(configured))) if configured.isdigit() else str(allowed)


def main(argv):
    if "--" not in argv:
        sys.exit("usage: launch.py --heap auto|SIZE --off-heap auto|SIZE -- java ...")
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    settings = dict(zip(options[0::2], options[1::2]))
    limit, source, limited = memory_limit()
    heap, off_heap, physical = sizes(limit, limited, settings.get("--heap", "auto"), settings.get("--off-heap", "auto"))
    os.environ["DLKIT_MEMORY_LIMIT"] = f"{limit / GIB:.1f} GiB from {source}"
    within = threads()
    if within is not None:
        os.environ["OMP_NUM_THREADS"] = within
    java, rest = command[0], command[1:]
    os.execv(java, [java, f"-Xmx{heap}", f"-Dorg.bytedeco.javacpp.maxbytes={off_heap}",
                    f"-Dorg.bytedeco.javacpp.maxphysicalbytes={physical}", *rest])


if __name__ == "__main__":
    main(sys.argv[1:])
