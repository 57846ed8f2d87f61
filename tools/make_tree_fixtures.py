#!/usr/bin/python3
"""Writes tests/fixtures/parity/tree_ccp.json: scikit-learn reference trees and cost-complexity
pruning paths the engine's tree tests check against (Debian's python3-sklearn 1.2; run with
/usr/bin/python3 from the repository root or anywhere).

The data are 90 rows of three continuous float32 features with noisy labels. scikit-learn
visits features in a random order and keeps the first of equally good splits, so where such a
tie decides part of a tree the reference is ambiguous: every setting is grown with 30
random_states, the script refuses to write the file unless all 30 give the same pruning path
(and the same pruned predictions), and it marks whether the tree structure itself is the same
for all 30 (deep pure leaves are often reachable by two features), so the test compares the
structure only where scikit-learn's answer does not depend on its random feature order.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.tree import DecisionTreeClassifier

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests/fixtures/parity/tree_ccp.json")

SETTINGS = [
    {"max_depth": None, "min_samples_split": 2, "min_samples_leaf": 1},
    {"max_depth": 4, "min_samples_split": 2, "min_samples_leaf": 1},
    {"max_depth": None, "min_samples_split": 10, "min_samples_leaf": 4},
]


def data():
    rng = np.random.RandomState(20240611)
    X = rng.normal(size=(90, 3)).astype(np.float32)
    logit = 1.5 * X[:, 0] - X[:, 1] + 0.8 * X[:, 0] * X[:, 2]
    y = (logit + rng.normal(scale=1.0, size=90) > 0).astype(int)
    return X, y


def structure(tree):
    t = tree.tree_
    return {
        "feature": [int(f) for f in t.feature],  # -2 marks a leaf in scikit-learn
        "threshold": [float(v) for v in t.threshold],
        "left": [int(v) for v in t.children_left],
        "right": [int(v) for v in t.children_right],
        "samples": [int(v) for v in t.n_node_samples],
        "impurity": [float(v) for v in t.impurity],
    }


def main():
    X, y = data()
    cases = []
    for params in SETTINGS:
        trees = [DecisionTreeClassifier(random_state=s, **params).fit(X, y) for s in range(30)]
        first = structure(trees[0])
        invariant = all(structure(t) == first for t in trees[1:])
        paths = [t.cost_complexity_pruning_path(X, y) for t in trees]
        if any(list(p.ccp_alphas) != list(paths[0].ccp_alphas) or list(p.impurities) != list(paths[0].impurities)
               for p in paths[1:]):
            raise SystemExit(f"ties change the pruning path for {params}; choose another data seed")
        path = paths[0]
        alphas = path.ccp_alphas
        # Pruned trees between path points (and at them: alpha == effective alpha prunes).
        probes = sorted({float(a) for a in alphas[1:-1:3]} | {float((a + b) / 2) for a, b in zip(alphas[:-1], alphas[1:])})
        pruned = []
        for alpha in probes[:: max(1, len(probes) // 8)][:8]:  # spread along the path
            fits = [DecisionTreeClassifier(random_state=s, ccp_alpha=alpha, **params).fit(X, y) for s in range(30)]
            probas = [[float(v) for v in p.predict_proba(X)[:, 1]] for p in fits]
            if any(q != probas[0] for q in probas[1:]):
                raise SystemExit(f"ties change the tree pruned at {alpha} for {params}; choose another data seed")
            pruned.append({"ccp_alpha": alpha, "leaves": int(fits[0].get_n_leaves()),
                           "nodes": int(fits[0].tree_.node_count), "proba": probas[0]})
        cases.append({
            "params": {k: (v if v is not None else 32) for k, v in params.items()},
            "structure_invariant": invariant,
            "tree": first,
            "ccp_alphas": [float(a) for a in alphas],
            "impurities": [float(v) for v in path.impurities],
            "pruned": pruned,
        })
    out = {
        "generator": "tools/make_tree_fixtures.py",
        "sklearn": sklearn.__version__,
        "note": "max_depth None is written as 32 (the engine's limit; these trees are shallower)",
        "X": [[float(v) for v in row] for row in X],
        "y": [int(v) for v in y],
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} settings, path lengths {[len(c['ccp_alphas']) for c in cases]}")


if __name__ == "__main__":
    main()
