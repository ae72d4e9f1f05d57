"""Writes the course's kernelspec into the project's Python environment (not the user's Jupyter).

The kernel is JJava started by `java` with the course's JVM options (the JavaCPP cache folder, headless AWT, the
native build), through launch.py, which sizes the heap and off-heap limits to the memory the kernel may use when it
starts (a spawner's MEM_LIMIT, a cgroup's limit, else the machine's RAM). Its environment carries the classpath (the
course library and its Maven-resolved dependencies), OMP_NUM_THREADS and the data folder. The file is rewritten only
when something in it changed.
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

KERNEL_NAME = "dlkit"
DISPLAY_NAME = "Java · Deep Learning (DL4J)"
sys.path.insert(0, str(Path(__file__).resolve().parent))
import launch  # noqa: E402  (the kernel's launcher, beside this file)

GIB = 1 << 30


def size(name):
    """A fixed size from an environment variable such as DLKIT_HEAP=4g, else "auto" (sized when the kernel starts)."""
    value = os.environ.get(name)
    if value:
        if not re.fullmatch(r"[0-9]+[mMgG]", value):
            sys.exit(f"[setup] error: {name}='{value}' is not a size; write it like 4g or 3072m")
        return value.lower()
    return "auto"


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


# ND4J's native builds for x86-64 Linux, each with the instruction sets it needs beyond plain x86-64.
NATIVE_BUILDS = {
    "plain": set(),
    "avx2": {"avx2", "fma"},
    "avx512": {"avx512f", "avx512bw", "avx512dq", "avx512vl"},
    "onednn": set(),
    "onednn-avx2": {"avx2", "fma"},
    "onednn-avx512": {"avx512f", "avx512bw", "avx512dq", "avx512vl"},
}
PLAIN_JAR = "nd4j-native-1.0.0-M2.1-linux-x86_64.jar"


def cpu_flags():
    """The CPU's instruction-set flags (Linux), or an empty set where they cannot be read."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def fastest_build(flags, machine=None, system=None):
    """The build this CPU runs fastest: oneDNN's for its widest vector instructions (convolutions and pooling
    go to oneDNN there), the plain build where there are no variants (not x86-64 Linux) or no AVX2."""
    machine = machine or platform.machine()
    system = system or sys.platform
    if not (system.startswith("linux") and machine in ("x86_64", "AMD64")):
        return "plain"
    for name in ("onednn-avx512", "onednn-avx2"):
        if NATIVE_BUILDS[name] <= flags:
            return name
    return "plain"


def native_build():
    """The nd4j-native build named by DLKIT_NATIVE (default, or 'auto': the fastest this CPU runs), refused
    when this CPU cannot run it."""
    name = os.environ.get("DLKIT_NATIVE", "auto").strip() or "auto"
    if name == "auto":
        return fastest_build(cpu_flags())
    if name not in NATIVE_BUILDS:
        sys.exit(f"[setup] error: DLKIT_NATIVE='{name}' is not a native build of ND4J; "
                 f"use auto (the fastest this CPU runs) or one of {', '.join(NATIVE_BUILDS)}")
    if name != "plain" and not (sys.platform.startswith("linux") and platform.machine() in ("x86_64", "AMD64")):
        sys.exit(f"[setup] error: DLKIT_NATIVE='{name}': the variant builds exist for x86-64 Linux only; "
                 "leave DLKIT_NATIVE unset (auto) on this machine")
    missing = NATIVE_BUILDS[name] - cpu_flags()
    if missing:
        sys.exit(f"[setup] error: DLKIT_NATIVE='{name}' needs CPU instructions this machine lacks "
                 f"({', '.join(sorted(missing))}); it would crash the kernel. Leave DLKIT_NATIVE unset (auto) or use plain.")
    return name


