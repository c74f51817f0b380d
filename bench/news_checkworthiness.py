"""Check-worthiness on news: the extractor against hand labels on PolNeAR dev articles.

    .venv/bin/python bench/news_checkworthiness.py [--errors N] [--labels TSV] [--data-dir DIR]

The labels (``bench/labels/news-checkworthiness-dev.tsv``; the rule is in
``bench/labels/README.md``) give, for every sentence of 25 dev articles, whether a newsroom
fact-checker would put it on a checking list. They hold article names, character offsets
and a SHA-1 of each sentence, never the text: the articles (``../shared/data/attribution/
polnear/dev/text``) carry no licence, so they are read from there at run time.

Scoring rule:

* Each article is run through ``extract(text)`` as in production.
* A labelled span is matched to the extracted segment with the same offsets. If there is
  none (the segmenter moved a boundary), it is matched to the segment that overlaps it most.
  A matched segment that is not a sentence counts as predicted "not check-worthy".
* The figures are positive-class precision, recall and F1 of ``checkworthy`` (what
  ``extract()`` ships: in an article, the news stage of ``news_stage.py``), with a table of
  the score alone at other thresholds.
* The best-F1 threshold is a diagnostic only. It is computed with the smoothed grid that
  chose the shipped threshold on CheckThat! (``training/calibration.py``), and also as the
  unsmoothed maximum. Nothing here sets the shipped threshold.

A sha1 mismatch means the offsets no longer cover the text that was labelled (the article
changed, or the labels were made with other offsets). The mismatching rows are listed and
still scored: the offsets are the label's identity.

``--labels bench/labels/news-pages.tsv --data-dir DIR`` scores the second set: 719 sentences
of 56 real news pages from 50-odd outlets in about 30 countries, read from ``DIR/<article>.txt``
(the page's text as the ``pages`` corpus of the project's search tool stores it; the row's
``url`` says which page, and the sha1 check proves the text is the one labelled). The texts
are not in the repository either.

``news-pages-2.tsv`` to ``-8`` are scored the same way (``bench/labels/README.md``
says what each holds and how its texts were found).

``--errors N`` prints up to N false positives and N false negatives with their scores, to
the terminal only. Never write them to a file: they are the articles' text.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims import extraction  # noqa: E402
from claims.extraction import extract  # noqa: E402
from claims.extraction.training.calibration import best_threshold, prf  # noqa: E402

DEFAULT_LABELS = REPO / "bench" / "labels" / "news-checkworthiness-dev.tsv"
DEFAULT_DIR = REPO.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"
TABLE_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Label:
    article: str
    start: int
    end: int
    label: int
    sha1: str


@dataclass(frozen=True)
class Scored:
    label: Label
    text: str
    score: float
    checkworthy: bool
    exact: bool  # the extractor has a segment with exactly these offsets
    kind: str


def load_labels(path: Path) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    labels = [
        Label(r["article"], int(r["start"]), int(r["end"]), int(r["label"]), r["sha1"])
        for r in rows
    ]
    bad = [lab for lab in labels if lab.label not in (0, 1) or lab.start >= lab.end]
    if bad:
        sys.exit(f"{path}: {len(bad)} malformed rows, first {bad[0]}")
    return labels


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def score_article(text: str, labels: list[Label]) -> list[Scored]:
    return score_article_with(text, labels, None)


def score_article_with(text: str, labels: list[Label], model) -> list[Scored]:
    """As :func:`score_article`, with ``model`` instead of the configured one."""
    segments = extract(text, model)
    by_span = {(s.start, s.end): s for s in segments}
    out = []
    for lab in labels:
        seg = by_span.get((lab.start, lab.end))
        exact = seg is not None
        if seg is None:
            seg = max(segments, key=lambda s: min(s.end, lab.end) - max(s.start, lab.start))
            if min(seg.end, lab.end) <= max(seg.start, lab.start):
                seg = None
        if seg is None:
            out.append(Scored(lab, text[lab.start : lab.end], 0.0, False, False, "none"))
            continue
        is_sentence = seg.kind == "sentence"
        out.append(
            Scored(
                lab,
                text[lab.start : lab.end],
                seg.score if is_sentence else 0.0,
                bool(seg.checkworthy and is_sentence),
                exact,
                seg.kind,
            )
        )
    return out


def best_f1_threshold(labels: list[int], scores: list[float]) -> tuple[float, float]:
    """The unsmoothed best threshold on a 0.01 grid and its F1 (diagnostic)."""
    grid = [round(0.01 * i, 2) for i in range(1, 100)]
    return max(
        ((t, prf(labels, [s >= t for s in scores])[2]) for t in grid),
        key=lambda tf: (round(tf[1], 6), -abs(tf[0] - 0.5)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--errors", type=int, default=0, help="print N FPs and N FNs")
    args = parser.parse_args()

    labels = load_labels(args.labels)
    by_article: dict[str, list[Label]] = defaultdict(list)
    for lab in labels:
        by_article[lab.article].append(lab)

    began = time.perf_counter()
    scored: list[Scored] = []
    missing = []
    for article, labs in sorted(by_article.items()):
        path = args.data_dir / f"{article}.txt"
        if not path.is_file():
            missing.append(article)
            continue
        scored.extend(score_article(path.read_text(encoding="utf-8"), labs))
    took = time.perf_counter() - began
    if missing:
        print(f"missing articles ({len(missing)}): {', '.join(missing)}")
    if not scored:
        sys.exit(f"no labelled article found under {args.data_dir}")

    mismatched = [s for s in scored if sha1(s.text) != s.label.sha1]
    inexact = [s for s in scored if not s.exact]
    y = [s.label.label for s in scored]
    scores = [s.score for s in scored]
    predicted = [s.checkworthy for s in scored]
    threshold = extraction.CHECKWORTHY_THRESHOLD
    n, pos = len(y), sum(y)
    articles = len({s.label.article for s in scored})
    print(
        f"News check-worthiness ({args.labels.name}, hand labels): {articles} articles, "
        f"{n} sentences, {pos} positive ({pos / n:.1%}), {took:.1f} s"
    )
    print(f"sha1 mismatches {len(mismatched)}; spans without an exact segment {len(inexact)}")
    for s in mismatched[:20]:
        lab = s.label
        print(f"  sha1 mismatch: {lab.article} {lab.start}-{lab.end}")
    for s in inexact[:20]:
        lab = s.label
        print(f"  no exact segment: {lab.article} {lab.start}-{lab.end} -> {s.kind}")

    p, r, f = prf(y, predicted)
    flagged = sum(predicted)
    print(
        f"\nshipped checkworthy (news stage over scores; threshold {threshold:.2f} for one "
        f"sentence alone): precision {p:.3f}  recall {r:.3f}  "
        f"F1 {f:.3f}  (flags {flagged} of {n}, {flagged / n:.1%})"
    )
    smooth = best_threshold(y, scores)
    ps, rs, fs = prf(y, [s >= smooth for s in scores])
    raw, raw_f1 = best_f1_threshold(y, scores)
    print(
        f"diagnostic, best-F1 threshold on these labels (not used): smoothed {smooth:.2f} "
        f"(P {ps:.3f} R {rs:.3f} F1 {fs:.3f}); unsmoothed {raw:.2f} (F1 {raw_f1:.3f})"
    )

    print("\nthreshold  precision  recall  F1     flagged")
    for t in sorted({*TABLE_THRESHOLDS, threshold}):
        pt, rt, ft = prf(y, [s >= t for s in scores])
        k = sum(s >= t for s in scores)
        mark = "  (shipped)" if t == threshold else ""
        print(f"{t:9.2f}  {pt:9.3f}  {rt:6.3f}  {ft:.3f}  {k:4d}{mark}")

    by_pub: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        by_pub[s.label.article.split("_")[0]].append(s)
    print("\npublisher     n    pos   precision  recall  F1")
    for pub, rows in sorted(by_pub.items()):
        py = [s.label.label for s in rows]
        pp, rp, fp = prf(py, [s.checkworthy for s in rows])
        print(f"{pub:12s} {len(rows):4d} {sum(py):4d}   {pp:9.3f}  {rp:6.3f}  {fp:.3f}")

    if args.errors:
        fps = sorted(
            (s for s in scored if s.checkworthy and not s.label.label), key=lambda s: -s.score
        )
        fns = sorted(
            (s for s in scored if s.label.label and not s.checkworthy), key=lambda s: s.score
        )
        for name, rows in (("false positives", fps), ("false negatives", fns)):
            print(f"\n== {name} ({len(rows)}) ==")
            for s in rows[: args.errors]:
                print(f"  {s.score:.3f} {s.label.article} {s.label.start}: {s.text}")


if __name__ == "__main__":
    main()
