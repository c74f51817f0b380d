"""Our written news sentences: how the shipped model scores them, and what training on them
does to real news.

    .venv/bin/python bench/news_written.py [--train [--weight W ...]]

``bench/labels/news-written/*.jsonl`` holds 2,646 news sentences in 126 short articles that
the team wrote (invented people and places, twelve genres) and labelled by the rule in
``bench/labels/README.md`` (one object per line: ``doc``, ``genre``, ``text``, ``label``).

Without ``--train`` it prints the shipped model's precision/recall/F1 on them at the shipped
threshold and at their own best threshold, by genre, beside the same figures on our labels
of real news (PolNeAR dev, ``bench/news_checkworthiness.py``).

``--train`` fits the default model's two regressions on ClaimBuster (the shipped targets)
plus the written sentences at each ``--weight`` and prints, for each, the best-F1 threshold
and F1 on the real-news labels next to the shipped model's: whether the written sentences
teach the ranking anything that carries over to real news (a few minutes per weight).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import news_checkworthiness as NB  # noqa: E402

from claims.extraction import CHECKWORTHY_THRESHOLD  # noqa: E402
from claims.extraction.model import CheckworthinessModel, default_model  # noqa: E402
from claims.extraction.noise import is_news_noise  # noqa: E402
from claims.extraction.training import linear  # noqa: E402
from claims.extraction.training.calibration import prf  # noqa: E402
from claims.extraction.training.datasets import (  # noqa: E402
    Example,
    default_claimbuster_dir,
    load_training,
)
from claims.extraction.training.distillation import read_teacher_logits  # noqa: E402

WRITTEN = REPO / "bench" / "labels" / "news-written"


def load_written() -> list[dict]:
    rows = []
    for path in sorted(WRITTEN.glob("*.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text("utf-8").splitlines() if line)
    return rows


def real_news(model) -> tuple[list[int], list[float]]:
    """Labels and scores on the real-news labels (noise and non-sentences score 0)."""
    by_article = defaultdict(list)
    for label in NB.load_labels(NB.DEFAULT_LABELS):
        by_article[label.article].append(label)
    labels, scores = [], []
    for article, rows in sorted(by_article.items()):
        text = (NB.DEFAULT_DIR / f"{article}.txt").read_text(encoding="utf-8")
        for s in NB.score_article_with(text, rows, model):
            labels.append(s.label.label)
            gated = s.kind == "sentence" and not is_news_noise(s.text)
            scores.append(s.score if gated else 0.0)
    return labels, scores


def report_shipped(rows: list[dict]) -> None:
    model = default_model()
    y = [r["label"] for r in rows]
    s = [0.0 if is_news_noise(r["text"]) else model.score(r["text"]) for r in rows]
    n_docs = len({r["doc"] for r in rows})
    print(f"written news: {len(rows)} sentences, {n_docs} articles, {sum(y) / len(y):.1%} positive")
    p, r, f = prf(y, [v >= CHECKWORTHY_THRESHOLD for v in s])
    bt, bf = NB.best_f1_threshold(y, s)
    print(f"  shipped threshold {CHECKWORTHY_THRESHOLD}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"  their own best threshold {bt:.2f}: F1 {bf:.3f}")
    by_genre = defaultdict(list)
    for row, score in zip(rows, s, strict=True):
        by_genre[row["genre"]].append((row["label"], score))
    for genre, items in sorted(by_genre.items()):
        gy = [a for a, _ in items]
        gf = prf(gy, [b >= CHECKWORTHY_THRESHOLD for _, b in items])[2]
        print(f"    {genre:12s} {len(items):4d}  F1 {gf:.3f}")
    ry, rs = real_news(None)
    rt, rf = NB.best_f1_threshold(ry, rs)
    p, r, f = prf(ry, [v >= CHECKWORTHY_THRESHOLD for v in rs])
    print(f"real news (PolNeAR dev labels): shipped threshold F1 {f:.3f}")
    print(f"  their best threshold {rt:.2f} (diagnostic): F1 {rf:.3f}")


def train_with(rows: list[dict], weights: list[float]) -> None:
    base = load_training(default_claimbuster_dir())
    base_targets = linear.soft_targets(base, read_teacher_logits(base), linear.DISTIL_ALPHA)
    ry, rs = real_news(None)
    rt, rf = NB.best_f1_threshold(ry, rs)
    print(f"shipped model: real news best F1 {rf:.3f} at {rt:.2f}")
    for weight in weights:
        news = [Example(r["text"], int(r["label"]), weight) for r in rows]
        examples = base + news
        targets = np.r_[base_targets, [float(e.label) for e in news]]
        w, b = linear.fit(examples, targets=targets)
        idf, tw, tb = linear.fit_tfidf(examples, targets=targets)
        seen = np.flatnonzero(idf)
        model = CheckworthinessModel.from_arrays(
            w, b, seen, idf[seen], tw[seen], tb, linear.DEFAULT_MIX, threshold=0.5
        )
        ry, rs = real_news(model)
        bt, bf = NB.best_f1_threshold(ry, rs)
        print(f"weight {weight}: real news best F1 {bf:.3f} at {bt:.2f} (uncalibrated)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true")
    parser.add_argument("--weight", type=float, nargs="+", default=[1.0, 3.0])
    args = parser.parse_args()
    rows = load_written()
    if args.train:
        train_with(rows, args.weight)
    else:
        report_shipped(rows)


if __name__ == "__main__":
    main()
