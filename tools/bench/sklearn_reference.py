#!/usr/bin/python3
"""scikit-learn's side of tools/lab bench, measured in the same run as the engine.

Reads a job (JSON file named on the command line) written by tools/bench/run.mjs:
  csv        the bench's Titanic rows (the engine fits every row of the same file)
  paths      {penalty: {"l1_ratio", "lambdas", "columns", "engine": [[intercept, coef...] per lambda]}}
  repeats    timed repeats of each path
  mlp        {"hidden", "epochs", "batch_size", "learning_rate", "repeats", "seed"}
  design_out where to write the design matrix (X, y) for the TensorFlow.js side
Prints one JSON object: per penalty, every applicable solver's path time (median/min/max of
`repeats`, warm-started where the solver supports it, scikit-learn's default tol=1e-4) and its
largest coefficient difference from the engine's path, a tightly converged reference
(tol=1e-10) to show how far each is from the optimum, and MLPClassifier's training time.
The design matrix is the parity fixtures' (tools/make_parity_fixtures.py), which the engine's
tests check against the engine's own preprocessing to 1e-12.

Case 8 (tools/bench/lib/own-table-case.mjs) writes a job with only
  own_table  {"csvs": {task: path}, "test", "seed", "warmup", "repeats", "fits": [{"id", "task",
              "candidates": [{"name", "estimator", "params", "standardize_target"?, "threads"?}]}]}
and gets each candidate's fit time on the table's training rows (standardized; a split with the
engine's shares, not its rows), its test score (accuracy or R²) and the fastest per fit.
"""
import json
import os
import platform
import sys
import time
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso, LogisticRegression, Ridge
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from threadpoolctl import threadpool_info, threadpool_limits

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from make_parity_fixtures import design  # noqa: E402

warnings.simplefilter("ignore", ConvergenceWarning)

# Solvers that accept each penalty (scikit-learn 1.2). liblinear also penalizes the intercept
# (intercept_scaling=1), so its coefficients solve a slightly different problem.
SOLVERS = {
    "l2": ["lbfgs", "newton-cholesky", "newton-cg", "liblinear", "sag", "saga"],
    "l1": ["liblinear", "saga"],
    "elasticnet": ["saga"],
}
WARM = {"lbfgs", "newton-cholesky", "newton-cg", "sag", "saga"}  # liblinear ignores warm_start


def model_for(penalty, solver, l1_ratio, tol):
    return LogisticRegression(penalty=penalty, solver=solver, warm_start=solver in WARM,
                              l1_ratio=l1_ratio if penalty == "elasticnet" else None, tol=tol, max_iter=10000)


def fit_path(X, y, penalty, solver, l1_ratio, lambdas, tol=1e-4):
    n = len(y)
    model = model_for(penalty, solver, l1_ratio, tol)
    out = np.empty((len(lambdas), X.shape[1] + 1))
    for k, lam in enumerate(lambdas):
        model.set_params(C=1.0 / (n * lam))
        model.fit(X, y)
        out[k, 0] = model.intercept_[0]
        out[k, 1:] = model.coef_[0]
    return out


def summary(times_ms):
    s = sorted(times_ms)
    return {"median_ms": s[len(s) // 2], "min_ms": s[0], "max_ms": s[-1], "runs": len(s)}


def timed(fn, repeats):
    times, value = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t) * 1000)
    return summary(times), value


def differences(a, b):
    return {"max_coef_diff": float(np.abs(a[:, 1:] - b[:, 1:]).max()),
            "max_intercept_diff": float(np.abs(a[:, 0] - b[:, 0]).max())}


