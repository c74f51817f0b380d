"""The consumer list for browsing: filters by the verdict's date, ratings, language,
publisher, domain and claimant; newest verdicts first; the optional total count; and the
validators and cursors that must stay right with each of them (the cursors over many equal
dates: test_claim_cursors.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from claims.models import Article, Claim
from claims.workflow import claim_merge, verdict_approve
from tests.claims.api.conftest import driver
from tests.claims.api.test_claims import nothing_changed_for_an_hour
from tests.claims.helpers import propose
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_copy,
    world_editor,
    world_fact_checker,
    world_for_the_module,
    world_make_claim,
)

# No test here checks matching: new claims are matched lexically (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("lexical_matching")

LIST = "/api/v1/claims/"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def moment(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def publisher(at, fact_checker, editor):
    """``publish_on("2025-08-10T09:00", rating=..., **claim)``: a claim whose verdict an
    editor approved at that moment (the workflow's clock, set for the approval only)."""

    def publish_on(when: str, *, rating: str = "mostly_true", **claim_kwargs) -> Claim:
        claim = at("in_review", **claim_kwargs)
        verdict = propose(claim, fact_checker, rating=rating)
        with pytest.MonkeyPatch.context() as clock:
            clock.setattr(timezone, "now", lambda: moment(when))
            verdict_approve(verdict=verdict, actor=editor)
        claim.refresh_from_db()
        return claim

    return publish_on


def _article(url: str, outlet: str, language: str) -> Article:
    return Article.objects.create(
        url=url, title=f"Story at {url}", outlet=outlet, language=language
    )


def _build_record(*, make_claim, editor, fact_checker) -> dict[str, Claim]:
    """Three published claims in July and August in three articles, a repeat of one of them,
    a pending claim, a tombstone and a hidden candidate."""
    at = driver(make_claim, fact_checker, editor)
    publish_on = publisher(at, fact_checker, editor)
    example = _article("https://www.example.com/2025/budget", "Example News", "en-GB")
    other = _article("https://news.other.org/transport", "The Other Times", "fr")
    lookalike = _article("https://badexample.com/rents", "Bad Example", "en")
    claims = {
        "july": publish_on(
            "2025-07-15T12:00", rating="false", article=example, claimant="Steve Witkoff"
        ),
        "august": publish_on(
            "2025-08-10T09:00", rating="misleading", article=other, claimant="EU sources"
        ),
        "late_august": publish_on(
            "2025-08-31T23:30", rating="true", article=lookalike, claimant="Ines Varga"
        ),
    }
    # A repeat of the August claim, found in the lookalike's article: its verdict and date.
    claims["repeat"] = claim_merge(
        claim=make_claim("EU sources said it again.", article=lookalike, claimant="Ana Ruiz"),
        canonical=claims["august"],
        actor=editor,
    )
    claims["pending"] = at("queued", article=example, claimant="Steve Witkoff")
    removed = at("queued", article=example, claimant="Steve Witkoff", text="Rents rose 9%.")
    claims["removed"] = claim_merge(claim=removed, canonical=at("candidate"), actor=editor)
    at("candidate", article=example, claimant="Steve Witkoff")
    return claims


# Every test of the module reads the same record (or writes what is rolled back): built once
# for the module (tests/module_rows.py), under the module's lexical matching.
@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, lexical_matching):
    yield from world_for_the_module(django_db_blocker, _build_record)


@pytest.fixture
def record(world) -> dict[str, Claim]:
    return world["rows"]


def named(record, response) -> set[str]:
    names = {claim.pk: name for name, claim in record.items()}
    return {names[i] for i in ids(response)}


