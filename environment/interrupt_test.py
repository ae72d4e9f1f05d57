"""The stop button during training, in a real course kernel.

Starts a kernel, trains a network for (practically) ever, interrupts the kernel as JupyterLab's stop
button does, and checks that the cell ends within seconds, that the learner saw where training stopped
(the progress bar reads "stopped: ..." with the library's message) and that the network is still usable:
it predicts, and it trains again.
"""
import time

from jupyter_client.manager import start_new_kernel

KERNEL = "dlkit"
SETUP = """
var data = Datasets.mnist().train().first(2000);
var net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(SEED).updater(new Adam(1e-3)).list()
   .layer(new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.RELU).build())
   .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
          .activation(Activation.SOFTMAX).build()).build());
net.init();
"""


def execute(kc, code, timeout=120):
    """Runs code; returns (status, ename, text outputs)."""
    outputs = []

    def hook(msg):
        content = msg["content"]
        if msg["msg_type"] == "stream":
            outputs.append(content["text"])
        elif msg["msg_type"] == "execute_result":
            outputs.append(content["data"].get("text/plain", ""))

    reply = kc.execute_interactive(code, timeout=timeout, output_hook=hook)
    return reply["content"]["status"], reply["content"].get("ename"), "".join(outputs)


def cell_outputs(kc, msg_id, texts, until_display=False):
    """Adds what the cell showed (streams, displays and their updates, errors) to texts, until the kernel went
    idle, or with until_display until its first display (the progress bar: training has started)."""
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        content = msg["content"]
        if msg["msg_type"] == "status" and content["execution_state"] == "idle":
            return "\n".join(texts)
        texts.append(content.get("text", ""))
        texts.extend(str(v) for v in content.get("data", {}).values())
        texts.append(content.get("evalue", ""))
        if until_display and msg["msg_type"] in ("display_data", "update_display_data"):
            return "\n".join(texts)


def run():
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=180)
    try:
        status, ename, _ = execute(kc, SETUP)
        assert status == "ok", f"setting up the network failed: {ename}"
        # With the progress bar and live chart on, as in a learner's notebook.
        msg_id = kc.execute("Learner.fit(net, data.iterator(64), FitOptions.epochs(1_000_000)).summary()")
        texts = []
        cell_outputs(kc, msg_id, texts, until_display=True)
        time.sleep(2)
        start = time.monotonic()
        km.interrupt_kernel()
        while True:
            reply = kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        seconds = time.monotonic() - start
        assert reply["content"]["status"] == "error", f"the training cell was not interrupted: {reply['content']}"
        assert seconds < 5, f"training took {seconds:.1f} s to stop after the interrupt"
        shown = cell_outputs(kc, msg_id, texts)
        assert "stopped:" in shown and "interrupted in epoch" in shown, \
            f"the progress bar does not show the stop and the library's message: {shown[-400:]!r}"
        status, ename, iterations = execute(kc, "net.getIterationCount()")
        assert status == "ok", f"the network was not usable after the interrupt: {ename}"
        time.sleep(1)
        _, _, later = execute(kc, "net.getIterationCount()")
        assert iterations == later, f"training went on after the interrupt: {iterations.strip()} then {later.strip()} steps"
        status, ename, text = execute(kc, "Learner.fit(net, data.iterator(64), FitOptions.epochs(1).quiet()).summary()")
        assert status == "ok" and "the one epoch ran" in text, f"the network did not train again: {ename} {text}"
        return f"interrupt stopped training in {seconds:.1f} s after {iterations.strip()} steps; the network trained on"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    print(run())
