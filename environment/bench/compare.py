"""DL4J (through the course's library) against PyTorch on the CPU: the same models, data, batch sizes,
initialisation scheme, optimizer, seed and thread count, the two frameworks alternating.

Run by environment/benchmark (which builds the Java side and installs PyTorch); prints medians and the
DL4J/PyTorch ratios. Not part of the tests.
"""
import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELS = ["mlp", "cnn", "lstm", "autoencoder"]
DESCRIPTION = {
    "mlp": "MLP 784-1000-10, MNIST, batch 128",
    "cnn": "LeNet CNN, MNIST, batch 64",
    "lstm": "LSTM classifier (emb 128, hidden 128, 80 words), batch 64",
    "autoencoder": "autoencoder 784-256-64-256-784, MNIST, batch 128",
}
# Per model: timing examples, inference examples, accuracy examples, batch; filled from the DL4J worker
# (FrameworkWorker.sizes), so that both frameworks do the same work.
SIZES = {}
ACCURACY_EPOCHS = {"mlp": 2, "cnn": 1, "lstm": 2, "autoencoder": 2}
LENGTH, WORDS = 80, 10_000


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=5, help="timed repeats per framework (after one warm-up)")
    ap.add_argument("--models", default=",".join(MODELS), help="comma-separated subset of " + ",".join(MODELS))
    ap.add_argument("--threads", type=int, default=int(os.environ.get("OMP_NUM_THREADS", "1")))
    ap.add_argument("--variant", default=os.environ.get("DLKIT_NATIVE", "plain"),
                    choices=["plain", "avx2", "avx512", "onednn", "onednn-avx2", "onednn-avx512"],
                    help="which nd4j-native build DL4J runs on (default: the course kernel's, chosen at set-up)")
    ap.add_argument("--fast-layers", default="on", choices=["on", "off"],
                    help="the course's fused convolution, pooling and LSTM paths (dlkit.layers.FastLayers)")
    ap.add_argument("--workspaces", default="enabled", choices=["enabled", "none"],
                    help="DL4J's memory workspaces for training and inference (DL4J's default: enabled)")
    ap.add_argument("--no-accuracy", action="store_true", help="skip the accuracy check (saves minutes)")
    ap.add_argument("--no-sgemm", action="store_true")
    ap.add_argument("--no-kernel", action="store_true", help="skip the kernel cold start")
    ap.add_argument("--classpath", required=True, help="file holding the Java classpath of the worker")
    ap.add_argument("--cachedir", required=True, help="JavaCPP cache folder")
    return ap.parse_args()


