"""The attribution labels on real news pages, and the scorer's arithmetic.

The file test checks shape only (``bench/labels/news-attribution.jsonl``; the labels are
fixed by the rule in bench/labels/README.md and are not edited to fit the extractor). The
scorer test runs it on a page written for this test.
"""

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "bench" / "labels" / "news-attribution.jsonl"
sys.path.insert(0, str(REPO / "bench"))

import news_attribution  # noqa: E402


def rows() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]


def test_every_row_is_well_formed():
    seen = set()
    for row in rows():
        assert row["sourcing"] in ("named", "anonymous", "unattributed", "unscored")
        assert row["split"] in ("dev", "heldout")
        assert row["article"] == hashlib.sha1(row["url"].encode()).hexdigest()[:12]
        assert len(row["sha1"]) == 40 and row["start"] < row["end"]
        assert (row["article"], row["start"]) not in seen
        seen.add((row["article"], row["start"]))
        if row["sourcing"] in ("named", "anonymous"):
            assert row["claimant"]
            for c in row["claimant"]:
                inside = row["start"] <= c["start"] < c["end"] <= row["end"]
                assert c["carried"] != inside
        else:
            assert "claimant" not in row
        if row["sourcing"] != "unscored":
            assert row["claim"]
            for a, b in row["claim"]:
                assert row["start"] <= a < b <= row["end"]


def test_a_page_is_in_one_half_and_both_halves_are_used():
    halves = {}
    for row in rows():
        assert halves.setdefault(row["article"], row["split"]) == row["split"]
    assert Counter(halves.values()).keys() == {"dev", "heldout"}


PAGE = (
    "Harbour fees at Port Elstow will rise by 8 percent in March, the port authority said on "
    "Tuesday. The increase follows two years of flat fees. "
    '"We cannot keep the dredging going otherwise," said Mira Okonjo, its finance director. '
    '"The channel silts up every winter."'
)


def _span(text: str, start: int = 0) -> dict:
    at = PAGE.index(text, start)
    return {"start": at, "end": at + len(text)}


def test_scorer_counts_a_written_page():
    first = _span("Harbour fees at Port Elstow will rise by 8 percent in March, the port")
    first["end"] = PAGE.index("Tuesday.") + len("Tuesday.")
    second = _span("The increase follows two years of flat fees.")
    third = _span('"We cannot keep the dredging going otherwise," said Mira Okonjo, its finance')
    third["end"] = PAGE.index("director.") + len("director.")
    fourth = _span('"The channel silts up every winter."')
    name = _span("Mira Okonjo")
    labels = {
        "page": [
            {
                **first,
                "sourcing": "named",
                "claimant": [{**_span("the port authority"), "carried": False}],
                "claim": [[0, PAGE.index(", the port authority")]],
            },
            {**second, "sourcing": "unattributed", "claim": [[second["start"], second["end"] - 1]]},
            {
                **third,
                "sourcing": "named",
                "claimant": [{**name, "carried": False}],
                "claim": [[third["start"] + 1, PAGE.index('," said')]],
            },
            {
                **fourth,
                "sourcing": "named",
                "claimant": [{**name, "carried": True}],
                "claim": [[fourth["start"] + 1, fourth["end"] - 2]],
            },
        ]
    }
    t = news_attribution.score({"page": PAGE}, labels)
    assert t.sentences == 4 and t.attributed == 3 and t.plain == 1
    assert sum(t.confusion.values()) == 4
    assert t.found <= t.attributed and t.right <= t.found
    assert t.inside == 2 and t.carried == 1
    assert t.right == t.inside_right + t.carried_right
    assert len(t.f1["attributed"]) == 3 and len(t.f1["unattributed"]) == 1
    # the outlet's own sentence: its claim is the whole sentence
    assert t.f1["unattributed"] == [1.0]


def test_round_4_rows_are_well_formed_and_split_by_the_url_hash():
    path = REPO / "bench" / "labels" / "news-attribution-4.jsonl"
    rows4 = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    seen = set()
    for row in rows4:
        assert row["sourcing"] in ("named", "anonymous", "unattributed", "unscored")
        assert row["article"] == hashlib.sha1(row["url"].encode()).hexdigest()[:12]
        heldout = int(hashlib.sha1(f"attr17:{row['url']}".encode()).hexdigest(), 16) % 3 == 0
        assert row["split"] == ("heldout4" if heldout else "dev4")
        assert row["found"].startswith("search tool, corpus pages, query: ")
        assert (row["article"], row["start"]) not in seen
        seen.add((row["article"], row["start"]))
        for c in row.get("claimant", []):
            inside = row["start"] <= c["start"] < c["end"] <= row["end"]
            assert c["carried"] != inside
        assert ("claimant" in row) == (row["sourcing"] in ("named", "anonymous"))
        assert ("claim" in row) == (row["sourcing"] != "unscored")
    assert {r["split"] for r in rows4} == {"dev4", "heldout4"}
    assert len({r["article"] for r in rows4}) == 18
