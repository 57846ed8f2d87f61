#!/usr/bin/python3
"""Writes tests/fixtures/parity/tasks.json: scikit-learn references for the task kinds beyond
binary classification (engine/src/tasks/), which the engine's tests check against (Debian's
python3-sklearn; run with /usr/bin/python3).

- multiclass_metrics: accuracy (argmax, the first class on ties), log loss (eps 1e-15: clipped,
  then renormalized per row, as scikit-learn 1.2 does), macro and weighted F1, per-class
  precision/recall/F1/support (zero_division=0) and the confusion matrix, on fixed labels and
  probabilities (ties, a class never predicted, probabilities of exactly 0 and 1).
- regression_metrics: RMSE, MAE, MSE, R² (a constant truth: 1 if exact, else 0).
- multinomial_iris: the iris measurements (widgets/data/iris.csv) standardized with the
  population standard deviation, and LogisticRegression(multi_class="multinomial") fits with
  C = 1 / (n * lambda), so scikit-learn's objective equals the engine's
  (1/n) sum -log p_y + lambda * (alpha |W|_1 + (1 - alpha)/2 |W|^2).
- multinomial_ten_classes: a seeded 400 x 12 problem with 10 overlapping classes, fit the same
  way (L2 with newton-cg, elastic net and L1 with saga).
- linear_regression: a synthetic problem (seeded) and ElasticNet / Lasso / Ridge /
  LinearRegression fits; ElasticNet(alpha=lambda, l1_ratio=alpha) is the engine's objective,
  Ridge(alpha = n * lambda) its alpha = 0 case.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests/fixtures/parity/tasks.json")


def multiclass_cases():
    yield "ties_and_a_class_never_predicted", [0, 1, 2, 2, 1, 0, 2, 1], [
        [0.5, 0.5, 0.0], [0.2, 0.7, 0.1], [0.3, 0.4, 0.3], [0.1, 0.1, 0.8],
        [0.6, 0.2, 0.2], [1.0, 0.0, 0.0], [0.4, 0.35, 0.25], [0.0, 1.0, 0.0]]
    rng = np.random.default_rng(20261203)
    k, n = 4, 200
    logits = rng.normal(size=(n, k))
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y = np.array([rng.choice(k, p=row) for row in p])
    yield "many_rows_four_classes", y.tolist(), p.tolist()


def multiclass_reference(y, p):
    y, p = np.asarray(y), np.asarray(p, dtype=float)
    labels = list(range(p.shape[1]))
    predicted = p.argmax(axis=1)
    precision, recall, f1, support = metrics.precision_recall_fscore_support(
        y, predicted, labels=labels, zero_division=0)
    return {
        "accuracy": float(metrics.accuracy_score(y, predicted)),
        "log_loss": float(metrics.log_loss(y, p, eps=1e-15, labels=labels)),
        "f1_macro": float(metrics.f1_score(y, predicted, labels=labels, average="macro", zero_division=0)),
        "f1_weighted": float(metrics.f1_score(y, predicted, labels=labels, average="weighted", zero_division=0)),
        "precision": precision.tolist(), "recall": recall.tolist(), "f1": f1.tolist(),
        "support": support.tolist(),
        "confusion": metrics.confusion_matrix(y, predicted, labels=labels).tolist(),
    }


def regression_cases():
    yield "small", [3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]
    yield "constant_truth_exact", [4.0, 4.0, 4.0], [4.0, 4.0, 4.0]
    yield "constant_truth_missed", [4.0, 4.0, 4.0], [4.0, 5.0, 3.0]
    rng = np.random.default_rng(7)
    y = rng.normal(10, 3, 150)
    yield "many_rows", y.tolist(), (y + rng.normal(0, 1.5, 150)).tolist()


def regression_reference(y, v):
    mse = metrics.mean_squared_error(y, v)
    return {"rmse": float(np.sqrt(mse)), "mae": float(metrics.mean_absolute_error(y, v)),
            "mse": float(mse), "r2": float(metrics.r2_score(y, v))}


def standardized(X):
    scale = X.std(axis=0)
    scale[scale == 0] = 1
    return (X - X.mean(axis=0)) / scale


def multinomial_fit(X, y, penalty, l1_ratio, lam, tol, max_iter):
    """LogisticRegression(multi_class="multinomial") with C = 1 / (n * lambda): newton-cg for L2
    (not lbfgs: lbfgs stops on its relative-decrease test with a gradient near 1e-5, further
    from the optimum than the 1e-4 the engine is held to), saga with an L1 term."""
    kw = dict(C=1.0 / (len(y) * lam), tol=tol, max_iter=max_iter, multi_class="multinomial")
    if penalty == "l2":
        model = LogisticRegression(solver="newton-cg", **kw)
    else:
        model = LogisticRegression(solver="saga", penalty=penalty,
                                   l1_ratio=l1_ratio if penalty == "elasticnet" else None, **kw)
    model.fit(X, y)
    print(f"multinomial {len(model.classes_)} classes {penalty} lambda={lam}: n_iter={model.n_iter_[0]}", file=sys.stderr)
    return {"penalty": penalty, "l1_ratio": l1_ratio, "lambda": lam,
            "intercept": model.intercept_.tolist(), "coef": model.coef_.tolist(),
            "probability": model.predict_proba(X).tolist()}


def multinomial_iris():
    frame = pd.read_csv(os.path.join(ROOT, "widgets/data/iris.csv"))
    features = [c for c in frame.columns if c != "species"]
    classes = sorted(frame["species"].unique())
    X = standardized(frame[features].to_numpy(float))
    y = frame["species"].map({c: i for i, c in enumerate(classes)}).to_numpy()
    fits = []
    for penalty, l1_ratio in (("l2", 0.0), ("elasticnet", 0.5), ("l1", 1.0)):
        for lam in (0.1, 0.01):
            fits.append(multinomial_fit(X, y, penalty, l1_ratio, lam, tol=1e-12, max_iter=1000000))
    return {"features": features, "classes": classes, "X": X.tolist(), "y": y.tolist(), "fits": fits}


def multinomial_ten_classes():
    """A seeded 10-class problem (400 x 12, overlapping classes) for the multinomial solvers:
    ten classes make the cross-class coupling that class-by-class methods must resolve."""
    rng = np.random.default_rng(20261207)
    n, p, k = 400, 12, 10
    centres = rng.normal(0, 1.2, size=(k, p))
    y = np.arange(n) % k
    X = standardized(centres[y] + rng.normal(size=(n, p)))
    fits = []
    for penalty, l1_ratio, lam in (("l2", 0.0, 0.01), ("l2", 0.0, 0.001), ("elasticnet", 0.5, 0.01), ("l1", 1.0, 0.005)):
        # tol 1e-10: newton-cg's gradient test cannot reach 1e-12 here (rounding), and saga's
        # 1e-10 is already well inside the 1e-4 the engine is held to.
        fits.append(multinomial_fit(X, y, penalty, l1_ratio, lam, tol=1e-10, max_iter=300000))
    return {"X": X.tolist(), "y": y.tolist(), "fits": fits}


def linear_regression():
    rng = np.random.default_rng(11)
    n, p = 120, 8
    X = rng.normal(size=(n, p))
    X[:, 3] = X[:, 2] + 0.3 * rng.normal(size=n)  # correlated pair: L1 and L2 differ
    w = np.array([3.0, -2.0, 1.5, 0.0, 0.0, 0.5, 0.0, -1.0])
    y = 4.0 + X @ w + rng.normal(0, 1.0, n)
    fits = []
    for lam in (0.5, 0.05):
        for l1_ratio in (1.0, 0.5):
            model = (Lasso(alpha=lam, tol=1e-14, max_iter=1000000) if l1_ratio == 1.0 else
                     ElasticNet(alpha=lam, l1_ratio=l1_ratio, tol=1e-14, max_iter=1000000))
            model.fit(X, y)
            fits.append({"l1_ratio": l1_ratio, "lambda": lam, "intercept": float(model.intercept_),
                         "coef": model.coef_.tolist()})
        ridge = Ridge(alpha=n * lam, tol=1e-14).fit(X, y)
        fits.append({"l1_ratio": 0.0, "lambda": lam, "intercept": float(ridge.intercept_),
                     "coef": ridge.coef_.tolist()})
    ols = LinearRegression().fit(X, y)
    fits.append({"l1_ratio": 1.0, "lambda": 0.0, "intercept": float(ols.intercept_), "coef": ols.coef_.tolist()})
    return {"X": X.tolist(), "y": y.tolist(), "fits": fits}


def main():
    out = {"generator": "tools/make_task_fixtures.py", "sklearn": sklearn.__version__,
           "multiclass_metrics": [{"name": name, "y": y, "probability": p, **multiclass_reference(y, p)}
                                  for name, y, p in multiclass_cases()],
           "regression_metrics": [{"name": name, "y": y, "value": v, **regression_reference(y, v)}
                                  for name, y, v in regression_cases()],
           "multinomial_iris": multinomial_iris(),
           "multinomial_ten_classes": multinomial_ten_classes(),
           "linear_regression": linear_regression()}
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
