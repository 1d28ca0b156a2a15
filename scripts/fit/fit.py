#!/usr/bin/env python3
"""Fits the logistic models the core loads, from features the core itself
computes (examples/features.rs), and writes their weights files.

    pip install -r scripts/fit/requirements.txt
    cargo run --release --example features -- verdict ../shared/corpora/wcxb-dev > target/fit/verdict.jsonl
    python3 scripts/fit/fit.py verdict target/fit/verdict.jsonl src/page/verdict.weights

    for b in 1 4 5; do lede eval bank tests/banks/bank$b --hosts ../shared/corpora/readability > /dev/null; done
    cargo run --release --example features -- register --hosts ../shared/corpora/readability target/banks/bank1 target/banks/bank4 target/banks/bank5 ../shared/corpora/wcxb-dev > target/fit/register.jsonl
    cargo run --release --example features -- lexicon > target/fit/lexicon.jsonl
    python3 scripts/fit/fit.py register target/fit/register.jsonl src/detect/register target/fit/lexicon.jsonl

    cargo run --release --example features -- teaser ../shared/corpora/readability ../shared/corpora/wcxb-dev target/banks/bank1 target/banks/bank4 target/banks/bank5 > target/fit/teaser.jsonl
    python3 scripts/fit/fit.py teaser target/fit/teaser.jsonl src/detect/teaser.weights

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


# ---------------------------------------------------------------- register

REGISTER_KINDS = ["disclaimer", "promo", "notice"]
# Labels of article content: the article's paragraphs (and their copies),
# and the banks' content that looks like clutter. Each kind's model tells
# its kind from these; boxes of the other kinds of clutter are left out of
# its fit (telling a notice from a disclaimer matters less than telling
# either from the story).
NEGATIVE_LABELS = {"content", "keep", "prose", "duplicate"}
# A token must turn up in this many training boxes to get a weight: rarer
# ones are names and numbers that say nothing of a register.
MIN_TOKEN_ROWS = 2
# Most token weights kept per kind (largest first): every weight ships in
# the wasm module, and the smallest say little.
MAX_TOKENS = 2000
# Out-of-fold precision the threshold is set for. Measured against boxes
# labelled content, which on WCXB include the disclaimers and sign-up lines
# its annotators kept in the main text, so the figure understates the real
# precision; the real-page loss (`lede eval clutter` on WCXB and
# Readability) is what the threshold is checked against.
TARGET_PRECISION = 0.93
# Regularisation strength of the register models (sklearn's C), chosen by
# grouped cross-validation among 0.1, 0.5, 1 and 3 (L1 and L2).
REGISTER_C = 3.0
# The threshold never goes below this probability.
MIN_THRESHOLD = 0.5


def register_data(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    names = json.loads(lines[0])["names"]
    rows = [json.loads(l) for l in lines[1:]]
    rows = [r for r in rows if r["label"] != "unlabelled"]
    counts = {}
    for r in rows:
        for t in set(r["tokens"]):
            counts[t] = counts.get(t, 0) + 1
    vocab = sorted(t for t, n in counts.items() if n >= MIN_TOKEN_ROWS)
    tok = tokens_matrix(rows, vocab)
    x = np.array([r["x"] for r in rows], dtype=float)
    return rows, names, vocab, x, tok


def tokens_matrix(rows, vocab):
    """Rows' tokens as a sparse 0/1 matrix over a vocabulary (others dropped)."""
    from scipy.sparse import csr_matrix

    index = {t: i for i, t in enumerate(vocab)}
    data, ind, ptr = [], [], [0]
    for r in rows:
        cols = sorted({index[t] for t in r["tokens"] if t in index})
        ind.extend(cols)
        data.extend([1.0] * len(cols))
        ptr.append(len(ind))
    return csr_matrix((data, ind, ptr), shape=(len(rows), len(vocab)))


