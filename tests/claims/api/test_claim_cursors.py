"""The consumer list's cursors over published claims that share verdict dates: every page
walked forwards and back in each order, every claim once. Apart from
test_claim_filters.py, whose record is built once for its module: these tests list every
claim there is, so they start from an empty database."""

from __future__ import annotations

import pytest

from claims.workflow import claim_merge
from tests.claims.api.test_claim_filters import LIST, publisher

# No test here checks matching: new claims are matched lexically (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("lexical_matching")


@pytest.fixture
def publish_on(at, fact_checker, editor):
    return publisher(at, fact_checker, editor)


@pytest.fixture
def many_on_a_few_dates(publish_on, make_claim, editor):
    """Eleven published claims on three dates: five share one (a claim and four repeats),
    so page boundaries fall among equal dates."""
    claims = [publish_on("2025-06-01T08:00"), publish_on("2025-06-02T08:00")]
    shared = publish_on("2025-06-03T08:00")
    claims += [shared] + [
        claim_merge(claim=make_claim(f"Said again, {n}."), canonical=shared, actor=editor)
        for n in range(4)
    ]
    claims += [publish_on(f"2025-06-{day:02}T08:00") for day in (4, 5, 6, 7)]
    return claims


def _walk(reader, url, link="next"):
    seen = []
    while url:
        page = reader.get(url).json()
        seen.append([item["id"] for item in page["results"]])
        url = page[link]
    return seen


def test_cursor_pages_walk_every_claim_once_in_each_order(many_on_a_few_dates, reader, subtests):
    # Every case only reads the same claims: one set of them, each case a subtest of its own.
    for ordering in ("published_at", "-published_at", "updated_at"):
        for page_size in (1, 2, 3, 4):
            with subtests.test(ordering=ordering, page_size=page_size):
                _walk_both_ways(reader, many_on_a_few_dates, ordering, page_size)


def _walk_both_ways(reader, claims, ordering: str, page_size: int) -> None:
    items = reader.get(LIST, {"ordering": ordering, "page_size": 200}).json()["results"]
    everything = [item["id"] for item in items]
    assert sorted(everything) == sorted(c.pk for c in claims)
    # In the order asked for, read off the items themselves, equal dates by id.
    field = ordering.lstrip("-")
    keys = [
        (item["verdict"]["published_at"] if field == "published_at" else item[field], item["id"])
        for item in items
    ]
    assert keys == sorted(keys, reverse=ordering.startswith("-"))
    pages = _walk(reader, f"{LIST}?ordering={ordering}&page_size={page_size}")
    assert [pk for page in pages for pk in page] == everything
    assert all(len(page) == page_size for page in pages[:-1])
    # And back from the last page with the previous links, page by page.
    last = reader.get(f"{LIST}?ordering={ordering}&page_size={page_size}")
    while last.json()["next"]:
        last = reader.get(last.json()["next"])
    back = _walk(reader, last.json()["previous"], link="previous") if len(pages) > 1 else []
    assert [pk for page in reversed(back) for pk in page] + pages[-1] == everything
