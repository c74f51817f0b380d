"""Shape checks for the hand-written claim-matching pairs.

``bench/labels/matching-pairs.jsonl`` (the set written before tuning),
``bench/labels/matching-pairs-heldout.jsonl`` (the held-out set written afterwards from other
pages, never tuned on) and ``bench/labels/matching-pairs-numbers.jsonl`` (a development set of
figures written another way, from other pages again) and
``bench/labels/matching-pairs-dev2.jsonl`` (a second development set of rewordings of every
kind, from other pages again) and ``bench/labels/matching-pairs-dev3.jsonl`` (a third, of
rounded and restated figures and their near-misses, from other pages again) and
``bench/labels/matching-pairs-dev4.jsonl`` (a fourth, of rewordings sharing few words, figures
in other forms and other names for one actor, from other pages again) and
``bench/labels/matching-pairs-dev5.jsonl`` (a fifth, of figures restated as totals, dates,
differences, bounds and shares, from other pages again) and
``bench/labels/matching-pairs-dev6.jsonl`` (a sixth, of rewordings as other outlets and readers
write them: descriptions for names, cents for dollars, remainders, spans, from other pages
again) and ``bench/labels/matching-pairs-heldout2.jsonl`` (a second held-out set, written
blind from other pages again, scored once per round). These test the
files only, never the matcher: the labels are fixed by the people who wrote them (see
bench/labels/matching-pairs.md) and are not edited to fit any matcher.
"""

import json
import re
from pathlib import Path

import pytest

LABELS = Path(__file__).resolve().parents[2] / "bench" / "labels"
PAIRS = LABELS / "matching-pairs.jsonl"
HELDOUT = LABELS / "matching-pairs-heldout.jsonl"
NUMBERS = LABELS / "matching-pairs-numbers.jsonl"
DEV2 = LABELS / "matching-pairs-dev2.jsonl"
DEV3 = LABELS / "matching-pairs-dev3.jsonl"
DEV4 = LABELS / "matching-pairs-dev4.jsonl"
DEV5 = LABELS / "matching-pairs-dev5.jsonl"
DEV6 = LABELS / "matching-pairs-dev6.jsonl"
HELDOUT2 = LABELS / "matching-pairs-heldout2.jsonl"
FIELDS = {"id", "a", "b", "same", "kind", "topic", "source"}


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(
    scope="module",
    params=[PAIRS, HELDOUT, NUMBERS, DEV2, DEV3, DEV4, DEV5, DEV6, HELDOUT2],
    ids=["first", "heldout", "numbers", "dev2", "dev3", "dev4", "dev5", "dev6", "heldout2"],
)
def rows(request):
    return read(request.param)


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


def test_heldout_ids_do_not_collide_with_the_first_set():
    first, heldout = read(PAIRS), read(HELDOUT)
    assert all(re.fullmatch(r"h\d{3}", row["id"]) for row in heldout)
    assert not {row["id"] for row in first} & {row["id"] for row in heldout}


def test_heldout_comes_from_other_pages_and_other_sentences():
    first, heldout = read(PAIRS), read(HELDOUT)
    first_sources = {row["source"] for row in first}
    heldout_sources = {row["source"] for row in heldout}
    assert not first_sources & heldout_sources
    assert len(heldout_sources) >= 40
    first_texts = {text for row in first for text in (row["a"], row["b"])}
    assert not first_texts & {text for row in heldout for text in (row["a"], row["b"])}


def test_heldout_uses_the_kinds_of_the_first_set():
    # Same labelling rule, same kinds: a kind means the same change with the same label.
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(HELDOUT)} <= first_kinds


def assert_its_own(rows: list[dict], id_pattern: str, others: list[dict], pages: int) -> None:
    """A development set's ids, pages and sentences are in no other set."""
    assert all(re.fullmatch(id_pattern, row["id"]) for row in rows)
    assert not {row["id"] for row in others} & {row["id"] for row in rows}
    sources = {row["source"] for row in rows}
    assert not {row["source"] for row in others} & sources
    assert len(sources) >= pages
    other_texts = {text for row in others for text in (row["a"], row["b"])}
    assert not other_texts & {text for row in rows for text in (row["a"], row["b"])}


def test_numbers_set_ids_sources_and_sentences_are_its_own():
    assert_its_own(read(NUMBERS), r"n\d{3}", read(PAIRS) + read(HELDOUT), pages=30)


def test_numbers_set_uses_the_kinds_of_the_first_set():
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(NUMBERS)} <= first_kinds


def test_dev2_set_ids_sources_and_sentences_are_its_own():
    others = read(PAIRS) + read(HELDOUT) + read(NUMBERS)
    assert_its_own(read(DEV2), r"d\d{3}", others, pages=40)


def test_dev2_set_uses_the_kinds_of_the_first_set():
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(DEV2)} <= first_kinds


def test_dev3_set_ids_sources_and_sentences_are_its_own():
    others = read(PAIRS) + read(HELDOUT) + read(NUMBERS) + read(DEV2)
    assert_its_own(read(DEV3), r"e\d{3}", others, pages=25)


def test_dev3_set_uses_the_kinds_of_the_first_set():
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(DEV3)} <= first_kinds


def test_dev4_set_ids_sources_and_sentences_are_its_own():
    others = read(PAIRS) + read(HELDOUT) + read(NUMBERS) + read(DEV2) + read(DEV3)
    assert_its_own(read(DEV4), r"f\d{3}", others, pages=40)


def test_dev4_set_uses_the_kinds_of_the_first_set():
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(DEV4)} <= first_kinds


def test_dev5_set_ids_sources_and_sentences_are_its_own():
    others = read(PAIRS) + read(HELDOUT) + read(NUMBERS) + read(DEV2) + read(DEV3) + read(DEV4)
    assert_its_own(read(DEV5), r"g\d{3}", others, pages=20)


def test_dev5_set_uses_the_kinds_of_the_first_set():
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(DEV5)} <= first_kinds


def test_dev6_set_ids_sources_and_sentences_are_its_own():
    others = (
        read(PAIRS)
        + read(HELDOUT)
        + read(NUMBERS)
        + read(DEV2)
        + read(DEV3)
        + read(DEV4)
        + read(DEV5)
        + read(HELDOUT2)
    )
    assert_its_own(read(DEV6), r"j\d{3}", others, pages=40)


def test_dev6_set_uses_the_kinds_of_the_first_set():
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(DEV6)} <= first_kinds


def test_heldout2_set_ids_sources_and_sentences_are_its_own():
    others = (
        read(PAIRS)
        + read(HELDOUT)
        + read(NUMBERS)
        + read(DEV2)
        + read(DEV3)
        + read(DEV4)
        + read(DEV5)
        + read(DEV6)
    )
    assert_its_own(read(HELDOUT2), r"h2-\d{3}", others, pages=45)


def test_heldout2_set_uses_the_kinds_of_the_first_set():
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(HELDOUT2)} <= first_kinds


def test_heldout2_set_is_about_55_per_cent_same():
    rows = read(HELDOUT2)
    assert len(rows) >= 180
    assert 0.50 <= sum(row["same"] for row in rows) / len(rows) <= 0.60