class Worker:
    """The DL4J side: dlkit.bench.FrameworkWorker in its own JVM, one command and one JSON answer per line."""

    def __init__(self, classpath, cachedir, threads, variant, workspaces, fast_layers):
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), DLKIT_DATA=str(ROOT / "data"))
        options = [f"-Ddlkit.bench.workspaces={workspaces.upper()}",
                   f"-Ddlkit.fastLayers={'true' if fast_layers == 'on' else 'false'}"]
        if variant != "plain":
            plain = "nd4j-native-1.0.0-M2.1-linux-x86_64.jar"
            if plain not in classpath:
                sys.exit(f"--variant {variant}: the classpath has no {plain} to replace")
            classpath = classpath.replace(plain, Path(variant_jar(variant)).name)   # same folder in ~/.m2
            options.append(f"-Dorg.bytedeco.javacpp.platform.extension=-{variant}")
        self.proc = subprocess.Popen(
            ["java", "-Xmx6g", "-Djava.awt.headless=true", f"-Dorg.bytedeco.javacpp.cachedir={cachedir}",
             *options, "-cp", classpath, "dlkit.bench.FrameworkWorker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        self.ready = json.loads(self.proc.stdout.readline())

    def ask(self, *command):
        self.proc.stdin.write(" ".join(str(c) for c in command) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        if "error" in answer:
            raise RuntimeError(f"DL4J worker failed on {command}: {answer['error']}")
        return answer

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def flops_per_cycle():
    """Single-precision FLOP per cycle and core from the CPU's vector width: two FMA units of 16 floats on
    Intel's AVX-512 CPUs, of 8 floats with AVX2 (and on AMD's Zen 4, which runs AVX-512 as two 256-bit halves),
    of 4 floats with SSE only."""
    flags, vendor = set(), ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags") and not flags:
                flags = set(line.split(":", 1)[1].split())
            elif line.startswith("vendor_id") and not vendor:
                vendor = line.split(":", 1)[1].strip()
    except OSError:
        pass
    if "avx512f" in flags and vendor == "GenuineIntel":
        return 64, "AVX-512: two 16-wide FMA units"
    if "avx512f" in flags:
        return 32, "AVX-512 executed as two 256-bit halves: two 8-wide FMA units"
    if {"avx2", "fma"} <= flags:
        return 32, "AVX2: two 8-wide FMA units"
    return 16, "SSE: two 4-wide units"


def variant_jar(variant):
    """The nd4j-native jar of a CPU variant, fetched from Maven Central into ~/.m2 when missing."""
    name = f"nd4j-native-1.0.0-M2.1-linux-x86_64-{variant}.jar"
    jar = Path.home() / ".m2" / "repository" / "org" / "nd4j" / "nd4j-native" / "1.0.0-M2.1" / name
    if not jar.exists():
        subprocess.run(["mvn", "-q", "-B", "dependency:get", "-Dtransitive=false",
                        f"-Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-{variant}"], check=True)
    return str(jar)


def read_idx(path):
    import numpy as np
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class Torch:
    """The PyTorch side, in this process."""

    def __init__(self, threads, reviews_dir, initial):
        import numpy as np
        import torch
        self.np, self.torch, self.nn = np, torch, torch.nn
        torch.set_num_threads(threads)
        torch.manual_seed(42)
        mnist = ROOT / "data" / "mnist"
        self.mnist = {}
        for part, prefix in (("train", "train"), ("test", "t10k")):
            x = read_idx(mnist / f"{prefix}-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255
            y = read_idx(mnist / f"{prefix}-labels-idx1-ubyte.gz").astype(np.int64)
            self.mnist[part] = (torch.from_numpy(x), torch.from_numpy(y))
        self.reviews = {}
        for part in ("train", "test"):
            tokens = np.fromfile(reviews_dir / f"{part}-tokens.i32", dtype="<i4").astype(np.int64).reshape(-1, LENGTH)
            labels = np.fromfile(reviews_dir / f"{part}-labels.i32", dtype="<i4").astype(np.int64)
            self.reviews[part] = (torch.from_numpy(tokens), torch.from_numpy(labels))
        self.timed = {}
        self.initial = initial   # model -> {DL4J parameter key: numpy array}, the DL4J network's starting weights

    def network(self, model):
        nn, torch = self.nn, self.torch
        torch.manual_seed(42)
        if model == "mlp":
            net = nn.Sequential(nn.Linear(784, 1000), nn.ReLU(), nn.Linear(1000, 10))
        elif model == "cnn":
            net = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
                                nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                                nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))
        elif model == "lstm":
            net = LstmClassifier(nn, torch)
        elif model == "autoencoder":
            net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 64), nn.ReLU(),
                                nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid())
        else:
            raise ValueError(model)
        self.load_dl4j_weights(model, net)
        return net

    def load_dl4j_weights(self, model, net):
        """Copies the DL4J network's initial parameters into the PyTorch one, layer by layer."""
        torch, p = self.torch, self.initial[model]

        def dense(layer, key):   # DL4J W is [in, out], PyTorch weight [out, in]
            layer.weight.data = torch.from_numpy(p[f"{key}_W"].T.copy())
            layer.bias.data = torch.from_numpy(p[f"{key}_b"].reshape(-1).copy())

        def conv(layer, key):    # both [out, in, height, width]
            layer.weight.data = torch.from_numpy(p[f"{key}_W"].copy())
            layer.bias.data = torch.from_numpy(p[f"{key}_b"].reshape(-1).copy())

        if model == "mlp":
            dense(net[0], 0), dense(net[2], 1)
        elif model == "autoencoder":
            for index, key in ((0, 0), (2, 1), (4, 2), (6, 3)):
                dense(net[index], key)
        elif model == "cnn":
            conv(net[1], 0), conv(net[4], 2), dense(net[8], 4), dense(net[10], 5)
        elif model == "lstm":
            net.embedding.weight.data = torch.from_numpy(p["0_W"].copy())
            # DL4J's LSTM keeps its four blocks as [cell input, forget, output, input gate];
            # PyTorch's as [input gate, forget, cell input, output].
            order = [3, 1, 0, 2]
            h = 128

            def gates(matrix):   # DL4J [rows, 4h] -> PyTorch [4h, rows]
                blocks = [matrix[:, i * h:(i + 1) * h] for i in range(4)]
                return torch.from_numpy(self.np.concatenate([blocks[i] for i in order], axis=1).T.copy())
            net.lstm.weight_ih_l0.data = gates(p["1_W"])
            net.lstm.weight_hh_l0.data = gates(p["1_RW"])
            net.lstm.bias_ih_l0.data = gates(p["1_b"].reshape(1, -1)).reshape(-1)
            net.lstm.bias_hh_l0.data.zero_()
            dense(net.out, 2)

    def first_loss(self, model):
        _, _, _, batch = SIZES[model]
        x, y = self.batches(model, batch, batch, "train")[0]
        net = self.network(model)
        net.train()
        with self.torch.no_grad():
            return float(self.loss(model)(net(x), y))

    def loss(self, model):
        return self.nn.MSELoss() if model == "autoencoder" else self.nn.CrossEntropyLoss()

    def data(self, model, part):
        if model == "lstm":
            return self.reviews[part]
        x, y = self.mnist[part]
        return (x, x) if model == "autoencoder" else (x, y)

    def batches(self, model, count, batch, part):
        x, y = self.data(model, part)
        count = min(count, len(x))
        return [(x[i:min(count, i + batch)].contiguous(), y[i:min(count, i + batch)].contiguous())
                for i in range(0, count, batch)]

    def fit(self, state, batches):
        net, optimizer, loss = state
        net.train()
        for x, y in batches:
            optimizer.zero_grad(set_to_none=True)
            error = loss(net(x), y)
            error.backward()
            optimizer.step()
        return error.item()

    def fresh(self, model):
        net = self.network(model)
        return net, self.torch.optim.Adam(net.parameters(), lr=1e-3), self.loss(model)

    def train(self, model):
        timing, _, _, batch = SIZES[model]
        batches = self.batches(model, timing, batch, "train")
        state = self.timed.setdefault(model, self.fresh(model))
        start = time.perf_counter()
        self.fit(state, batches)
        return {"examples": sum(len(x) for x, _ in batches), "seconds": time.perf_counter() - start}

    def infer(self, model):
        _, inference, _, batch = SIZES[model]
        batches = self.batches(model, inference, batch, "test")
        net = self.timed.setdefault(model, self.fresh(model))[0]
        net.eval()
        start = time.perf_counter()
        with self.torch.inference_mode():
            for x, _ in batches:
                net(x)
        return {"examples": sum(len(x) for x, _ in batches), "seconds": time.perf_counter() - start}

    def accuracy(self, model, epochs):
        _, _, count, batch = SIZES[model]
        batches = self.batches(model, count, batch, "train")
        state = self.fresh(model)
        start = time.perf_counter()
        for _ in range(epochs):
            self.fit(state, batches)
        seconds = time.perf_counter() - start
        net = state[0]
        net.eval()
        x, y = self.data(model, "test")
        with self.torch.inference_mode():
            out = net(x)
        score = float(((out - x) ** 2).mean()) if model == "autoencoder" else float((out.argmax(1) == y).float().mean())
        return {"epochs": epochs, "seconds": seconds, "score": score}


