#!/usr/bin/python3
"""Writes tests/fixtures/parity/hist_boosting.json: scikit-learn's HistGradientBoosting* on the
project's own tables, for the engine's histogram boosting to be held to (Debian's
python3-sklearn; run with /usr/bin/python3 from anywhere).

Each case stores its training and test rows (the design matrix as the trees see it, NaN kept
as null), the settings, and scikit-learn's test scores:
- binary: the Titanic passengers (widgets/data/titanic.csv, the lessons' features; age and fare
  keep their missing values, which scikit-learn routes to a learned side);
- multiclass: widgets/data/iris.csv (three species) and the Titanic passengers' class (three
  values) from the other passenger columns;
- regression: tests/fixtures/houses.csv (price from rooms, age and distance).

The settings are the engine's defaults: max_depth 3, learning_rate 0.1, 100 iterations,
min_samples_leaf 1, max_bins 255, no L2, no early stopping, no leaf-count limit. The engine
trains on exactly these rows, so the scores differ only where the two implementations do
(float32 gradients in scikit-learn, missing values always right in the engine's trees).
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests/fixtures/parity/hist_boosting.json")
PARAMS = {"max_iter": 100, "learning_rate": 0.1, "max_depth": 3, "min_samples_leaf": 1, "max_bins": 255,
          "l2_regularization": 0.0, "max_leaf_nodes": None, "early_stopping": False}


def design(frame, features):
    """Numeric columns as they are (NaN kept), categorical ones one-hot over sorted values (one
    column for a two-valued one), as the engine's design matrix lays them out."""
    blocks, columns = [], []
    for f in features:
        col = frame[f]
        if pd.api.types.is_numeric_dtype(col):
            blocks.append(col.astype(float).to_numpy()[:, None])
            columns.append(f)
        else:
            cats = sorted(col.dropna().unique())
            for cat in cats[1:] if len(cats) == 2 else cats:
                blocks.append((col == cat).to_numpy(float)[:, None])
                columns.append(f"{f}={cat}")
    return np.hstack(blocks).astype(np.float32), columns


def rows(X):
    """Each float32 as its shortest decimal, which reads back as the same float32."""
    return [[None if np.isnan(v) else float(str(v)) for v in row] for row in X]


def case(name, X, y, columns, classifier, test_size, seed):
    stratify = y if classifier else None
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=stratify)
    make = HistGradientBoostingClassifier if classifier else HistGradientBoostingRegressor
    model = make(**PARAMS).fit(X_train, y_train)
    if classifier:
        p = model.predict_proba(X_test)
        scores = {"accuracy": float(accuracy_score(y_test, model.predict(X_test))),
                  "log_loss": float(log_loss(y_test, p, labels=model.classes_))}
    else:
        prediction = model.predict(X_test)
        scores = {"r2": float(r2_score(y_test, prediction)), "mse": float(mean_squared_error(y_test, prediction))}
    print(f"{name}: {len(y_train)} train, {len(y_test)} test rows, {X.shape[1]} columns, "
          f"{model.n_iter_} iterations, {scores}", file=sys.stderr)
    return {"name": name, "task": ("binary" if len(np.unique(y)) == 2 else "multiclass") if classifier else "regression",
            "columns": columns, "X_train": rows(X_train), "y_train": [float(v) for v in y_train],
            "X_test": rows(X_test), "y_test": [float(v) for v in y_test], "sklearn": scores}


def main():
    titanic = pd.read_csv(os.path.join(ROOT, "widgets/data/titanic.csv"))
    passengers = titanic[titanic["class"].isin(["1st", "2nd", "3rd"])].reset_index(drop=True)
    X, columns = design(passengers, ["gender", "age", "class", "embarked", "fare", "sibsp", "parch"])
    survived = (passengers["survived"] == "yes").to_numpy(int)
    cases = [case("titanic survived", X, survived, columns, True, 0.25, 0)]

    iris = pd.read_csv(os.path.join(ROOT, "widgets/data/iris.csv"))
    X, columns = design(iris, ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    species = np.searchsorted(sorted(iris["species"].unique()), iris["species"].to_numpy())
    cases.append(case("iris species", X, species, columns, True, 0.3, 0))

    X, columns = design(passengers, ["gender", "age", "embarked", "fare", "sibsp", "parch", "survived"])
    travel_class = np.searchsorted(["1st", "2nd", "3rd"], passengers["class"].to_numpy())
    cases.append(case("titanic class", X, travel_class, columns, True, 0.25, 0))

    houses = pd.read_csv(os.path.join(ROOT, "tests/fixtures/houses.csv"))
    X, columns = design(houses, ["rooms", "age", "distance"])
    cases.append(case("houses price", X, houses["price"].to_numpy(float), columns, False, 0.25, 0))

    params = {k: v for k, v in PARAMS.items() if v is not None}
    out = {"generator": "tools/make_hist_boosting_fixtures.py", "sklearn": sklearn.__version__, "params": params,
           "cases": cases}
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
