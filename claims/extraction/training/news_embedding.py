"""Round 5 experiment: a sentence-embedding head as one more feature of the news stage.

    .venv/bin/python -m claims.extraction.training.news_embedding --pages-dir DIR
        [--c C ...] [--c-head C ...] [--head-pages-weight W ...] [--context]
        [--band LO HI] [--cache FILE] [--ngram BITS] [--head-real-only]

A logistic head on the 384-d MiniLM embedding (``claims/embeddings.py``) of each sentence,
trained on the same sentences as the stage (the written ones and the real pages read from
``DIR``, as ``training/news_stage.py`` reads them), gives one logit; the stage is refitted
with that logit as a 30th feature. Everything is out of fold with the folds
``training/news_stage.py`` makes (grouped by article), and the head's logit for a training
sentence is itself out of fold (cross-fitted inside the training folds), so the stage never
sees a logit its own label helped to fit. The shipped stage (29 features) is refitted in the
same run on the same folds, so before and after differ only by the head.

``--head-pages-weight W`` weights the real pages W times in the head's fit (the stage's
own fit keeps weight 1, as shipped); ``--context`` gives the head the previous sentence's
embedding beside the sentence's own (768 inputs, no extra encoding).

``--band LO HI`` also scores the cheap variant: the embedding is computed only for sentences
whose 29-feature probability lies in [LO, HI]; the others keep the 29-feature decision.

``--ngram BITS`` (round 7, 2026-12-07, session 17) replaces the embedding with hashed word
unigrams and bigrams (``ngram_matrix``: lower-cased words, every number one token, CRC-32
into 2**BITS columns, each row scaled to unit length), a plain model that could ship as JSON
weights; ``--head-real-only`` fits the head on the real pages alone (the written sentences
get weight 0 in the head; the stage's fit is unchanged).

Nothing here writes an artifact: this script measures. It prints figures for all sentences
and for the real pages alone (the figure that matters), at each C of the stage's grid.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import zlib
from pathlib import Path

import numpy as np

from .calibration import best_threshold, prf
from .news_stage import C_GRID, FOLDS, fit, load_pages, load_written, weights, with_keep_rules
from .news_stage import out_of_fold as stage_out_of_fold


def embed(texts: list[str], cache: Path | None) -> np.ndarray:
    key = hashlib.sha1("\x00".join(texts).encode()).hexdigest()
    if cache and cache.is_file():
        stored = np.load(cache)
        if str(stored["key"]) == key:
            return stored["vectors"]
    from ... import embeddings

    out = np.vstack([embeddings.encode(texts[i : i + 64]) for i in range(0, len(texts), 64)])
    if cache:
        np.savez(cache, key=np.array(key), vectors=out)
    return out


_NGRAM_TOKEN_RE = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*|[$%£€]")


def ngram_tokens(text: str) -> list[str]:
    """Lower-cased words, numbers as "#", currency and per-cent signs; then adjacent pairs."""
    words = ["#" if t[0].isdigit() else t for t in _NGRAM_TOKEN_RE.findall(text.lower())]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def ngram_matrix(texts: list[str], bits: int):
    """Sparse rows of hashed n-gram presence (CRC-32 mod 2**bits), each of unit length."""
    from scipy import sparse

    rows, cols = [], []
    for r, text in enumerate(texts):
        hashed = {zlib.crc32(t.encode()) & ((1 << bits) - 1) for t in ngram_tokens(text)}
        rows += [r] * len(hashed)
        cols += sorted(hashed)
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), 1 << bits))
    norms = np.sqrt(np.asarray(m.sum(axis=1)).ravel())
    return sparse.diags(1 / np.maximum(norms, 1.0)) @ m


def fit_head(e: np.ndarray, y: np.ndarray, c: float, w: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(e, y, sample_weight=w)
    return clf.coef_[0], float(clf.intercept_[0])


def head_logits_oof(idx, groups, fold_of, e, y, c_head, sw) -> dict[int, float]:
    """Cross-fitted head logits for the rows ``idx`` (folds by article, among themselves)."""
    folds = sorted({fold_of[groups[i]] for i in idx})
    out: dict[int, float] = {}
    for j in folds:
        tr = [i for i in idx if fold_of[groups[i]] != j]
        te = [i for i in idx if fold_of[groups[i]] == j]
        w, b = fit_head(e[tr], y[tr], c_head, sw[tr])
        for i in te:
            out[i] = _row_logit(e, i, w, b)
    return out


def _row_logit(e, i: int, w: np.ndarray, b: float) -> float:
    return float(np.ravel(e[i] @ w)[0] + b) if hasattr(e, "tocsr") else float(e[i] @ w + b)


def out_of_fold(
    data, e, c: float, c_head: float, head_pages: float = 1.0, real_only: bool = False
) -> list[float]:
    """As ``training/news_stage.out_of_fold`` (pages weight 1, the same folds), with the
    head's logit as one more feature."""
    groups = [g for g, _, _, _ in data]
    y = np.array([lab for _, _, lab, _ in data])
    sw = weights(groups, 1.0)
    hw = weights(groups, head_pages)
    if real_only:
        real = [g.startswith("pages:") for g in groups]
        hw = np.where(real, hw, 0.0)
    order = sorted(set(groups))
    fold_of = {g: i % FOLDS for i, g in enumerate(order)}
    probs = [0.0] * len(data)
    for k in range(FOLDS):
        train = [i for i, (g, x, _, _) in enumerate(data) if x is not None and fold_of[g] != k]
        test = [i for i, (g, x, _, _) in enumerate(data) if x is not None and fold_of[g] == k]
        rows = {i: list(data[i][1]) for i in train + test}
        inner = head_logits_oof(train, groups, fold_of, e, y, c_head, hw)
        w, b = fit_head(e[train], y[train], c_head, hw[train])
        for i in train:
            rows[i].append(inner[i])
        for i in test:
            rows[i].append(_row_logit(e, i, w, b))
        wt = fit(np.array([rows[i] for i in train]), y[train], c, sw[train])
        for i in test:
            probs[i] = float(1 / (1 + np.exp(-np.dot(wt, rows[i]))))
    return probs