def LstmClassifier(nn, torch):
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(WORDS, 128)
            self.lstm = nn.LSTM(128, 128, batch_first=True)
            self.out = nn.Linear(128, 2)

        def forward(self, tokens):
            steps, _ = self.lstm(self.embedding(tokens))
            return self.out(steps[:, -1])
    return Net()


FIRST_RESULT = """MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).list()
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3).activation(Activation.SOFTMAX).build())
        .build());
net.init();
net.output(Nd4j.ones(1, 4))"""


def kernel_start():
    """Seconds from starting the course's kernel to its first answer, and to the first DL4J result in a cell."""
    from jupyter_client.manager import start_new_kernel
    start = time.perf_counter()
    manager, client = start_new_kernel(kernel_name="dlkit", stderr=subprocess.DEVNULL)
    try:
        ready = time.perf_counter()
        reply = client.execute_interactive(FIRST_RESULT, timeout=300, output_hook=lambda message: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the first DL4J cell failed: {reply['content']}")
        first = time.perf_counter()
        client.execute_interactive(FIRST_RESULT.replace("net", "again"), timeout=300, output_hook=lambda message: None)
        second = time.perf_counter()
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return ready - start, first - start, second - first


def numpy_sgemm(n, k, m, repeats):
    import numpy as np
    rng = np.random.default_rng(42)
    a = rng.random((n, k), dtype=np.float32)
    b = rng.random((k, m), dtype=np.float32)
    c = np.empty((n, m), dtype=np.float32)
    np.matmul(a, b, out=c)
    best = min(timed(lambda: np.matmul(a, b, out=c)) for _ in range(repeats))
    return {"seconds": best, "gflops": 2 * n * k * m / best / 1e9}


def timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def cpu_ghz():
    """The nominal clock from the model name (e.g. '@ 2.10GHz'), else the current clock of /proc/cpuinfo."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return None, platform.processor()
    model = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")), "?")
    if "GHz" in model:
        return float(model.rsplit("@", 1)[1].replace("GHz", "").strip()), model
    mhz = [float(line.split(":", 1)[1]) for line in info.splitlines() if line.startswith("cpu MHz")]
    return (max(mhz) / 1000 if mhz else None), model


def median_rate(results):
    return statistics.median(r["examples"] / r["seconds"] for r in results)


def main():
    args = parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    models = [m for m in args.models.split(",") if m]
    for m in models:
        if m not in MODELS:
            sys.exit(f"unknown model '{m}'; choose from {', '.join(MODELS)}")
    classpath = Path(args.classpath).read_text().strip()
    worker = Worker(classpath, args.cachedir, args.threads, args.variant, args.workspaces, args.fast_layers)
    import numpy as np
    for model in models:
        sizes = worker.ask("sizes", model)
        SIZES[model] = (sizes["timing"], sizes["inference"], sizes["accuracy"], sizes["batch"])
    initial = {}
    with tempfile.TemporaryDirectory() as tmp:
        worker.ask("export", tmp)
        for model in models:
            folder = Path(tmp) / model
            shapes = worker.ask("init", model, folder)
            initial[model] = {key: np.fromfile(folder / f"{key}.f32", dtype="<f4").reshape(shape)
                              for key, shape in shapes.items()}
        torch_side = Torch(args.threads, Path(tmp), initial)
    import torch
    ghz, cpu = cpu_ghz()
    print(f"machine: {cpu}, {os.cpu_count()} cores; threads per framework: {args.threads}; "
          f"DL4J 1.0.0-M2.1 (nd4j-native {args.variant}: {worker.ready['native']}; workspaces "
          f"{worker.ready['workspaces'].lower()}; fast layers {args.fast_layers}), PyTorch {torch.__version__} "
          f"(CPU), Python {platform.python_version()}")
    print(f"{args.repeats} timed repeats after a warm-up, the frameworks alternating; medians; "
          "ratio = DL4J time / PyTorch time (above 1: DL4J slower)\n")
    print("the same starting weights (copied from DL4J): loss of the fresh networks on the first batch")
    for model in models:
        d, t = worker.ask("loss", model)["loss"], torch_side.first_loss(model)
        print(f"  {model}: DL4J {d:.5f}, PyTorch {t:.5f}" + ("" if abs(d - t) <= 1e-3 * max(1, abs(t)) else "  MISMATCH"))
    print()
    rows = []
    for model in models:
        runs = {"dl4j train": [], "torch train": [], "dl4j infer": [], "torch infer": []}
        worker.ask("train", model), torch_side.train(model)          # warm-up
        worker.ask("infer", model), torch_side.infer(model)
        for _ in range(args.repeats):
            runs["dl4j train"].append(worker.ask("train", model))
            runs["torch train"].append(torch_side.train(model))
            runs["dl4j infer"].append(worker.ask("infer", model))
            runs["torch infer"].append(torch_side.infer(model))
        train = (median_rate(runs["dl4j train"]), median_rate(runs["torch train"]))
        infer = (median_rate(runs["dl4j infer"]), median_rate(runs["torch infer"]))
        rows.append((DESCRIPTION[model] + ": training", train))
        rows.append((DESCRIPTION[model] + ": inference", infer))
        print(f"{DESCRIPTION[model]}: training {train[0]:,.0f} vs {train[1]:,.0f} samples/s (ratio {train[1] / train[0]:.2f}); "
              f"inference {infer[0]:,.0f} vs {infer[1]:,.0f} samples/s (ratio {infer[1] / infer[0]:.2f})", flush=True)
    if not args.no_accuracy:
        print("\nsame epochs, fresh networks, test score (accuracy; autoencoder: reconstruction MSE)")
        for model in models:
            epochs = ACCURACY_EPOCHS[model]
            d = worker.ask("accuracy", model, epochs)
            t = torch_side.accuracy(model, epochs)
            if model == "autoencoder":
                verdict = "ok" if abs(d["score"] - t["score"]) <= 0.1 * t["score"] else "DIFFERS"
                print(f"  {model}: {epochs} epochs on {SIZES[model][2]:,}: DL4J MSE {d['score']:.5f}, "
                      f"PyTorch {t['score']:.5f} ({verdict}: within 10%)", flush=True)
            else:
                diff = 100 * (d["score"] - t["score"])
                verdict = "ok" if abs(diff) <= 0.5 else "DIFFERS"
                print(f"  {model}: {epochs} epochs on {SIZES[model][2]:,}: DL4J {100 * d['score']:.2f}%, "
                      f"PyTorch {100 * t['score']:.2f}% ({diff:+.2f} points, {verdict}: within 0.5)", flush=True)
    if not args.no_sgemm:
        flops, why = flops_per_cycle()
        peak = args.threads * flops * ghz if ghz else None
        print(f"\nSGEMM float32 (ND4J: Nd4j.gemm into a row-major result, as the course's layers call it), "
              f"best of 5; peak = {args.threads} core(s) x {flops} FLOP/cycle ({why}) "
              f"x {ghz:.2f} GHz (the reported clock; boost clocks can exceed it) = {peak:.1f} GFLOPS"
              if peak else "\nSGEMM float32 (clock unknown: no peak)")
        for n, k, m in ((2048, 2048, 2048), (128, 784, 1000), (128, 1000, 10), (1000, 128, 784)):
            d = worker.ask("sgemm", n, k, m, 5)
            p = numpy_sgemm(n, k, m, 5)
            share = f", ND4J {100 * d['gflops'] / peak:.0f}% / numpy {100 * p['gflops'] / peak:.0f}% of peak" if peak else ""
            print(f"  [{n}x{k}] x [{k}x{m}]: ND4J {d['gflops']:.1f} GFLOPS, numpy (OpenBLAS) {p['gflops']:.1f} "
                  f"(ratio {p['gflops'] / d['gflops']:.2f}){share}", flush=True)
    worker.close()
    if not args.no_kernel:
        ready, first, again = kernel_start()
        print(f"\nkernel cold start: answers after {ready:.1f} s; first DL4J result in a cell after {first:.1f} s "
              f"from the start; the same cell again {again:.2f} s", flush=True)
    print("\n| benchmark | DL4J samples/s | PyTorch samples/s | DL4J time / PyTorch time |")
    print("|---|---:|---:|---:|")
    for name, (d, t) in rows:
        print(f"| {name} | {d:,.0f} | {t:,.0f} | {t / d:.2f} |")


if __name__ == "__main__":
    main()
