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
again) and ``bench/labels/matching-pairs-dev7.jsonl`` (a seventh, of one-word opposites, opposite
outcomes and related claims on one story, from other pages again) and
``bench/labels/matching-pairs-dev8.jsonl`` (an eighth, of rewordings as a second outlet, a
reader, a platform user or a headline writer would write them, and near-misses, from other
pages again; its claim sentences referenced in ``matching-pairs-dev8-sentences.tsv``) and
``bench/labels/matching-pairs-dev9.jsonl`` (a ninth, mostly of related claims on one story and
rewordings, from other pages again; its sentences referenced in
``matching-pairs-dev9-sentences.tsv``) and ``bench/labels/matching-pairs-heldout2.jsonl`` (a
second held-out set, written blind from other pages again, scored once per round). These test the
files only, never the matcher: the labels are fixed by the people who wrote them (see
bench/labels/matching-pairs.md) and are not edited to fit any matcher.
"""

import hashlib
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
DEV7 = LABELS / "matching-pairs-dev7.jsonl"
DEV8 = LABELS / "matching-pairs-dev8.jsonl"
DEV8_SENTENCES = LABELS / "matching-pairs-dev8-sentences.tsv"
DEV9 = LABELS / "matching-pairs-dev9.jsonl"
DEV9_SENTENCES = LABELS / "matching-pairs-dev9-sentences.tsv"
HELDOUT2 = LABELS / "matching-pairs-heldout2.jsonl"
FIELDS = {"id", "a", "b", "same", "kind", "topic", "source"}


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(
    scope="module",
    params=[PAIRS, HELDOUT, NUMBERS, DEV2, DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, DEV9, HELDOUT2],
    ids=[
        "first",
        "heldout",
        "numbers",
        "dev2",
        "dev3",
        "dev4",
        "dev5",
        "dev6",
        "dev7",
        "dev8",
        "dev9",
        "heldout2",
    ],
)
def rows(request):
    return request.param, read(request.param)


def test_every_row_has_the_fields(rows):
    _, rows = rows
    for row in rows:
        assert set(row) == FIELDS, row.get("id")
        for key in FIELDS - {"same"}:
            assert isinstance(row[key], str), (row["id"], key)
        assert row["kind"].strip() and row["topic"].strip(), row["id"]
        assert row["source"].startswith(("http://", "https://")), row["id"]


def test_ids_are_unique(rows):
    _, rows = rows
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))


def test_sides_are_non_empty_and_distinct(rows):
    _, rows = rows
    for row in rows:
        a, b = row["a"].strip(), row["b"].strip()
        assert a and b, row["id"]
        assert a != b, row["id"]


def test_same_is_a_bool(rows):
    _, rows = rows
    for row in rows:
        assert type(row["same"]) is bool, row["id"]


def test_enough_pairs_with_both_labels(rows):
    # dev7 was asked for as at least 100 pairs (a narrower set: opposites and related claims),
    # dev8 as at least 120 (about 25 pages, one claim sentence each), dev9 as at least 100
    # (about 20 pages, mostly related claims on one story).
    path, rows = rows
    assert len(rows) >= {DEV7: 100, DEV8: 120, DEV9: 100}.get(path, 150)
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


# The sets written after the first two: (file, id pattern, at least this many pages).
LATER_SETS = [
    (NUMBERS, r"n\d{3}", 30),
    (DEV2, r"d\d{3}", 40),
    (DEV3, r"e\d{3}", 25),
    (DEV4, r"f\d{3}", 40),
    (DEV5, r"g\d{3}", 20),
    (DEV6, r"j\d{3}", 40),
    (DEV7, r"d7-\d{3}", 25),
    (DEV8, r"d8-\d{3}", 25),
    (DEV9, r"d9-\d{3}", 20),
    (HELDOUT2, r"h2-\d{3}", 45),
]
LATER_IDS = ["numbers", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "heldout2"]


@pytest.mark.parametrize(("path", "id_pattern", "pages"), LATER_SETS, ids=LATER_IDS)
def test_later_set_ids_sources_and_sentences_are_its_own(path, id_pattern, pages):
    # Every other set, the ones written after it too: no two sets share an id, page or side.
    every = (PAIRS, HELDOUT, *(p for p, _, _ in LATER_SETS))
    others = [row for other in every if other != path for row in read(other)]
    assert_its_own(read(path), id_pattern, others, pages=pages)


@pytest.mark.parametrize("path", [p for p, _, _ in LATER_SETS], ids=LATER_IDS)
def test_later_set_uses_the_kinds_of_the_first_set(path):
    first_kinds = {(row["same"], row["kind"]) for row in read(PAIRS)}
    assert {(row["same"], row["kind"]) for row in read(path)} <= first_kinds


def test_heldout2_set_is_about_55_per_cent_same():
    rows = read(HELDOUT2)
    assert len(rows) >= 180
    assert 0.50 <= sum(row["same"] for row in rows) / len(rows) <= 0.60


@pytest.mark.parametrize(
    ("pairs", "sentences"), [(DEV8, DEV8_SENTENCES), (DEV9, DEV9_SENTENCES)], ids=["dev8", "dev9"]
)
def test_pages_have_one_referenced_claim_sentence_each(pairs, sentences):
    # The sentence each page's pairs restate is kept as a reference, never as text: the
    # article key (first 12 hex digits of the URL's SHA-1), offsets and the sentence's SHA-1.
    lines = sentences.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["article", "start", "end", "sha1", "url"]
    refs = [line.split("\t") for line in lines[1:] if line.strip()]
    urls = [url for *_, url in refs]
    assert sorted(urls) == sorted({row["source"] for row in read(pairs)})
    for article, start, end, sha1, url in refs:
        assert article == hashlib.sha1(url.encode("utf-8")).hexdigest()[:12], url
        assert 0 <= int(start) < int(end), url
        assert re.fullmatch(r"[0-9a-f]{40}", sha1), url
