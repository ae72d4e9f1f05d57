"""Makes the small Keras models in data/models/keras/ and the unusable Keras files in src/test/resources/keras/.

This script is not part of the course's set-up or CI. A maintainer runs it once; its outputs ship in
data/models/keras/ so that the course runs offline. To run it again:

    python -m venv /tmp/kerasvenv
    /tmp/kerasvenv/bin/pip install tensorflow==2.21.0 tf-keras==2.21.0 h5py==3.14.0 numpy==2.4.6
    /tmp/kerasvenv/bin/python environment/keras_models.py

Written to data/models/keras/ (legacy Keras 2 HDF5 models, saved with tf_keras):
  penguins-dense.h5   9 penguin features -> Dense(16, relu) -> Dense(3, softmax)
  mnist-cnn.h5        28x28x1 digits (channels last) -> two Conv2D/MaxPooling2D blocks -> Dense(10, softmax)
  reviews-lstm.h5     100 word ids -> Embedding(2002, 32) -> LSTM(32) -> Dense(1, sigmoid)
  for each model, <name>-inputs.npy and <name>-predictions.npy (float32): a few inputs and the model's
  outputs on them, for the Java side to compare with after import;
  reviews-lstm-vocabulary.txt  one word a line, line k (from 0) is word id k + 2;
  keras-models.json   versions, accuracies on the test data, and what is needed to prepare inputs.

Written to src/test/resources/keras/ (files the Java side must refuse, with a clear message):
  penguins-dense.keras       the penguin model in the Keras 3 ".keras" zip format
  penguins-dense.weights.h5  the penguin model's weights only, with no model configuration
  attention.h5               an untrained model with a MultiHeadAttention layer

The seeds are fixed, and TensorFlow's deterministic ops are on, so a rerun on the same machine with the same
versions gives the same weights.
"""
import os
import sys

# One thread for every math library, and no __pycache__ left in the repository by the import below.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.dont_write_bytecode = True

import collections
import csv
import gzip
import json
import re
import zipfile
from pathlib import Path

import h5py
import numpy as np
import tensorflow as tf
import tf_keras as keras

import penguin_features

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "data" / "models" / "keras"
REFUSED = ROOT / "src" / "test" / "resources" / "keras"
SEED = 42

# Reviews: vocabulary size, sequence length, and the ids kept for padding and unknown words.
VOCABULARY_WORDS = 2000
STEPS = 100
PADDING_ID = 0
UNKNOWN_ID = 1
MAX_TRAINING_REVIEWS = 20000


def set_seeds():
    """Seed Python, numpy and TensorFlow before building each model, so each model is reproducible alone."""
    keras.utils.set_random_seed(SEED)


def configure_tensorflow():
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.config.experimental.enable_op_determinism()


def save_array(name, array):
    """Save a float32, C-ordered, little-endian array as data/models/keras/<name>."""
    array = np.ascontiguousarray(array, dtype="<f4")
    np.save(MODELS / name, array)
    return array


def accuracy(probabilities, labels):
    """Share of rows whose most probable class is the label (or, for one sigmoid output, p >= 0.5)."""
    if probabilities.shape[1] == 1:
        predicted = (probabilities[:, 0] >= 0.5).astype(np.int64)
    else:
        predicted = probabilities.argmax(axis=1)
    return float((predicted == labels).mean())


# ----------------------------------------------------------------------------------------------------------
# Penguins


def one_hot(labels, classes):
    """Labels as one-hot rows: the models use categorical cross-entropy, which DL4J's import maps to its MCXENT loss
    (it has no counterpart for the sparse variant, and would import the last layer without a loss)."""
    return keras.utils.to_categorical(labels, classes).astype("float32")


