"""Shape checks for the hand-written claim-matching pairs (bench/labels/matching-pairs.jsonl).

These test the file only, never the matcher: the labels are fixed by the people who wrote
them (see bench/labels/matching-pairs.md) and are not edited to fit any matcher.
"""

import json
from pathlib import Path

import pytest

PAIRS = Path(__file__).resolve().parents[2] / "bench" / "labels" / "matching-pairs.jsonl"
FIELDS = {"id", "a", "b", "same", "kind", "topic", "source"}


@pytest.fixture(scope="module")
def rows():
    with PAIRS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_every_row_has_the_fields(rows):
    for row in rows:
        assert set(row) == FIELDS, row.get("id")
        for key in FIELDS - {"same"}:
            assert isinstance(row[key], str), (row["id"], key)
        assert row["kind"].strip() and row["topic"].strip(), row["id"]
        assert row["source"].startswith(("http://", "https://")), row["id"]


def test_ids_are_unique(rows):
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))


def test_sides_are_non_empty_and_distinct(rows):
    for row in rows:
        a, b = row["a"].strip(), row["b"].strip()
        assert a and b, row["id"]
        assert a != b, row["id"]


def test_same_is_a_bool(rows):
    for row in rows:
        assert type(row["same"]) is bool, row["id"]


def test_enough_pairs_with_both_labels(rows):
    assert len(rows) >= 150
    labels = {row["same"] for row in rows}
    assert labels == {True, False}
