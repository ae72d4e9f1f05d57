"""Makes the small ONNX penguin classifier in data/models/onnx/.

This script is not part of the course's set-up or CI. A maintainer runs it once; its outputs ship in
data/models/onnx/ so that the course runs offline. To run it again:

    python -m venv /tmp/torchvenv
    /tmp/torchvenv/bin/pip install torch==2.15.0 onnx==1.23.2 onnxscript==0.7.2 onnxruntime==1.32.0 numpy==2.4.6
    /tmp/torchvenv/bin/python environment/onnx_model.py

A PyTorch network, Linear(9, 16) -> ReLU -> Linear(16, 3), is trained on the penguin training rows of
penguin_features.py and exported with a final Softmax, so the ONNX model gives class probabilities.
Written to data/models/onnx/:
  penguins-mlp.onnx              input "features" [batch, 9] float32, output "probabilities" [batch, 3],
                                 opset 17, weights inside the file (no external data file)
  penguins-mlp-inputs.npy        the test rows' features, float32 [n, 9]
  penguins-mlp-predictions.npy   PyTorch's probabilities for them, float32 [n, 3]
  penguins-mlp.json              versions, names, classes, test accuracy, and each test row as read from
                                 the CSV with its probabilities, for checks that start from raw values

The script checks with onnxruntime that the ONNX model gives PyTorch's probabilities (within 1e-5).
Seeds are fixed and PyTorch runs deterministically on one thread, so a rerun gives the same files.
"""
import os
import sys

# One thread for every math library, and no __pycache__ left in the repository by the import below.
os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.dont_write_bytecode = True

import json
import random
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch
from torch import nn

import penguin_features

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "models" / "onnx"
SEED = 42
OPSET = 17
EPOCHS = 200
INPUT_NAME = "features"
OUTPUT_NAME = "probabilities"
TOLERANCE = 1e-5


class WithSoftmax(nn.Module):
    """The trained network followed by a softmax over the classes: the model that is exported."""

    def __init__(self, logits_model):
        super().__init__()
        self.logits_model = logits_model
        self.softmax = nn.Softmax(dim=1)

    def forward(self, features):
        return self.softmax(self.logits_model(features))


def train(x_train, y_train):
    """Full-batch Adam on the cross-entropy of the logits; returns the network without the softmax."""
    torch.manual_seed(SEED)
    network = nn.Sequential(
        nn.Linear(len(penguin_features.FEATURES), 16),
        nn.ReLU(),
        nn.Linear(16, len(penguin_features.CLASSES)),
    )
    optimizer = torch.optim.Adam(network.parameters(), lr=0.01)
    loss_function = nn.CrossEntropyLoss()
    features, labels = torch.from_numpy(x_train), torch.from_numpy(y_train)
    for epoch in range(1, EPOCHS + 1):
        optimizer.zero_grad()
        loss = loss_function(network(features), labels)
        loss.backward()
        optimizer.step()
        if epoch % 50 == 0:
            print(f"epoch {epoch}: training loss {loss.item():.4f}")
    return network


def export(model, example, path):
    """Export with PyTorch's default exporter, then make sure the file stands alone and has opset 17."""
    torch.onnx.export(
        model, (example,), str(path),
        input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
        # The batch size is free; the argument is named after forward()'s parameter.
        dynamic_shapes={"features": {0: torch.export.Dim("batch")}},
        opset_version=OPSET, external_data=False,
    )
    # Load the model with its weights and save it again as one file, in case anything was written apart.
    proto = onnx.load(str(path), load_external_data=True)
    onnx.save_model(proto, str(path), save_as_external_data=False)
    onnx.checker.check_model(proto, full_check=True)
    opsets = {entry.domain or "ai.onnx": entry.version for entry in proto.opset_import}
    assert opsets.get("ai.onnx") == OPSET, f"exported opset {opsets}, expected {OPSET}"
    assert [i.name for i in proto.graph.input] == [INPUT_NAME], proto.graph.input
    assert [o.name for o in proto.graph.output] == [OUTPUT_NAME], proto.graph.output
    print(f"exported opsets {opsets}; operators {[node.op_type for node in proto.graph.node]}")


def main():
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    OUT.mkdir(parents=True, exist_ok=True)

    x_train, y_train, x_test, y_test = penguin_features.train_test_arrays()
    model = WithSoftmax(train(x_train, y_train)).eval()
    with torch.no_grad():
        probabilities = model(torch.from_numpy(x_test)).numpy().astype("<f4")
    test_accuracy = float((probabilities.argmax(axis=1) == y_test).mean())
    print(f"penguins-mlp: test accuracy {test_accuracy:.4f} on {len(y_test)} penguins")

    onnx_path = OUT / "penguins-mlp.onnx"
    export(model, torch.from_numpy(x_test[:2]), onnx_path)

    # The ONNX model must give PyTorch's probabilities, for the whole test set and for a single row.
    session = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    onnx_probabilities = session.run([OUTPUT_NAME], {INPUT_NAME: x_test})[0]
    single_row = session.run([OUTPUT_NAME], {INPUT_NAME: x_test[:1]})[0]
    difference = float(np.abs(onnx_probabilities - probabilities).max())
    print(f"max |onnxruntime - PyTorch| = {difference:.3g}")
    assert onnx_probabilities.shape == probabilities.shape
    assert difference <= TOLERANCE, f"ONNX outputs differ from PyTorch's by {difference}"
    assert np.abs(single_row - probabilities[:1]).max() <= TOLERANCE

    np.save(OUT / "penguins-mlp-inputs.npy", np.ascontiguousarray(x_test, dtype="<f4"))
    np.save(OUT / "penguins-mlp-predictions.npy", np.ascontiguousarray(probabilities, dtype="<f4"))
    rows = [{"row": raw, "probabilities": [float(p) for p in probs]}
            for raw, probs in zip(penguin_features.raw_test_rows(), probabilities)]
    summary = {
        "torch": torch.__version__,
        "onnx_opset": OPSET,
        "input": INPUT_NAME,
        "output": OUTPUT_NAME,
        "features": penguin_features.FEATURES,
        "classes": penguin_features.CLASSES,
        "test_accuracy": round(test_accuracy, 4),
        "rows": rows,
    }
    (OUT / "penguins-mlp.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")

    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
