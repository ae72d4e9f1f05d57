"""Writes the course's kernelspec into the project's Python environment (not the user's Jupyter).

The kernel is JJava started directly by `java` with the course's JVM options: heap and off-heap
limits, the JavaCPP cache folder, headless AWT; its environment carries the classpath (the course
library and its Maven-resolved dependencies), OMP_NUM_THREADS and the data folder. The file is
rewritten only when something in it changed.
"""
import argparse
import json
import os
import re
import sys
from pathlib import Path

KERNEL_NAME = "dlkit"
DISPLAY_NAME = "Java · Deep Learning (DL4J)"
GIB = 1 << 30


def physical_memory():
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 8 * GIB


def size(name, default_bytes):
    """A size from an environment variable such as DLKIT_HEAP=4g, else the default, as a JVM size."""
    value = os.environ.get(name)
    if value:
        if not re.fullmatch(r"[0-9]+[mMgG]", value):
            sys.exit(f"[setup] error: {name}='{value}' is not a size; write it like 4g or 3072m")
        return value.lower()
    return f"{max(512, default_bytes // (1 << 20))}m"


def to_bytes(jvm_size):
    return int(jvm_size[:-1]) * (GIB if jvm_size.endswith("g") else 1 << 20)


def threads():
    value = os.environ.get("DLKIT_THREADS")
    if value:
        if not value.isdigit() or int(value) < 1:
            sys.exit(f"[setup] error: DLKIT_THREADS='{value}' must be a whole number of threads, e.g. 2")
        return value
    cores = os.cpu_count() or 1
    # On two cores or fewer one OpenMP thread is fastest for the course's small networks (the other core
    # keeps the kernel and JupyterLab responsive); above that, about one thread per physical core.
    return "1" if cores <= 2 else str(max(1, cores // 2))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--java", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--classpath-file", required=True)
    ap.add_argument("--venv", required=True)
    ap.add_argument("--root", required=True)
    args = ap.parse_args()

    venv, root = Path(args.venv), Path(args.root)
    jjava_dir = venv / "share" / "jupyter" / "kernels" / "java"
    jjava_jar = jjava_dir / "jjava.jar"
    if not jjava_jar.is_file():
        sys.exit(f"[setup] error: the JJava kernel is not installed ({jjava_jar} is missing); "
                 "delete environment/.venv and run environment/lab again")

    ram = physical_memory()
    heap = size("DLKIT_HEAP", min(8 * GIB, max(GIB, ram // 4)))
    off_heap = size("DLKIT_OFFHEAP", min(12 * GIB, max(GIB, ram * 3 // 8)))
    physical = f"{(to_bytes(heap) + to_bytes(off_heap)) // (1 << 20) + 2048}m"
    cache = root / "environment" / ".cache" / "javacpp"

    classpath = [args.jar] + Path(args.classpath_file).read_text().strip().split(os.pathsep)
    spec = {
        "argv": [
            args.java,
            f"-Xmx{heap}",
            f"-Dorg.bytedeco.javacpp.maxbytes={off_heap}",
            f"-Dorg.bytedeco.javacpp.maxphysicalbytes={physical}",
            f"-Dorg.bytedeco.javacpp.cachedir={cache}",
            "-Djava.awt.headless=true",
            "-XX:+UseParallelGC",
            "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "-jar", str(jjava_jar),
            "{connection_file}",
        ],
        "display_name": DISPLAY_NAME,
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": os.pathsep.join(classpath),
            "OMP_NUM_THREADS": threads(),
            "DLKIT_DATA": str(root / "data"),
        },
        "metadata": {"debugger": False},
    }

    kernel_dir = venv / "share" / "jupyter" / "kernels" / KERNEL_NAME
    kernel_dir.mkdir(parents=True, exist_ok=True)
    for logo in ("logo-32x32.png", "logo-64x64.png"):
        if (jjava_dir / logo).is_file() and not (kernel_dir / logo).exists():
            (kernel_dir / logo).write_bytes((jjava_dir / logo).read_bytes())
    target = kernel_dir / "kernel.json"
    text = json.dumps(spec, indent=2) + "\n"
    if not target.is_file() or target.read_text() != text:
        target.write_text(text)
        print(f"[setup] kernel '{DISPLAY_NAME}': heap {heap}, off-heap {off_heap}, "
              f"OMP_NUM_THREADS={spec['env']['OMP_NUM_THREADS']}", file=sys.stderr)

    # JupyterLab of this environment lists the course's kernel only (the generic JJava one would
    # start without the course library).
    config_dir = venv / "etc" / "jupyter" / "jupyter_server_config.d"
    config_dir.mkdir(parents=True, exist_ok=True)
    config = {"KernelSpecManager": {"allowed_kernelspecs": [KERNEL_NAME]}}
    (config_dir / "dlkit.json").write_text(json.dumps(config, indent=2) + "\n")

    # The course runs offline: JupyterLab should not ask to fetch news or check for updates.
    settings_dir = venv / "share" / "jupyter" / "lab" / "settings"
    settings_dir.mkdir(parents=True, exist_ok=True)
    overrides = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
    (settings_dir / "overrides.json").write_text(json.dumps(overrides, indent=2) + "\n")


if __name__ == "__main__":
    main()
