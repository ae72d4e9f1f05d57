"""Exact Shapley values from the Python shap package, for the library's test of Explanations.shapley.

Not part of set-up or CI: run once with shap installed (pip install shap==0.46.0) and commit the JSON it writes:
    python environment/shap_reference.py src/test/resources/shap/exact.json
The model is a small fixed network written out in numpy (the test writes the same one in Java), the background
and the explained rows come from a seeded generator, and shap's Exact explainer with an Independent masker over
the whole background computes the values.
"""
import json
import sys

import numpy as np
import shap

from reference_network import B1, B2, FEATURES, W1, W2, model, rng


background = np.round(rng.normal(size=(20, FEATURES)), 3)
rows = np.round(rng.normal(size=(3, FEATURES)), 3)
masker = shap.maskers.Independent(background, max_samples=len(background))
explanation = shap.explainers.Exact(model, masker)(rows)
out = {
    "shap_version": shap.__version__,
    "w1": W1.tolist(), "b1": B1.tolist(), "w2": W2.tolist(), "b2": B2,
    "background": background.tolist(), "rows": rows.tolist(),
    "values": explanation.values.tolist(), "base_values": np.asarray(explanation.base_values).tolist(),
}
with open(sys.argv[1], "w") as f:
    json.dump(out, f, indent=1)
print("wrote", sys.argv[1], "values of", rows.shape[0], "rows")