def paths(job, X, y, columns):
    out = {}
    for penalty, p in job["paths"].items():
        lambdas, engine = p["lambdas"], np.array(p["engine"])
        order = [p["columns"].index(c) for c in columns]  # the engine's columns in this design's order
        engine = np.hstack([engine[:, :1], engine[:, 1:][:, order]])
        l1_ratio = p["l1_ratio"]
        solvers = {}
        for solver in SOLVERS[penalty]:
            stats, coefs = timed(lambda: fit_path(X, y, penalty, solver, l1_ratio, lambdas), job["repeats"])
            solvers[solver] = {**stats, **differences(coefs, engine)}
        fastest = min(solvers, key=lambda s: solvers[s]["median_ms"])
        # A converged reference: how close each side is to the true optimum.
        tight_solver = "newton-cholesky" if penalty == "l2" else "saga"
        every = max(1, len(lambdas) // (100 if penalty == "l2" else 10))
        picked = list(range(0, len(lambdas), every))
        t = time.perf_counter()
        reference = fit_path(X, y, penalty, tight_solver, l1_ratio, [lambdas[k] for k in picked], tol=1e-10)
        reference_ms = (time.perf_counter() - t) * 1000
        out[penalty] = {"lambdas": len(lambdas), "solvers": solvers, "fastest": fastest,
                        "reference": {"solver": tight_solver, "tol": 1e-10, "lambdas_checked": len(picked),
                                      "ms": reference_ms, **differences(reference, engine[picked])}}
    return out


def mlp(job, X, y):
    m = job["mlp"]
    # Keras' Adam epsilon (1e-7); no early stopping; alpha=0: no L2 (the engine and TF.js use none).
    make = lambda: MLPClassifier(hidden_layer_sizes=tuple(m["hidden"]), activation="relu", solver="adam", alpha=0.0,
                                 batch_size=m["batch_size"], learning_rate_init=m["learning_rate"], epsilon=1e-7,
                                 max_iter=m["epochs"], shuffle=True, tol=0.0, n_iter_no_change=10**9,
                                 random_state=m["seed"])
    models = []
    stats, _ = timed(lambda: models.append(make().fit(X, y)), m["repeats"])
    last = models[-1]
    return {**stats, "epochs": last.n_iter_, "final_loss": float(last.loss_), "train_accuracy": float(last.score(X, y)),
            "note": "MLPClassifier has no dropout; same layers, Adam, batch size, epochs"}


# Case 8's estimators, by the names own-table-case.mjs gives.
ESTIMATORS = {e.__name__: e for e in [LogisticRegression, Ridge, Lasso, MLPClassifier, MLPRegressor, DecisionTreeClassifier,
                                      DecisionTreeRegressor, HistGradientBoostingClassifier, HistGradientBoostingRegressor]}


def own_split(path, task, test, seed):
    """The table's rows split train/test (stratified for classes), features standardized with
    the training rows' statistics as the engine does; a numeric target also standardized, for
    the MLP that learns it so (R² is the same on either scale)."""
    frame = pd.read_csv(path)
    y = frame.pop("y").to_numpy()
    X = frame.to_numpy(float)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test, random_state=seed,
                                                        stratify=None if task == "regression" else y)
    scaler = StandardScaler().fit(X_train)
    data = {"X_train": scaler.transform(X_train), "X_test": scaler.transform(X_test), "y_train": y_train, "y_test": y_test}
    if task == "regression":
        mean, std = y_train.mean(), y_train.std()
        data["y_train_std"], data["y_test_std"] = (y_train - mean) / std, (y_test - mean) / std
    return data


def own_table(job):
    tables = {task: own_split(path, task, job["test"], job["seed"]) for task, path in job["csvs"].items()}
    fits = {}
    for fit in job["fits"]:
        d = tables[fit["task"]]
        candidates = {}
        for c in fit["candidates"]:
            params = {k: tuple(v) if isinstance(v, list) else v for k, v in c["params"].items()}  # hidden_layer_sizes
            make = lambda: ESTIMATORS[c["estimator"]](**params)  # noqa: E731
            scaled = c.get("standardize_target", False)
            y_train, y_test = (d["y_train_std"], d["y_test_std"]) if scaled else (d["y_train"], d["y_test"])
            models = []
            with threadpool_limits(limits=c.get("threads")):  # None: scikit-learn's own thread counts
                for _ in range(job["warmup"]):
                    make().fit(d["X_train"], y_train)
                stats, _ = timed(lambda: models.append(make().fit(d["X_train"], y_train)), job["repeats"])
            model = models[-1]
            n_iter = getattr(model, "n_iter_", None)
            candidates[c["name"]] = {**stats, "estimator": c["estimator"], "params": c["params"],
                                     "test_score": float(model.score(d["X_test"], y_test)),
                                     "n_iter": None if n_iter is None else int(np.max(n_iter))}
        fits[fit["id"]] = {"candidates": candidates, "fastest": min(candidates, key=lambda n: candidates[n]["median_ms"])}
    threads = max((p.get("num_threads", 1) for p in threadpool_info()), default=1)
    return {"sklearn": sklearn.__version__, "numpy": np.__version__, "threads": threads, "fits": fits}


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    if job.get("own_table"):
        print(json.dumps(own_table(job["own_table"])))
        return
    frame = pd.read_csv(job["csv"])
    y = (frame["survived"] == "yes").to_numpy(float)
    X, columns, _, _ = design(frame)
    if job.get("design_out"):
        with open(job["design_out"], "w") as f:
            json.dump({"columns": columns, "X": X.round(12).tolist(), "y": y.tolist()}, f)
    result = {"sklearn": sklearn.__version__, "numpy": np.__version__, "python": platform.python_version(),
              "rows": int(len(y)), "columns": columns}
    if job.get("paths"):
        result["paths"] = paths(job, X, y, columns)
    if job.get("mlp"):
        result["mlp"] = mlp(job, X, y)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
