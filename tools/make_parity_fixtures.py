#!/usr/bin/python3
"""Writes tests/fixtures/parity/*.json: scikit-learn reference results the engine's tests
check against (Debian's python3-sklearn; run with /usr/bin/python3).

logistic_titanic.json: the Titanic passengers' design matrix statistics (median/mode
imputation, log1p(fare), one-hot with sorted categories, standard scaling of every column, all
rows used for fitting) and LogisticRegression coefficients for L2, L1 and elastic net at
several lambdas, with C = 1 / (n * lambda) so scikit-learn's objective equals the engine's
(1/n) sum logloss + lambda * (alpha |w|_1 + (1 - alpha)/2 |w|^2).
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEATURES = ["gender", "age", "class", "embarked", "fare", "sibsp", "parch"]


def design(frame):
    columns, blocks, means, scales = [], [], [], []
    for f in FEATURES:
        col = frame[f]
        if pd.api.types.is_numeric_dtype(col):
            values = col.astype(float)
            if f == "fare":
                values = np.log1p(values)
            values = values.fillna(np.median(values.dropna()))
            blocks.append(values.to_numpy()[:, None])
            columns.append(f)
        else:
            counts = col.dropna().value_counts()
            mode = sorted(counts[counts == counts.max()].index)[0]
            col = col.fillna(mode)
            cats = sorted(col.unique())
            for cat in cats[1:] if len(cats) == 2 else cats:  # OneHotEncoder(drop="if_binary")
                blocks.append((col == cat).to_numpy(float)[:, None])
                columns.append(f"{f}={cat}")
    X = np.hstack(blocks)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1
    return (X - mean) / scale, columns, mean, scale


def main():
    frame = pd.read_csv(os.path.join(ROOT, "widgets/data/titanic.csv"))
    frame = frame[frame["class"].isin(["1st", "2nd", "3rd"])].reset_index(drop=True)
    y = (frame["survived"] == "yes").to_numpy(float)
    X, columns, mean, scale = design(frame)
    n = len(y)
    fits = []
    for penalty, l1_ratio in (("l2", 0.0), ("l1", 1.0), ("elasticnet", 0.5)):
        for lam in (0.1, 0.01, 0.001):
            C = 1.0 / (n * lam)
            kw = dict(penalty=penalty, C=C, tol=1e-12, max_iter=200000)
            if penalty == "l2":
                model = LogisticRegression(solver="lbfgs", **kw)
            else:
                model = LogisticRegression(solver="saga", l1_ratio=l1_ratio if penalty == "elasticnet" else None, **kw)
            model.fit(X, y)
            fits.append({"penalty": penalty, "l1_ratio": l1_ratio, "lambda": lam, "C": C,
                         "intercept": float(model.intercept_[0]),
                         "coefficients": dict(zip(columns, map(float, model.coef_[0])))})
            print(f"{penalty} lambda={lam}: n_iter={model.n_iter_[0]}", file=sys.stderr)
    out = {"generator": "tools/make_parity_fixtures.py", "sklearn": sklearn.__version__, "rows": n,
           "columns": columns, "mean": list(map(float, mean)), "scale": list(map(float, scale)), "fits": fits}
    path = os.path.join(ROOT, "tests/fixtures/parity/logistic_titanic.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