def penguin_model():
    """Dense(16, relu) -> Dense(3, softmax) over the 9 penguin features, untrained."""
    model = keras.Sequential([
        keras.Input(shape=(len(penguin_features.FEATURES),)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(len(penguin_features.CLASSES), activation="softmax"),
    ], name="penguins_dense")
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def make_penguins():
    set_seeds()
    x_train, y_train, x_test, y_test = penguin_features.train_test_arrays()
    model = penguin_model()
    model.fit(x_train, one_hot(y_train, len(penguin_features.CLASSES)), epochs=100, batch_size=32, shuffle=True, verbose=0)

    model.save(MODELS / "penguins-dense.h5")
    inputs = save_array("penguins-dense-inputs.npy", x_test)
    predictions = save_array("penguins-dense-predictions.npy", model.predict(inputs, verbose=0))
    test_accuracy = accuracy(predictions, y_test)
    print(f"penguins-dense: test accuracy {test_accuracy:.4f} on {len(y_test)} penguins")
    info = {"features": penguin_features.FEATURES, "classes": penguin_features.CLASSES,
            "test_accuracy": round(test_accuracy, 4)}
    return model, info


def make_refused_files(penguins):
    """Three files the Java importer must refuse: Keras 3 zip format, weights only, an unsupported layer."""
    keras_v3 = REFUSED / "penguins-dense.keras"
    penguins.save(keras_v3)
    assert zipfile.is_zipfile(keras_v3), f"{keras_v3} is not a zip file"
    with zipfile.ZipFile(keras_v3) as archive:
        print(f"{keras_v3.name} is a zip holding {sorted(archive.namelist())}")

    weights_only = REFUSED / "penguins-dense.weights.h5"
    penguins.save_weights(weights_only)
    with h5py.File(weights_only, "r") as f:
        assert "model_config" not in f.attrs, f"{weights_only} has a model_config attribute"
        print(f"{weights_only.name} is HDF5 with attributes {sorted(f.attrs.keys())}, no model_config")

    # MultiHeadAttention has no Deeplearning4j Keras import; the model needs no training to show that.
    set_seeds()
    tokens = keras.Input(shape=(5, 8))
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=4)(tokens, tokens)
    pooled = keras.layers.GlobalAveragePooling1D()(attended)
    outputs = keras.layers.Dense(2, activation="softmax")(pooled)
    attention = keras.Model(tokens, outputs, name="attention")
    attention.save(REFUSED / "attention.h5")
    with h5py.File(REFUSED / "attention.h5", "r") as f:
        assert "model_config" in f.attrs, "attention.h5 should be a full model"


# ----------------------------------------------------------------------------------------------------------
# MNIST


def read_idx(path):
    """Read a gzip-compressed IDX file (big-endian header: magic, dimension sizes) into a uint8 array."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    dimensions = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dimensions))
    assert data[2] == 0x08, f"{path}: expected unsigned bytes"
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def mnist(split):
    """Images as float32 [n, 28, 28, 1] in [0, 1] (channels last) and labels as int64 [n]."""
    directory = ROOT / "data" / "mnist"
    images = read_idx(directory / f"{split}-images-idx3-ubyte.gz")
    labels = read_idx(directory / f"{split}-labels-idx1-ubyte.gz")
    return (images.astype(np.float32) / 255.0)[..., np.newaxis], labels.astype(np.int64)


def make_mnist():
    set_seeds()
    x_train, y_train = mnist("train")
    x_test, y_test = mnist("t10k")
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(8, (3, 3), activation="relu", data_format="channels_last"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, (3, 3), activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax"),
    ], name="mnist_cnn")
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, one_hot(y_train, 10), epochs=2, batch_size=64, shuffle=True, verbose=2)

    model.save(MODELS / "mnist-cnn.h5")
    inputs = save_array("mnist-cnn-inputs.npy", x_test[:64])
    save_array("mnist-cnn-predictions.npy", model.predict(inputs, verbose=0))
    test_accuracy = accuracy(model.predict(x_test, batch_size=500, verbose=0), y_test)
    print(f"mnist-cnn: test accuracy {test_accuracy:.4f} on {len(y_test)} images")
    return {"test_accuracy": round(test_accuracy, 4), "input_layout": "NHWC"}


# ----------------------------------------------------------------------------------------------------------
# Reviews


def read_reviews(path):
    """(texts, labels) of a fine-foods CSV: the "review" column, and 1 where "score" is "great", else 0."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    texts = [row["review"] for row in rows]
    labels = np.array([1 if row["score"] == "great" else 0 for row in rows], dtype=np.int64)
    return texts, labels


