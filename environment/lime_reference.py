"""LIME explanations from the Python lime package, for the library's test of Explanations.lime.

Not part of set-up or CI: run once with lime installed (pip install lime==0.2.0.1) and commit the JSON it writes:
    python environment/lime_reference.py src/test/resources/lime/tabular.json
The model is the small fixed network of shap_reference.py written out in numpy (the test writes the same one in
Java), on seeded training rows of different means and spreads. lime's tabular explainer runs without
discretization, in regression mode, with every input kept, 5,000 samples, for ten seeds: the test compares the
library's weights with their mean, within the spread between lime's own seeds.
"""
import json
import sys

import lime
import lime.lime_tabular
import numpy as np

from reference_network import B1, B2, FEATURES, W1, W2, model, rng

MEANS = np.array([0.0, 1.0, -0.5, 0.2, 0.0])
SCALES = np.array([1.0, 0.5, 2.0, 0.3, 1.5])
SEEDS = range(10)


training = np.round(rng.normal(size=(200, FEATURES)) * SCALES + MEANS, 3)
rows = np.round(rng.normal(size=(3, FEATURES)) * SCALES + MEANS, 3)
explained = []
for row in rows:
    weights, intercepts, scores = [], [], []
    for seed in SEEDS:
        explainer = lime.lime_tabular.LimeTabularExplainer(
            training, mode="regression", discretize_continuous=False, feature_selection="none", random_state=seed)
        e = explainer.explain_instance(row, model, num_features=FEATURES, num_samples=5000)
        w = np.zeros(FEATURES)
        for j, value in e.local_exp[e.dummy_label if hasattr(e, "dummy_label") else 1]:
            w[j] = value
        weights.append(w)
        intercepts.append(e.intercept[e.dummy_label if hasattr(e, "dummy_label") else 1])
        scores.append(e.score)
    weights = np.array(weights)
    explained.append({"row": row.tolist(), "weights": weights.mean(axis=0).tolist(),
                      "weights_std": weights.std(axis=0, ddof=1).tolist(),
                      "intercept": float(np.mean(intercepts)), "score": float(np.mean(scores))})
out = {"lime_version": "0.2.0.1", "samples": 5000, "seeds": len(SEEDS),
       "w1": W1.tolist(), "b1": B1.tolist(), "w2": W2.tolist(), "b2": B2,
       "training": training.tolist(), "explained": explained}
with open(sys.argv[1], "w") as f:
    json.dump(out, f, indent=1)
print("wrote", sys.argv[1], "weights of", len(rows), "rows")