# Every case only reads (GET) the same record, so one record serves them all; each case is
# reported as a subtest of its own (building the record is most of the cost: once, not 28 times).
FILTER_CASES = [
    # The verdict's date: published claims only, the repeat with its canonical's date.
    ({"published_after": "2025-08-01"}, {"august", "repeat", "late_august"}),
    ({"published_before": "2025-08-01"}, {"july"}),
    (
        {"published_after": "2025-08-01", "published_before": "2025-08-31"},
        {"august", "repeat"},
    ),
    # Inclusive after, exclusive before, to the microsecond; offsets are understood.
    ({"published_after": "2025-08-10T09:00:00Z"}, {"august", "repeat", "late_august"}),
    ({"published_before": "2025-08-10T09:00:00Z"}, {"july"}),
    ({"published_after": "2025-08-10T11:00:00+02:00"}, {"august", "repeat", "late_august"}),
    ({"published_after": "2025-08-10T09:00:00.000001Z"}, {"late_august"}),
    # Several ratings, repeated or comma-separated; a repeat has its canonical's.
    ({"rating": ["false", "misleading"]}, {"july", "august", "repeat"}),
    ({"rating": "false,misleading"}, {"july", "august", "repeat"}),
    ({"rating": ["true", "false,true"]}, {"late_august", "july"}),
    ({"rating": "mostly_true"}, set()),
    # The article's language: a primary tag also finds its regional forms.
    ({"language": "en"}, {"july", "pending", "removed", "late_august", "repeat"}),
    ({"language": "EN-gb"}, {"july", "pending", "removed"}),
    ({"language": "fr"}, {"august"}),
    ({"language": "de"}, set()),
    # The outlet's whole name, in any case.
    ({"publisher": "the other times"}, {"august"}),
    ({"publisher": "Other"}, set()),
    # The address's host, with or without www.; another subdomain by its own name,
    # and never a host that only ends the same way.
    ({"domain": "example.com"}, {"july", "pending", "removed"}),
    ({"domain": "WWW.Example.COM."}, {"july", "pending", "removed"}),
    ({"domain": "www.badexample.com"}, {"late_august", "repeat"}),
    ({"domain": "news.other.org"}, {"august"}),
    ({"domain": "other.org"}, set()),
    ({"domain": "badexample.com"}, {"late_august", "repeat"}),
    ({"domain": "ample.com"}, set()),
    # The claimant: a case-insensitive part of the name, tombstones included.
    ({"claimant": "witkoff"}, {"july", "pending", "removed"}),
    ({"claimant": "ruiz"}, {"repeat"}),
    # Together: every filter narrows.
    (
        {
            "published_after": "2025-07-01",
            "rating": "false,true",
            "language": "en",
            "domain": "example.com",
            "claimant": "witkoff",
        },
        {"july"},
    ),
    ({"status": "pending", "published_after": "2025-01-01"}, set()),
]


def test_list_filters(record, reader, subtests):
    for params, expected in FILTER_CASES:
        with subtests.test(params=params):
            assert named(record, reader.get(LIST, params)) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"published_after": "last tuesday"}, "published_after"),
        ({"published_after": "2025-02-30"}, "published_after"),
        ({"published_before": "2025-08-01T25:00"}, "published_before"),
        ({"published_after": "0001-01-01T00:00+14:00"}, "published_after"),
        ({"language": "english!"}, "language"),
        ({"domain": "https://example.com/"}, "domain"),
        ({"domain": "exa mple.com"}, "domain"),
        ({"rating": "false,,true"}, "rating.0"),
        ({"rating": ",".join(["false"] * 21)}, "rating.0"),  # 20 slugs a value, as stated
        ({"rating": ["false"] * 21}, "rating"),  # 20 values
        ({"ordering": "id"}, "ordering"),
        ({"ordering": "-updated_at"}, "ordering"),
        ({"count": "maybe"}, "count"),
    ],
)
def test_invalid_parameters_are_a_400_problem_on_their_field(params, field, reader, db):
    response = reader.get(LIST, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == [field]


@pytest.mark.parametrize(
    "after_before", [("2025-09-01", "2025-08-01"), ("2025-08-01", "2025-08-01")]
)
def test_a_date_range_that_holds_no_moment_is_a_422_on_published_before(after_before, reader, db):
    after, before = after_before
    response = reader.get(LIST, {"published_after": after, "published_before": before})
    # Each date is valid (the schema cannot relate two parameters): unprocessable, not bad.
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "unprocessable_input"
    assert body["errors"] == [
        {
            "field": "published_before",
            "detail": "Must be later than published_after.",
            "code": "empty_range",
        }
    ]


def test_an_unknown_rating_is_named_in_the_problem(reader, db):
    response = reader.get(LIST, {"rating": ["false", "pants_on_fire,fake_news", "true"]})
    # A well-formed slug that names no rating: 422, as any reference to a row not there.
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "unprocessable_input"
    assert body["type"] == "urn:factcheck:problem:unprocessable_input"
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("rating", "does_not_exist")]
    assert "'pants_on_fire', 'fake_news'" in body["detail"]
    assert "'false'" not in body["detail"]