def words(text):
    """Lowercase, then runs of letters and apostrophes."""
    return re.findall(r"[a-z']+", text.lower())


def build_vocabulary(texts):
    """The most frequent training words, ties broken alphabetically."""
    counts = collections.Counter(word for text in texts for word in words(text))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:VOCABULARY_WORDS]]


def encode(texts, vocabulary):
    """Word ids as int32 [n, STEPS]: the first STEPS words, zeros after them (post padding)."""
    ids = {word: index + 2 for index, word in enumerate(vocabulary)}
    sequences = np.full((len(texts), STEPS), PADDING_ID, dtype=np.int32)
    for row, text in enumerate(texts):
        tokens = [ids.get(word, UNKNOWN_ID) for word in words(text)][:STEPS]
        sequences[row, :len(tokens)] = tokens
    return sequences


def make_reviews():
    set_seeds()
    train_texts, y_train = read_reviews(ROOT / "data" / "text" / "fine_foods_train.csv")
    test_texts, y_test = read_reviews(ROOT / "data" / "text" / "fine_foods_test.csv")
    train_texts, y_train = train_texts[:MAX_TRAINING_REVIEWS], y_train[:MAX_TRAINING_REVIEWS]
    vocabulary = build_vocabulary(train_texts)
    x_train = encode(train_texts, vocabulary)
    x_test = encode(test_texts, vocabulary)
    print(f"reviews: {len(train_texts)} training, {len(test_texts)} test, "
          f"{np.mean(x_test == UNKNOWN_ID) * 100:.1f}% of test positions are unknown words")

    model = keras.Sequential([
        keras.Input(shape=(STEPS,)),
        # input_length is stored in the configuration, which lets importers infer the sequence length.
        keras.layers.Embedding(VOCABULARY_WORDS + 2, 32, input_length=STEPS),
        keras.layers.LSTM(32),
        keras.layers.Dense(1, activation="sigmoid"),
    ], name="reviews_lstm")
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=4, batch_size=64, shuffle=True, verbose=2)

    model.save(MODELS / "reviews-lstm.h5")
    inputs = save_array("reviews-lstm-inputs.npy", x_test[:64])
    save_array("reviews-lstm-predictions.npy", model.predict(inputs, verbose=0))
    (MODELS / "reviews-lstm-vocabulary.txt").write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
    test_accuracy = accuracy(model.predict(x_test, batch_size=500, verbose=0), y_test)
    print(f"reviews-lstm: test accuracy {test_accuracy:.4f} on {len(y_test)} reviews "
          f"(always 'great' would score {y_test.mean():.4f})")
    return {"steps": STEPS, "vocabulary": VOCABULARY_WORDS + 2, "test_accuracy": round(test_accuracy, 4),
            "padding": "post", "unknown_id": UNKNOWN_ID}


def main():
    configure_tensorflow()
    MODELS.mkdir(parents=True, exist_ok=True)
    REFUSED.mkdir(parents=True, exist_ok=True)

    penguins, penguins_info = make_penguins()
    make_refused_files(penguins)
    summary = {
        "tf_keras": keras.__version__,
        "tensorflow": tf.__version__,
        "models": {
            "penguins-dense": penguins_info,
            "mnist-cnn": make_mnist(),
            "reviews-lstm": make_reviews(),
        },
    }
    (MODELS / "keras-models.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")

    for directory in (MODELS, REFUSED):
        for path in sorted(directory.iterdir()):
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
