"""The agreement script (``bench/label_agreement.py``) and the second labelling's file shape.

The figures themselves are in ``bench/labels/README.md``; these tests check the arithmetic on
made-up labels and that the second labelling keys into the first (same articles, offsets and
sentence hashes), never the labels' values.
"""

import csv
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "bench" / "labels"

_spec = importlib.util.spec_from_file_location("label_agreement", REPO / "bench/label_agreement.py")
label_agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(label_agreement)


def test_kappa_is_one_for_identical_and_zero_for_chance_level_labels():
    assert label_agreement.cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == pytest.approx(1.0)
    # Both mark half positive and agree on half the items: agreement equals chance.
    assert label_agreement.cohen_kappa([1, 1, 0, 0], [1, 0, 1, 0]) == pytest.approx(0.0)


def test_agreement_compares_only_shared_sentences_and_scores_second_against_first():
    first = {("a", 0, 5): 1, ("a", 6, 9): 0, ("a", 10, 20): 1, ("b", 0, 4): 0}
    second = {("a", 0, 5): 1, ("a", 6, 9): 1, ("a", 10, 20): 0, ("c", 0, 4): 1}
    m = label_agreement.agreement(first, second)
    assert m["n"] == 3
    assert m["precision"] == pytest.approx(0.5)
    assert m["recall"] == pytest.approx(0.5)
    assert m["agree"] == pytest.approx(1 / 3)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_second_labelling_keys_into_the_third_set():
    first = {(r["article"], r["start"], r["end"]): r for r in _rows(LABELS / "news-pages-3.tsv")}
    second = _rows(LABELS / "news-pages-3-second.tsv")
    assert len(second) >= 150
    for row in second:
        key = (row["article"], row["start"], row["end"])
        assert key in first, key
        assert row["sha1"] == first[key]["sha1"]
        assert row["label"] in {"0", "1"}
    # Whole pages were labelled, not a pick of sentences.
    pages = {r["article"] for r in second}
    assert len(second) == sum(1 for k in first if k[0] in pages)
