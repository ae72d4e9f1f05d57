"""The penguin features shared by keras_models.py and onnx_model.py.

Reads data/tabular/palmerpenguins_penguins.csv, drops every row with a missing value (written NA), and
splits the 333 remaining rows in file order: row i (counted after dropping, from 0) is a test row when
i % 5 == 4, a training row otherwise. Each row becomes 9 features, in the order of FEATURES: the four
measurements standardized with the training rows' mean and population standard deviation (ddof=0), then
one-hot island and sex (0/1). The label is the index of the species in CLASSES.

Only the standard library and numpy are used, so both virtual environments can import it.
"""
import csv
from pathlib import Path

import numpy as np

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "tabular" / "palmerpenguins_penguins.csv"

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
ISLANDS = ["Biscoe", "Dream", "Torgersen"]
SEXES = ["female", "male"]
FEATURES = MEASUREMENTS + [f"island={i}" for i in ISLANDS] + [f"sex={s}" for s in SEXES]
CLASSES = ["Adelie", "Chinstrap", "Gentoo"]
COMPLETE_ROWS = 333


def _complete_rows():
    """The CSV rows, as dicts of strings, that have no missing value, in file order."""
    with open(CSV_PATH, newline="") as f:
        rows = [row for row in csv.DictReader(f) if "NA" not in row.values() and "" not in row.values()]
    assert len(rows) == COMPLETE_ROWS, f"expected {COMPLETE_ROWS} complete rows, found {len(rows)}"
    return rows


def _is_test(index):
    """Every fifth row (indices 4, 9, 14, ...) is a test row."""
    return index % 5 == 4


def _split_rows():
    """(training rows, test rows), each a list of CSV dicts in file order."""
    rows = _complete_rows()
    train = [row for i, row in enumerate(rows) if not _is_test(i)]
    test = [row for i, row in enumerate(rows) if _is_test(i)]
    return train, test


def _standardization(train_rows):
    """Mean and population standard deviation (ddof=0) of each measurement over the training rows."""
    values = np.array([[float(row[m]) for m in MEASUREMENTS] for row in train_rows], dtype=np.float64)
    return values.mean(axis=0), values.std(axis=0, ddof=0)


def _encode(rows, mean, std):
    """Feature matrix (float32, [n, 9]) and labels (int64, [n]) of the given CSV rows."""
    features = np.zeros((len(rows), len(FEATURES)), dtype=np.float64)
    labels = np.zeros(len(rows), dtype=np.int64)
    for r, row in enumerate(rows):
        measured = np.array([float(row[m]) for m in MEASUREMENTS])
        features[r, :len(MEASUREMENTS)] = (measured - mean) / std
        features[r, FEATURES.index("island=" + row["island"])] = 1.0
        features[r, FEATURES.index("sex=" + row["sex"])] = 1.0
        labels[r] = CLASSES.index(row["species"])
    return features.astype(np.float32), labels


def train_test_arrays():
    """(X_train, y_train, X_test, y_test): float32 features [n, 9] and integer labels [n]."""
    train, test = _split_rows()
    mean, std = _standardization(train)
    x_train, y_train = _encode(train, mean, std)
    x_test, y_test = _encode(test, mean, std)
    return x_train, y_train, x_test, y_test


def raw_test_rows():
    """The test rows as read: the four measurements as floats, island and sex as strings."""
    _, test = _split_rows()
    raw = []
    for row in test:
        entry = {m: float(row[m]) for m in MEASUREMENTS}
        entry["island"] = row["island"]
        entry["sex"] = row["sex"]
        raw.append(entry)
    return raw


if __name__ == "__main__":
    # A quick look at the split: sizes, class counts and the first test row.
    x_train, y_train, x_test, y_test = train_test_arrays()
    print("train", x_train.shape, np.bincount(y_train, minlength=3))
    print("test ", x_test.shape, np.bincount(y_test, minlength=3))
    print("first test row", raw_test_rows()[0], x_test[0])
