"""The small fixed network of the explanation reference scripts (shap_reference.py, lime_reference.py).

Its weights are the first draws of a generator seeded with 7; the scripts draw their data from the same
generator afterwards. The Java tests write the same network from the weights in the JSON files.
"""
import numpy as np

rng = np.random.default_rng(7)
FEATURES, HIDDEN = 5, 4
W1 = np.round(rng.normal(size=(FEATURES, HIDDEN)), 3)
B1 = np.round(rng.normal(size=HIDDEN), 3)
W2 = np.round(rng.normal(size=HIDDEN), 3)
B2 = 0.25


def model(x):
    """P(positive) of a 5-4-1 network with tanh hidden units and a sigmoid output."""
    hidden = np.tanh(x @ W1 + B1)
    return 1 / (1 + np.exp(-(hidden @ W2 + B2)))
