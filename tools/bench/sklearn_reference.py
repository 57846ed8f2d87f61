#!/usr/bin/python3
"""scikit-learn's time for the bench's regularization paths (100 C values, warm start) and an
MLPClassifier with the bench's architecture (no dropout: scikit-learn has none). Prints JSON."""
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from make_parity_fixtures import design  # noqa: E402  (the same preprocessing as the fixtures)
import pandas as pd  # noqa: E402

warnings.simplefilter("ignore", ConvergenceWarning)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
frame = pd.read_csv(os.path.join(ROOT, "widgets/data/titanic.csv"))
frame = frame[frame["class"].isin(["1st", "2nd", "3rd"])].reset_index(drop=True)
y = (frame["survived"] == "yes").to_numpy(float)
X, _, _, _ = design(frame)
X, y = X[:1053], y[:1053]
n = len(y)


def path(penalty, solver, l1_ratio=None):
    lambdas = np.logspace(0, -4, 100) * 0.2
    model = LogisticRegression(penalty=penalty, solver=solver, warm_start=True, l1_ratio=l1_ratio, tol=1e-4, max_iter=1000)
    for lam in lambdas:
        model.set_params(C=1 / (n * lam))
        model.fit(X, y)


def mlp():
    MLPClassifier(hidden_layer_sizes=(32, 32), solver="adam", learning_rate_init=1e-3, batch_size=32,
                  max_iter=200, n_iter_no_change=10**9, tol=0, random_state=7).fit(X, y)


def timed(fn, repeats=3):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"median_ms": times[len(times) // 2], "min_ms": times[0], "max_ms": times[-1]}


cases = {
    "path L2 (lbfgs)": timed(lambda: path("l2", "lbfgs")),
    "path L1 (liblinear)": timed(lambda: path("l1", "liblinear")),
    "path L1 (saga)": timed(lambda: path("l1", "saga")),
    "path elastic net (saga)": timed(lambda: path("elasticnet", "saga", 0.5)),
    "MLP 32-32, 200 epochs": timed(mlp, 1),
}
print(json.dumps({"version": sklearn.__version__, "cases": cases}))