def language_weights(langs, y):
    """Sample weights under which, in every language, the positives and the
    negatives weigh the same: nearly all the corpora's article text is
    English while the banks' clutter is in seven languages, and a model fitted
    without this learns that a language is clutter."""
    w = np.ones(len(y))
    for lang in set(langs):
        sel = langs == lang
        n, pos, neg = sel.sum(), (sel & (y == 1)).sum(), (sel & (y == 0)).sum()
        # Each language keeps the weight of its rows; within it, the two
        # classes weigh half each.
        if pos and neg:
            w[sel & (y == 1)] = n / (2 * pos)
            w[sel & (y == 0)] = n / (2 * neg)
    return w * len(y) / w.sum()


def standardised_fit(x, y, c, weights=None):
    """L2 logistic regression on standardised dense features; weights back
    in the features' own units."""
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    cw = None if weights is not None else "balanced"
    m = LogisticRegression(C=c, class_weight=cw, max_iter=5000).fit((x - mu) / sd, y, sample_weight=weights)
    return m.coef_[0] / sd, m.intercept_[0] - float(np.sum(m.coef_[0] * mu / sd))


def text_fit(tok, y, c, weights=None):
    """The words model: L2 logistic regression on the tokens alone."""
    cw = None if weights is not None else "balanced"
    m = LogisticRegression(C=c, class_weight=cw, max_iter=5000, solver="liblinear").fit(tok, y, sample_weight=weights)
    return m.coef_[0], m.intercept_[0]


def register(src, outdir, extra=None, c=REGISTER_C):
    """Two stages per kind. The words model reads the tokens alone; its
    log-odds (out of fold, so that the second stage sees it as it will be
    on unseen text) joins the form, position and topic features in the
    second stage. The core hides a box only when the second stage passes
    the threshold and the words model itself leans towards the kind."""
    from sklearn.model_selection import GroupKFold

    rows, names, vocab, x, tok = register_data(src)
    labels = np.array([r["label"] for r in rows])
    groups = np.array([r["page"] for r in rows])
    print(f"{len(rows)} labelled boxes, {len(vocab)} tokens; labels: " + ", ".join(f"{l} {int((labels == l).sum())}" for l in sorted(set(labels))))
    folds = 5
    # Extra labelled text for the words models only (the lexicons' phrases):
    # no form or position, so never in the second stage.
    extra_rows = [json.loads(l) for l in open(extra, encoding="utf-8")] if extra else []
    extra_tok = tokens_matrix(extra_rows, vocab)
    extra_labels = np.array([r["label"] for r in extra_rows])
    extra_langs = np.array([r.get("lang") or "-" for r in extra_rows])
    langs = np.array([r.get("lang") or "-" for r in rows])
    from scipy.sparse import vstack

    def text_fit_with_extra(t, y, lg, kind):
        if extra_rows:
            t = vstack([t, extra_tok]).tocsr()
            y = np.concatenate([y, (extra_labels == kind).astype(int)])
            lg = np.concatenate([lg, extra_langs])
        return text_fit(t, y, c, language_weights(lg, y))

    for kind in REGISTER_KINDS:
        keep = (labels == kind) | np.isin(labels, list(NEGATIVE_LABELS))
        xs, ts, ys, gs, ls = x[keep], tok[keep], (labels[keep] == kind).astype(int), groups[keep], langs[keep]
        split = list(GroupKFold(n_splits=folds).split(xs, ys, gs))
        z = np.zeros(len(ys))
        for train, test in split:
            tw, tb = text_fit_with_extra(ts[train], ys[train], ls[train], kind)
            z[test] = ts[test] @ tw + tb
        xz = np.column_stack([xs, z])
        p = np.zeros(len(ys))
        for train, test in split:
            w, b = standardised_fit(xz[train], ys[train], 1.0)
            p[test] = prob(w, b, xz[test])
        said = (z >= 0)
        threshold = 0.99
        for t in np.arange(MIN_THRESHOLD, 0.995, 0.01):
            flagged = (p >= t) & said
            if flagged.sum() and ys[flagged].mean() >= TARGET_PRECISION:
                threshold = float(t)
                break
        flagged = (p >= threshold) & said
        prec = ys[flagged].mean() if flagged.any() else 1.0
        print(f"{kind:<11} out-of-fold (grouped by page) at threshold {threshold:.2f}: recall {flagged[ys == 1].mean():.3f}, "
              f"precision {prec:.3f} ({int(flagged.sum())} flagged, {int(ys.sum())} positives, {len(ys) - int(ys.sum())} negatives); "
              f"words model alone: recall {said[ys == 1].mean():.3f}, precision {ys[said].mean():.3f}")
        tw, tb = text_fit_with_extra(ts, ys, ls, kind)
        w, b = standardised_fit(xz, ys, 1.0)
        order = [i for i in np.argsort(-np.abs(tw)) if tw[i] != 0][:MAX_TOKENS]
        path = f"{outdir}/{kind}.weights"
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# Register model for {kind}, two stages (scripts/fit/fit.py register).\n")
            f.write("# words: logistic weights of word-stem tokens (t:, present or not) and\n")
            f.write("# their bias (text_bias); its log-odds is the feature f:words of the\n")
            f.write("# second stage, with the form, position and topic features of\n")
            f.write("# src/detect/register.rs (f:, in their own units) and bias.\n")
            f.write(f"# Fitted on {len(ys)} labelled boxes ({int(ys.sum())} {kind}); threshold for\n")
            f.write(f"# out-of-fold precision {TARGET_PRECISION}. Do not edit by hand: re-run the script.\n")
            f.write(f"threshold {threshold:.2f}\nbias {b:.5f}\ntext_bias {tb:.5f}\n")
            for n, v in zip(names + ["words"], w):
                f.write(f"f:{n} {v:.5f}\n")
            for i in order:
                f.write(f"t:{vocab[i]} {tw[i]:.3f}\n")
        print(f"  wrote {path} ({len(order)} tokens)")