def with_native_build(classpath, build, maven):
    """The classpath with the plain nd4j-native jar replaced by the given build's (fetched into ~/.m2 when
    missing), and the JVM option that makes JavaCPP load that build."""
    if build == "plain":
        return classpath, []
    plain = next((p for p in classpath if Path(p).name == PLAIN_JAR), None)
    if plain is None:
        sys.exit(f"[setup] error: DLKIT_NATIVE='{build}' but the classpath has no {PLAIN_JAR} "
                 "(the GPU build has no CPU variants); unset DLKIT_NATIVE")
    jar = Path(plain).with_name(PLAIN_JAR.replace(".jar", f"-{build}.jar"))
    if not jar.is_file():
        print(f"[setup] fetching ND4J's {build} build (Maven Central, once)", file=sys.stderr)
        subprocess.run([maven, "-q", "-B", "-ntp", "dependency:get", "-Dtransitive=false",
                        f"-Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-{build}"], check=True)
    return [str(jar) if p == plain else p for p in classpath], [f"-Dorg.bytedeco.javacpp.platform.extension=-{build}"]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--java", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--classpath-file", required=True)
    ap.add_argument("--venv", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--maven", default="mvn", help="the mvn that fetches a native build when missing")
    ap.add_argument("--kernels-dir", help="write the kernelspec under this folder instead of the environment's "
                    "(the margins command's own kernels); the kernel's name stays 'dlkit'")
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                    help="an extra environment variable for the kernel, e.g. DLKIT_SEED=7")
    args = ap.parse_args()

    venv, root = Path(args.venv), Path(args.root)
    jjava_dir = venv / "share" / "jupyter" / "kernels" / "java"
    jjava_jar = jjava_dir / "jjava.jar"
    if not jjava_jar.is_file():
        sys.exit(f"[setup] error: the JJava kernel is not installed ({jjava_jar} is missing); "
                 "delete environment/.venv and run environment/lab again")

    heap, off_heap = size("DLKIT_HEAP"), size("DLKIT_OFFHEAP")
    cache = root / "environment" / ".cache" / "javacpp"

    classpath = [args.jar] + Path(args.classpath_file).read_text().strip().split(os.pathsep)
    build = native_build()
    classpath, native_options = with_native_build(classpath, build, args.maven)
    spec = {
        "argv": [
            str(venv / "bin" / "python"), str(Path(__file__).resolve().parent / "launch.py"),
            "--heap", heap, "--off-heap", off_heap, "--",
            args.java,
            f"-Dorg.bytedeco.javacpp.cachedir={cache}",
            "-Djava.awt.headless=true",
            *native_options,
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
            "DLKIT_NATIVE": build,
            **dict(e.split("=", 1) for e in args.env),
        },
        "metadata": {"debugger": False},
    }

    kernels = Path(args.kernels_dir) if args.kernels_dir else venv / "share" / "jupyter" / "kernels"
    kernel_dir = kernels / KERNEL_NAME
    kernel_dir.mkdir(parents=True, exist_ok=True)
    for logo in ("logo-32x32.png", "logo-64x64.png"):
        if (jjava_dir / logo).is_file() and not (kernel_dir / logo).exists():
            (kernel_dir / logo).write_bytes((jjava_dir / logo).read_bytes())
    target = kernel_dir / "kernel.json"
    text = json.dumps(spec, indent=2) + "\n"
    if not target.is_file() or target.read_text() != text:
        target.write_text(text)
        limit, source, limited = launch.memory_limit()
        now_heap, now_off_heap, _ = launch.sizes(limit, limited, heap, off_heap)
        print(f"[setup] kernel '{DISPLAY_NAME}': heap {heap}, off-heap {off_heap} (now {now_heap} and {now_off_heap}, "
              f"from {source}), "
              f"OMP_NUM_THREADS={spec['env']['OMP_NUM_THREADS']}, native build {build}", file=sys.stderr)
    if args.kernels_dir:
        return

    # JupyterLab of this environment offers the course's kernel only, as the default for new notebooks
    # (the generic JJava kernel would start without the course library, Python cannot run the course),
    # and leaves out the language-server extension, which has no server to talk to here.
    config_dir = venv / "etc" / "jupyter"
    config_dir.mkdir(parents=True, exist_ok=True)
    config = {"KernelSpecManager": {"allowed_kernelspecs": [KERNEL_NAME], "ensure_native_kernel": False},
              "MappingKernelManager": {"default_kernel_name": KERNEL_NAME},
              "ServerApp": {"jpserver_extensions": {"jupyter_lsp": False}}}
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(config, indent=2) + "\n")
    (config_dir / "jupyter_server_config.d" / "dlkit.json").unlink(missing_ok=True)

    # The course runs offline: JupyterLab should not ask to fetch news or check for updates.
    settings_dir = venv / "share" / "jupyter" / "lab" / "settings"
    settings_dir.mkdir(parents=True, exist_ok=True)
    overrides = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
    (settings_dir / "overrides.json").write_text(json.dumps(overrides, indent=2) + "\n")


if __name__ == "__main__":
    main()