def report(name: str, data, probs: list[float]) -> tuple[float, float]:
    y = [lab for _, _, lab, _ in data]
    three = [(g, x, lab) for g, x, lab, _ in data]
    final = with_keep_rules(three, probs)
    t = best_threshold(y, final)
    _, _, f = prf(y, [v >= t for v in final])
    pages = [i for i, (g, _, _, _) in enumerate(data) if g.startswith("pages:")]
    pp, rp, fp = prf([y[i] for i in pages], [final[i] >= t for i in pages])
    written = [i for i in range(len(data)) if i not in set(pages)]
    _, _, fw = prf([y[i] for i in written], [final[i] >= t for i in written])
    print(
        f"  {name:34s} threshold {t:.2f}  all F1 {f:.3f}  written F1 {fw:.3f}  "
        f"pages ({len(pages)}) P {pp:.3f} R {rp:.3f} F1 {fp:.3f}"
    )
    return f, fp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages-dir", type=Path, required=True)
    parser.add_argument("--c-head", type=float, nargs="+", default=[0.1, 1.0])
    parser.add_argument("--c", type=float, nargs="+", default=list(C_GRID))
    parser.add_argument("--band", type=float, nargs=2, default=None)
    parser.add_argument("--context", action="store_true", help="and the previous sentence's")
    parser.add_argument("--head-pages-weight", type=float, nargs="+", default=[1.0])
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--ngram", type=int, default=None, metavar="BITS")
    parser.add_argument("--head-real-only", action="store_true")
    args = parser.parse_args()

    data = load_written(with_text=True) + load_pages(args.pages_dir, with_text=True)
    texts = [t for _, _, _, t in data]
    e = ngram_matrix(texts, args.ngram) if args.ngram else embed(texts, args.cache)
    if args.context and not args.ngram:
        prev = np.zeros_like(e)
        for i in range(1, len(data)):
            if data[i][0] == data[i - 1][0]:
                prev[i] = e[i - 1]
        e = np.hstack([e, prev])
    n_pages = sum(g.startswith("pages:") for g, _, _, _ in data)
    print(f"{len(data)} sentences ({n_pages} on real pages), embeddings {e.shape}")
    for c in args.c:
        print(f"C = {c}")
        base = stage_out_of_fold([(g, x, lab) for g, x, lab, _ in data], c)
        report("shipped stage (29 features)", data, base)
        for ch, hp in [(ch, hp) for ch in args.c_head for hp in args.head_pages_weight]:
            aug = out_of_fold(data, e, c, ch, hp, args.head_real_only)
            head = "n-gram" if args.ngram else "embedding"
            report(f"+ {head} head (C_head {ch}, pages x{hp})", data, aug)
            if args.band:
                lo, hi = args.band
                mixed = [a if lo <= b <= hi else b for a, b in zip(aug, base, strict=True)]
                rows = zip(base, data, strict=True)
                inside = sum(lo <= b <= hi for b, (_, x, _, _) in rows if x is not None)
                report(f"  banded [{lo}, {hi}] ({inside} embedded)", data, mixed)


if __name__ == "__main__":
    main()
