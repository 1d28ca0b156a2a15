#!/usr/bin/env python3
"""Fits the logistic models the core loads, from features the core itself
computes (examples/features.rs), and writes their weights files.

    pip install -r scripts/fit/requirements.txt
    cargo run --release --example features -- verdict ../shared/corpora/wcxb-dev > target/fit/verdict.jsonl
    python3 scripts/fit/fit.py verdict target/fit/verdict.jsonl src/page/verdict.weights

verdict: is the page an article? Positive: WCXB's `article` pages; negative:
every other page type (listing, collection, forum, product, service,
documentation). Features are standardised for the fit (L2-regularised
logistic regression, classes balanced) and the weights written back in the
features' own units, so the core needs no scaler. The script prints
five-fold cross-validated figures (each page judged by a model that never
saw it) per page type at the core's threshold.
"""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

SEED = 20261206
# Regularisation strength (sklearn's C): moderate, so that no weight leans
# on a handful of pages.
C = 1.0
# Must equal ARTICLE_THRESHOLD in src/page/verdict.rs.
THRESHOLD = 0.1


def load(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    names = rows[0]["names"]
    x = np.array([r["x"] for r in rows], dtype=float)
    return rows, names, x


def fit(x, y):
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    m = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    m.fit((x - mu) / sd, y)
    w = m.coef_[0] / sd
    b = m.intercept_[0] - float(np.sum(m.coef_[0] * mu / sd))
    return w, b


def prob(w, b, x):
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def verdict(src, out):
    rows, names, x = load(src)
    types = np.array([r["page_type"] for r in rows])
    y = (types == "article").astype(int)
    p = np.zeros(len(y))
    for train, test in StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(x, y):
        w, b = fit(x[train], y[train])
        p[test] = prob(w, b, x[test])
    said = p >= THRESHOLD
    print(f"five-fold cross-validated, threshold {THRESHOLD}: share judged an article, by page type")
    for t in sorted(set(types)):
        sel = types == t
        print(f"  {t:<14} {sel.sum():>5} pages  {said[sel].mean():.3f}")
    w, b = fit(x, y)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Article verdict: logistic weights over the page features of\n")
        f.write("# src/page/verdict.rs, in the features' own units. Written by\n")
        f.write(f"# scripts/fit/fit.py verdict from {len(y)} WCXB dev pages ({y.sum()} articles);\n")
        f.write("# do not edit by hand: re-run the script (see its docstring).\n")
        f.write(f"bias {b:.6f}\n")
        for n, v in zip(names, w):
            f.write(f"{n} {v:.6f}\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "verdict":
        verdict(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