# ------------------------------------------------------------------ teaser

# Regularisation strength of the teaser model (sklearn's C).
TEASER_C = 1.0
# Largest out-of-fold share of content lists the teaser threshold may
# hide: lists of a page's own content (sources, changelogs, resources)
# are what a teaser model must leave alone.
MAX_CONTENT_FLAGGED = 0.1


def teaser(src, out):
    from sklearn.model_selection import GroupKFold

    lines = open(src, encoding="utf-8").read().splitlines()
    names = json.loads(lines[0])["names"]
    rows = [json.loads(l) for l in lines[1:]]
    rows = [r for r in rows if r["label"] in ("teaser", "content")]
    x = np.array([r["x"] for r in rows], dtype=float)
    y = np.array([r["label"] == "teaser" for r in rows], dtype=int)
    groups = np.array([r["page"] for r in rows])
    p = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        mu, sd = x[train].mean(axis=0), x[train].std(axis=0)
        sd[sd == 0] = 1.0
        m = LogisticRegression(C=TEASER_C, class_weight="balanced", max_iter=5000).fit((x[train] - mu) / sd, y[train])
        p[test] = m.predict_proba((x[test] - mu) / sd)[:, 1]
    threshold = 0.5
    for t in np.arange(0.5, 0.99, 0.01):
        if (p[y == 0] >= t).mean() <= MAX_CONTENT_FLAGGED:
            threshold = float(t)
            break
    print(f"{len(y)} lists ({y.sum()} teasers, {len(y) - y.sum()} content); out-of-fold at threshold {threshold:.2f}: "
          f"teasers flagged {(p[y == 1] >= threshold).mean():.3f}, content lists flagged {(p[y == 0] >= threshold).mean():.3f}")
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    m = LogisticRegression(C=TEASER_C, class_weight="balanced", max_iter=5000).fit((x - mu) / sd, y)
    w = m.coef_[0] / sd
    b = m.intercept_[0] - float(np.sum(m.coef_[0] * mu / sd))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Teaser model: logistic weights over the features of candidate lists\n")
        f.write("# (src/detect/teaser.rs), in the features' own units. Written by\n")
        f.write(f"# scripts/fit/fit.py teaser from {len(y)} labelled lists ({y.sum()} teasers);\n")
        f.write("# do not edit by hand: re-run the script (see its docstring).\n")
        f.write(f"threshold {threshold:.2f}\nbias {b:.5f}\n")
        for n, v in zip(names, w):
            f.write(f"{n} {v:.5f}\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "verdict":
        verdict(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "teaser":
        teaser(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "register":
        register(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) == 5 else None)
    else:
        sys.exit(__doc__)
