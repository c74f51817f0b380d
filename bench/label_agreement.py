"""Agreement between two labellings of the same news sentences (check-worthiness).

    .venv/bin/python bench/label_agreement.py FIRST.tsv SECOND.tsv [--data-dir DIR] [--show]

Both files hold rows keyed by ``article``, ``start`` and ``end`` (the layout of
``bench/labels/news-pages*.tsv``; the second file needs only those columns and ``label``).
Only the sentences present in both are compared. Printed: the counts, the raw agreement,
Cohen's kappa, and the precision, recall and F1 of the second labelling against the first
(and the reverse F1, which is the same number): the ceiling a model can be judged against
when two careful readers of the same rule disagree this often.

``--show`` lists the disagreements to the terminal only (with ``--data-dir``, their text
read from ``DIR/<article>.txt``). Never write them to a file: they are the articles' text.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.extraction.training.calibration import prf  # noqa: E402

Key = tuple[str, int, int]


def read_labels(path: Path) -> dict[Key, int]:
    with path.open(encoding="utf-8", newline="") as f:
        return {
            (r["article"], int(r["start"]), int(r["end"])): int(r["label"])
            for r in csv.DictReader(f, delimiter="\t")
        }


def cohen_kappa(a: list[int], b: list[int]) -> float:
    """Cohen's kappa of two binary labellings of the same items."""
    n = len(a)
    if n == 0:
        return 0.0
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(first: dict[Key, int], second: dict[Key, int]) -> dict[str, float]:
    keys = sorted(first.keys() & second.keys())
    a = [first[k] for k in keys]
    b = [second[k] for k in keys]
    p, r, f = prf(a, [bool(x) for x in b])
    return {
        "n": len(keys),
        "first_positive": sum(a),
        "second_positive": sum(b),
        "agree": sum(x == y for x, y in zip(a, b, strict=True)) / len(keys) if keys else 0.0,
        "kappa": cohen_kappa(a, b),
        "precision": p,
        "recall": r,
        "f1": f,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--show", action="store_true", help="print the disagreements")
    args = parser.parse_args()

    first, second = read_labels(args.first), read_labels(args.second)
    m = agreement(first, second)
    articles = len({k[0] for k in first.keys() & second.keys()})
    print(
        f"{m['n']:.0f} sentences of {articles} articles in both; positive: first "
        f"{m['first_positive']:.0f}, second {m['second_positive']:.0f}"
    )
    print(f"raw agreement {m['agree']:.3f}; Cohen's kappa {m['kappa']:.3f}")
    print(
        f"second against first: precision {m['precision']:.3f} recall {m['recall']:.3f} "
        f"F1 {m['f1']:.3f}"
    )
    if args.show:
        for key in sorted(first.keys() & second.keys()):
            if first[key] == second[key]:
                continue
            article, start, end = key
            text = ""
            if args.data_dir and (args.data_dir / f"{article}.txt").is_file():
                text = (args.data_dir / f"{article}.txt").read_text(encoding="utf-8")[start:end]
            print(f"  first {first[key]} second {second[key]}  {article} {start}: {text}")


if __name__ == "__main__":
    main()