def test_an_unknown_rating_beside_a_malformed_parameter_is_a_400(reader, db):
    response = reader.get(LIST, {"rating": "pants_on_fire", "ordering": "id"})
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"rating", "ordering"}


def test_a_retired_rating_still_filters(record, reader):
    from claims.models import Rating

    Rating.objects.filter(slug="misleading").update(is_active=False)
    assert named(record, reader.get(LIST, {"rating": "misleading"})) == {"august", "repeat"}


# --- orderings --------------------------------------------------------------------------


def test_newest_verdict_first_lists_published_claims_only(record, reader):
    newest = [record[n].pk for n in ("late_august", "repeat", "august", "july")]
    # The repeat shares the August claim's date; the later id comes first, backwards.
    assert record["repeat"].pk > record["august"].pk
    assert ids(reader.get(LIST, {"ordering": "-published_at"})) == newest
    assert ids(reader.get(LIST, {"ordering": "published_at"})) == newest[::-1]


def test_an_ordering_keeps_the_filters(record, reader):
    params = {"ordering": "-published_at", "rating": "false,misleading", "domain": "news.other.org"}
    assert ids(reader.get(LIST, params)) == [record["august"].pk]


def test_the_default_order_is_still_the_change_feed(record, reader):
    default = reader.get(LIST).json()["results"]
    assert reader.get(LIST, {"ordering": "updated_at"}).json()["results"] == default
    stamps = [item["updated_at"] for item in default]
    assert stamps == sorted(stamps)
    assert default[-1].get("removed") is True  # the tombstone stays in the sync order


def test_a_cursor_that_was_not_made_here_is_a_404_problem(reader, db):
    import base64

    forged = base64.b64encode(b"p=not a date&o=0").decode()
    for ordering in ("updated_at", "-published_at"):
        response = reader.get(LIST, {"ordering": ordering, "cursor": forged})
        assert response.status_code == 404, response.content
        assert response["Content-Type"] == "application/problem+json"


# --- the total count --------------------------------------------------------------------


def test_count_is_left_out_unless_asked_for(record, reader):
    assert "count" not in reader.get(LIST).json()
    assert "count" not in reader.get(LIST, {"count": "false"}).json()


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({}, 6),  # three published, the repeat, the pending claim and the tombstone
        ({"ordering": "-published_at"}, 4),
        ({"rating": "misleading"}, 2),
        ({"published_after": "2025-08-31", "ordering": "-published_at"}, 1),
        ({"language": "de"}, 0),
    ],
)
def test_count_is_the_whole_lists_on_every_page(params, total, record, reader):
    first = reader.get(LIST, {**params, "count": "true", "page_size": 1}).json()
    assert next(iter(first)) == "count"  # the envelope starts with it
    assert first["count"] == total
    assert len(first["results"]) == min(total, 1)
    if first["next"]:
        assert reader.get(first["next"]).json()["count"] == total  # the link keeps count=true


# --- validators -------------------------------------------------------------------------


def test_lists_with_different_filters_never_share_an_etag(record, reader):
    nothing_changed_for_an_hour()
    plain = reader.get(LIST)
    german = reader.get(LIST, {"language": "de"})
    spanish = reader.get(LIST, {"language": "es"})
    # The same bytes (two empty pages) under two URLs: still two validators.
    assert german.content == spanish.content
    assert len({plain["ETag"], german["ETag"], spanish["ETag"]}) == 3
    assert reader.get(LIST, {"language": "es"}, HTTP_IF_NONE_MATCH=german["ETag"]).status_code == (
        200
    )
    assert reader.get(LIST, {"language": "de"}, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == (
        200
    )
    counted = reader.get(LIST, {"count": "true"})
    assert counted["ETag"] != plain["ETag"]


def test_a_filtered_list_answers_304_until_a_claim_it_shows_changes(
    record, reader, fact_checker, editor
):
    from claims.workflow import claim_assign, claim_reopen

    params = {"rating": "false", "ordering": "-published_at"}
    nothing_changed_for_an_hour()
    first = reader.get(LIST, params)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert reader.get(LIST, params, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert reader.get(LIST, params, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    july = record["july"]
    claim_reopen(claim=july, actor=editor, note="New figures.")
    claim_assign(claim=july, actor=fact_checker, assignee=fact_checker)
    verdict_approve(verdict=propose(july, fact_checker, rating="true"), actor=editor)
    changed = reader.get(LIST, params, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert ids(changed) == []  # its verdict is "true" now
    assert reader.get(LIST, params, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200
