#!/usr/bin/python3
"""Writes tests/fixtures/parity/tree_tasks.json: scikit-learn references for the trees of every
task kind beyond binary (Debian's python3-sklearn; run with /usr/bin/python3 from anywhere).

- multi-class DecisionTreeClassifier (Gini over three classes) and DecisionTreeRegressor
  (squared error): cost-complexity pruning paths and the pruned trees' predictions;
- GradientBoostingClassifier on three classes (multinomial deviance) and
  GradientBoostingRegressor (squared error): per-stage training loss and predictions.

As in make_tree_fixtures.py, scikit-learn visits features in a random order, so every reference
is fitted with several random_states and the script refuses to write a file whose answer depends
on that order.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests/fixtures/parity/tree_tasks.json")
SEEDS = range(12)

TREE_SETTINGS = [
    {"max_depth": None, "min_samples_split": 2, "min_samples_leaf": 1},
    {"max_depth": 4, "min_samples_split": 6, "min_samples_leaf": 2},
]
BOOST = {"n_estimators": 25, "learning_rate": 0.2, "max_depth": 3, "subsample": 1.0}


def data():
    rng = np.random.RandomState(20261204)
    X = rng.normal(size=(120, 3)).astype(np.float32)
    score = 1.4 * X[:, 0] - X[:, 1] + 0.7 * X[:, 0] * X[:, 2] + rng.normal(scale=0.8, size=120)
    classes = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))  # 0, 1, 2
    value = 3 * np.sin(X[:, 0]) + X[:, 1] ** 2 - 2 * X[:, 2] + rng.normal(scale=0.3, size=120)
    return X, classes.astype(int), value


def same(values, what):
    """The first of `values` when all agree to 1e-12 (sums of squares taken over differently
    ordered but equal splits differ in the last bits, which is not a different answer)."""
    first = np.asarray(values[0])
    if any(np.shape(v) != first.shape or np.max(np.abs(np.asarray(v) - first), initial=0) > 1e-12 for v in values[1:]):
        raise SystemExit(f"scikit-learn's feature order changes {what}; choose another data seed")
    return values[0]


def predictions(model, classifier):
    return [[float(v) for v in row] for row in model.predict_proba(X_)] if classifier else [float(v) for v in model.predict(X_)]


def tree_cases(make, y, classifier):
    cases = []
    for params in TREE_SETTINGS:
        trees = [make(random_state=s, **params).fit(X_, y) for s in SEEDS]
        paths = [t.cost_complexity_pruning_path(X_, y) for t in trees]
        alphas = same([[float(a) for a in p.ccp_alphas] for p in paths], f"the pruning path for {params}")
        impurities = same([[float(v) for v in p.impurities] for p in paths], f"the path impurities for {params}")
        probes = [float((a + b) / 2) for a, b in zip(alphas[:-1], alphas[1:])]
        pruned = []
        for alpha in probes[:: max(1, len(probes) // 5)][:5]:
            fits = [make(random_state=s, ccp_alpha=alpha, **params).fit(X_, y) for s in SEEDS]
            pruned.append({"ccp_alpha": alpha, "leaves": int(fits[0].get_n_leaves()),
                           "prediction": same([predictions(f, classifier) for f in fits], f"the tree pruned at {alpha}")})
        full = same([predictions(t, classifier) for t in trees], f"the full tree for {params}")
        cases.append({"params": {k: (v if v is not None else 32) for k, v in params.items()},
                      "leaves": int(trees[0].get_n_leaves()), "prediction": full,
                      "ccp_alphas": alphas, "impurities": impurities, "pruned": pruned})
    return cases


def boosting_case(make, y, classifier):
    fits = [make(random_state=s, **BOOST).fit(X_, y) for s in SEEDS]
    return {"params": BOOST,
            "train_loss": same([[float(v) for v in f.train_score_] for f in fits], "the boosting loss curve"),
            "prediction": same([predictions(f, classifier) for f in fits], "the boosted prediction")}


def main():
    global X_
    X_, classes, value = data()
    out = {
        "generator": "tools/make_tree_task_fixtures.py",
        "sklearn": sklearn.__version__,
        "note": "max_depth None is written as 32 (the engine's limit; these trees are shallower)",
        "X": [[float(v) for v in row] for row in X_],
        "classes": [int(v) for v in classes],
        "value": [float(v) for v in value],
        "multiclass_tree": tree_cases(DecisionTreeClassifier, classes, True),
        "regression_tree": tree_cases(DecisionTreeRegressor, value, False),
        "multiclass_boosting": boosting_case(GradientBoostingClassifier, classes, True),
        "regression_boosting": boosting_case(GradientBoostingRegressor, value, False),
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: tree path lengths {[len(c['ccp_alphas']) for c in out['multiclass_tree'] + out['regression_tree']]}")


if __name__ == "__main__":
    main()
