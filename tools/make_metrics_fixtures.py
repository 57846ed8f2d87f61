#!/usr/bin/python3
"""Writes tests/fixtures/parity/metrics_binary.json: scikit-learn's binary classification
metrics on fixed labels and probabilities, which the engine's metrics tests check against
(Debian's python3-sklearn; run with /usr/bin/python3).

A row is predicted positive when its probability is > 0.5 (what LogisticRegression.predict
does: decision > 0). The cases hold ties within and across classes, a probability of exactly
0.5, probabilities of 0 and 1 (log loss clips them to [1e-15, 1 - 1e-15], passed explicitly
since scikit-learn 1.2's "auto" clips at the float epsilon), no predicted positive (precision
and F1 are then 0) and a single class (AUC undefined: null).
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn import metrics

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests/fixtures/parity/metrics_binary.json")


def cases():
    yield "ties_within_and_across_classes", [0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0], \
        [0.1, 0.4, 0.4, 0.8, 0.8, 0.5, 0.5, 0.9, 0.35, 0.2, 0.65, 0.7]
    yield "confident_mistakes_are_clipped", [1, 0, 1, 0, 1], [0.0, 1.0, 0.99, 0.01, 0.6]
    yield "every_score_tied_and_none_positive", [0, 1, 1, 0, 1, 0, 0], [0.3] * 7
    yield "single_class", [1, 1, 1, 1], [0.2, 0.6, 0.9, 0.6]
    # Many rows on a coarse grid of scores: long runs of ties, labels loosely following scores.
    rng = np.random.default_rng(20240611)
    p = np.round(rng.uniform(0, 1, 300), 1)
    y = (rng.uniform(0, 1, 300) < 0.2 + 0.6 * p).astype(int)
    yield "many_rows_on_a_coarse_grid", y.tolist(), p.tolist()


def reference(y, p):
    y, p = np.asarray(y), np.asarray(p, dtype=float)
    predicted = (p > 0.5).astype(int)
    try:
        auc = float(metrics.roc_auc_score(y, p))
    except ValueError:  # one class only
        auc = None
    return {
        "accuracy": float(metrics.accuracy_score(y, predicted)),
        "log_loss": float(metrics.log_loss(y, p, eps=1e-15, labels=[0, 1])),
        "auc": auc,
        "precision": float(metrics.precision_score(y, predicted, zero_division=0)),
        "recall": float(metrics.recall_score(y, predicted, zero_division=0)),
        "f1": float(metrics.f1_score(y, predicted, zero_division=0)),
        "confusion": metrics.confusion_matrix(y, predicted, labels=[0, 1]).tolist(),  # [[tn, fp], [fn, tp]]
    }


def main():
    out = {"generator": "tools/make_metrics_fixtures.py", "sklearn": sklearn.__version__,
           "predicted_positive": "probability > 0.5", "cases": []}
    for name, y, p in cases():
        out["cases"].append({"name": name, "y": y, "probability": p, **reference(y, p)})
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
