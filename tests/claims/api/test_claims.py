"""The consumer's view of claims: what is visible, how it is filtered, paged and cached."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db.models import F
from django.utils import timezone
from django.utils.http import http_date

from claims.claimreview import check_slug
from claims.models import Article, Claim
from claims.workflow import (
    claim_assign,
    claim_dismiss,
    claim_merge,
    claim_reopen,
    verdict_approve,
)
from tests.claims.api.conftest import client_with_token
from tests.claims.helpers import propose

# No test here checks matching: new claims are matched lexically (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("lexical_matching")

LIST = "/api/v1/claims/"
ITEM_KEYS = {
    "id",
    "text",
    "claim_text",
    "claimant",
    "claimant_role",
    "cue",
    "sourcing",
    "article",
    "review_status",
    "verdict",
    "duplicate_of",
    "updated_at",
}
TOMBSTONE_KEYS = {"id", "removed", "removed_at", "reason", "updated_at"}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


# --- visibility -------------------------------------------------------------------------

VISIBLE = {
    "candidate": None,
    "dismissed": None,
    "duplicate": None,  # of an unpublished claim
    "queued": "pending",
    "in_review": "pending",
    "pending_approval": "pending",
    "published": "published",
    "queued_after_reopen": "published",
    "in_review_after_reopen": "published",
}


@pytest.mark.parametrize(("start", "shown_as"), VISIBLE.items())
def test_which_claims_consumers_see(start, shown_as, at, reader):
    claim = at(start)
    listed = {item["id"]: item for item in reader.get(LIST).json()["results"]}
    detail = reader.get(f"/api/v1/claims/{claim.pk}/")
    if shown_as is None:
        assert claim.pk not in listed
        assert detail.status_code == 404
    else:
        assert listed[claim.pk]["review_status"] == shown_as
        assert detail.json()["review_status"] == shown_as


def test_pending_claims_show_nothing_of_the_review(at, reader, fact_checker, editor):
    claim = at("pending_approval", claimant="EU sources", sourcing="anonymous")
    item = reader.get(f"/api/v1/claims/{claim.pk}/").json()
    assert item["verdict"] is None
    assert item["sources"] == []
    assert item["corrections"] == []
    assert item["review_status"] == "pending"
    text = str(item)
    for secret in ("checker", "editor", "Broadly accurate", "evidence.example.org"):
        assert secret not in text


def test_published_item_shape(published, reader):
    item = reader.get(LIST).json()["results"][0]
    assert set(item) == ITEM_KEYS
    verdict = published.published_verdict
    assert item["article"] == {
        "url": "https://news.example.org/2025/08/buffer-zone",
        "title": "Buffer zone talks",
        "outlet": "Example News",
        "published_at": None,
    }
    assert item["text"] == item["claim_text"] == published.text
    assert item["claimant"] == "Steve Witkoff"
    assert (item["claimant_role"], item["cue"]) == ("", "")
    assert item["sourcing"] == "named"
    assert item["verdict"] == {
        "rating": "mostly_true",
        "label": verdict.rating.label,
        "value": 4,
        "headline": "Broadly accurate",
        "summary": "The armistice of 1953 has held, with incidents.",
        "published_at": verdict.published_at.isoformat().replace("+00:00", "Z"),
        # the page's canonical address, not the short one that redirects there
        "url": f"http://127.0.0.1:8000/checks/{published.pk}-{check_slug(published.statement)}/",
    }
    assert "author" not in str(item["verdict"]) and "checker" not in str(item)


def test_the_sentence_and_the_claim_text_are_two_fields_with_the_attribution(at, reader):
    sentence = (
        "Ticket revenue now covers 61 percent of operating costs, transport director Ines "
        "Varga said on Tuesday."
    )
    claim = at(
        "published",
        text=sentence,
        claim_text="Ticket revenue now covers 61 percent of operating costs",
        claimant="Ines Varga",
        claimant_role="transport director",
        cue="said",
        sourcing="named",
    )
    listed = {item["id"]: item for item in reader.get(LIST).json()["results"]}[claim.pk]
    detail = reader.get(f"/api/v1/claims/{claim.pk}/").json()
    for item in (listed, detail):
        assert item["text"] == sentence  # the sentence keeps its meaning
        assert item["claim_text"] == "Ticket revenue now covers 61 percent of operating costs"
        assert (item["claimant"], item["claimant_role"], item["cue"]) == (
            "Ines Varga",
            "transport director",
            "said",
        )


def test_a_claim_without_a_claim_text_names_its_sentence(published, reader):
    Claim.objects.filter(pk=published.pk).update(claim_text="")
    item = reader.get(f"/api/v1/claims/{published.pk}/").json()
    assert item["claim_text"] == item["text"] == published.text


def test_a_duplicate_of_a_published_claim_carries_its_verdict(published, make_claim, editor):
    repeat = make_claim("The truce has held for seventy years, he said.")
    claim_merge(claim=repeat, canonical=published, actor=editor)
    reader = client_with_token(editor, "read")
    item = reader.get(f"/api/v1/claims/{repeat.pk}/").json()
    assert item["review_status"] == "published"
    assert item["duplicate_of"] == published.pk
    assert item["verdict"]["headline"] == "Broadly accurate"
    # the canonical's page: the verdict that speaks for the repeat is the canonical's
    assert item["verdict"]["url"].endswith(
        f"/checks/{published.pk}-{check_slug(published.statement)}/"
    )
    assert [s["url"] for s in item["sources"]] == [
        s.url for s in published.published_verdict.cited_sources.all()
    ]
    assert len(item["corrections"]) == 1


def test_detail_has_cited_sources_and_the_corrections_log(published, reader, fact_checker, editor):
    first = published.published_verdict
    claim_reopen(claim=published, actor=editor, note="New figures.")
    claim_assign(claim=published, actor=fact_checker, assignee=fact_checker)
    # While re-reviewed, the first verdict stays public.
    assert reader.get(f"/api/v1/claims/{published.pk}/").json()["verdict"]["rating"] == (
        "mostly_true"
    )
    second = propose(published, fact_checker, rating="mostly_false")
    verdict_approve(verdict=second, actor=editor)

    item = reader.get(f"/api/v1/claims/{published.pk}/").json()
    assert item["verdict"]["rating"] == "mostly_false"
    assert [s["url"] for s in item["sources"]] == [s.url for s in second.cited_sources.all()]
    assert set(item["sources"][0]) == {"url", "title", "kind", "stance"}
    log = item["corrections"]
    assert [(r["rating"], r["superseded"]) for r in log] == [
        ("mostly_true", True),
        ("mostly_false", False),
    ]
    first.refresh_from_db()
    assert log[0]["published_at"] == first.published_at.isoformat().replace("+00:00", "Z")
    assert "version" not in log[0]  # rejected drafts in between would show as gaps


def test_the_detail_gives_the_rationale_the_public_page_publishes(
    at, reader, client, fact_checker, editor
):
    claim = at("in_review")
    reasons = (
        "The port's own ledger shows 41 ships in March, not 60.\n\n"
        "The harbour master confirmed the ledger by phone."
    )
    verdict_approve(
        verdict=propose(claim, fact_checker, rating="false", rationale=reasons), actor=editor
    )
    detail = reader.get(f"/api/v1/claims/{claim.pk}/").json()
    assert detail["verdict"]["rationale"] == reasons
    page = client.get(f"/checks/{claim.pk}/", follow=True).content.decode()
    assert "The harbour master confirmed the ledger by phone." in page
    # Lists stay light: the rationale is the detail's.
    [listed] = [c for c in reader.get(LIST).json()["results"] if c["id"] == claim.pk]
    assert "rationale" not in listed["verdict"]


# --- filters ----------------------------------------------------------------------------


@pytest.fixture
def mixed(at, published, editor):
    other_article = Article.objects.create(
        url="https://other.example.com/story?id=7", title="Other story", outlet="Other"
    )
    elsewhere = at("in_review", article=other_article, text="Gas prices doubled in May.")
    # Was pending, then merged as a repeat of the unpublished claim above: a tombstone.
    removed = at("queued", claimant="Ana Ruiz", text="Petrol costs twice what it did in April.")
    claim_merge(claim=removed, canonical=elsewhere, actor=editor)
    return {
        "published": published,
        "pending": at("queued", claimant="EU sources", sourcing="anonymous"),
        "elsewhere": elsewhere,
        "hidden": at("candidate", claimant="Steve Witkoff"),
        "removed": removed,
    }


# Every case only reads the same claims: one set of them, each case a subtest of its own
# (building them is most of the cost: once, not 12 times).
LIST_FILTER_CASES = [
    ({}, {"published", "pending", "elsewhere", "removed"}),
    # A tombstone has no public state to filter on; the claim's own columns it keeps.
    ({"status": "published"}, {"published"}),
    ({"status": "pending"}, {"pending", "elsewhere"}),
    ({"rating": "mostly_true"}, {"published"}),
    ({"rating": "false"}, set()),
    ({"claimant": "witkoff"}, {"published"}),
    ({"claimant": "ruiz"}, {"removed"}),
    ({"sourcing": "anonymous"}, {"pending"}),
    ({"q": "gas prices"}, {"elsewhere"}),
    ({"q": "petrol"}, {"removed"}),
    ({"q": "EU sources"}, {"pending"}),
    # Normalized: scheme/host case, tracking parameters and fragments do not matter.
    (
        {"article_url": "HTTPS://Other.Example.com/story?utm_source=x&id=7#top"},
        {"elsewhere"},
    ),
]


def test_list_filters(mixed, reader, subtests):
    names = {claim.pk: name for name, claim in mixed.items()}
    for params, expected in LIST_FILTER_CASES:
        with subtests.test(params=params):
            assert {names[i] for i in ids(reader.get(LIST, params))} == expected


def test_text_search_finds_the_claim_text_and_the_claimant_role(at, reader):
    claim = at(
        "queued",
        text="Fares will rise, Varga said of the network, which loses money on each ticket.",
        claim_text="Fares will rise … the network loses money on each ticket",
        claimant="Ines Varga",
        claimant_role="transport director",
        sourcing="named",
    )
    at("queued")
    assert ids(reader.get(LIST, {"q": "transport director"})) == [claim.pk]
    assert ids(reader.get(LIST, {"q": "rise … the network"})) == [claim.pk]


def test_updated_since_is_inclusive(mixed, reader):
    published = mixed["published"]
    since = Claim.objects.get(pk=published.pk).updated_at
    assert published.pk in ids(reader.get(LIST, {"updated_since": since.isoformat()}))
    assert ids(reader.get(LIST, {"updated_since": timezone.now().isoformat()})) == []


def test_a_duplicate_resurfaces_in_the_feed_when_its_canonical_is_published(
    at, reader, make_claim, editor, fact_checker
):
    canonical = at("pending_approval")
    repeat = make_claim("The same claim, again.")
    claim_merge(claim=repeat, canonical=canonical, actor=editor)
    assert repeat.pk not in ids(reader.get(LIST))  # duplicate of an unpublished claim
    before = timezone.now()
    verdict_approve(verdict=canonical.verdicts.get(state="proposed"), actor=editor)
    changed = ids(reader.get(LIST, {"updated_since": before.isoformat()}))
    assert set(changed) == {canonical.pk, repeat.pk}


# --- claims that leave the public view -----------------------------------------------------


def test_a_claim_merged_away_is_listed_as_a_tombstone_at_the_end_of_the_feed(at, reader, editor):
    stays, leaves = at("queued"), at("queued")
    canonical = at("in_review", text="The ceasefire line moved two kilometres north.")
    before = timezone.now()
    claim_merge(claim=leaves, canonical=canonical, actor=editor, note="The same report.")
    leaves.refresh_from_db()

    feed = reader.get(LIST).json()["results"]
    assert [item["id"] for item in feed] == [stays.pk, canonical.pk, leaves.pk]
    tombstone = feed[-1]
    assert set(tombstone) == TOMBSTONE_KEYS
    assert tombstone["removed"] is True and tombstone["reason"] == "merged"
    removed_at = datetime.fromisoformat(tombstone["removed_at"])
    assert removed_at == leaves.removed_at
    assert before <= removed_at <= datetime.fromisoformat(tombstone["updated_at"])
    assert reader.get(LIST, {"updated_since": before.isoformat()}).json()["results"] == [tombstone]
    assert reader.get(f"/api/v1/claims/{leaves.pk}/").status_code == 404


def test_a_claim_that_leaves_while_a_consumer_walks_the_pages_reaches_it(at, reader, editor):
    first, second, third = at("queued"), at("queued"), at("queued")
    page = reader.get(LIST, {"page_size": 2}).json()
    assert [item["id"] for item in page["results"]] == [first.pk, second.pk]
    claim_merge(claim=first, canonical=at("candidate"), actor=editor)
    rest = reader.get(page["next"]).json()
    assert [(item["id"], item.get("removed")) for item in rest["results"]] == [
        (third.pk, None),
        (first.pk, True),
    ]


def test_a_removed_claim_that_becomes_public_again_is_listed_as_itself(
    at, reader, editor, fact_checker
):
    canonical = at("pending_approval")
    repeat = at("queued", text="The armistice has held since 1953, officials repeated.")
    claim_merge(claim=repeat, canonical=canonical, actor=editor)
    last = reader.get(LIST).json()["results"][-1]
    assert (last["id"], last["removed"]) == (repeat.pk, True)
    before = timezone.now()
    verdict_approve(verdict=canonical.verdicts.get(state="proposed"), actor=editor)
    changed = reader.get(LIST, {"updated_since": before.isoformat()}).json()["results"]
    by_id = {item["id"]: item for item in changed}
    assert set(by_id) == {canonical.pk, repeat.pk}
    assert set(by_id[repeat.pk]) == ITEM_KEYS
    assert by_id[repeat.pk]["duplicate_of"] == canonical.pk
    assert by_id[repeat.pk]["verdict"]["rating"] == "mostly_true"


def test_unknown_rating_is_a_field_error(reader, db):
    body = reader.get(LIST, {"rating": "pants_on_fire"}).json()
    assert body["errors"][0]["field"] == "rating"


# --- paging and sync --------------------------------------------------------------------


def test_cursor_pages_walk_every_claim_once_in_sync_order(at, reader):
    claims = [at("queued") for _ in range(5)]
    seen, url = [], f"{LIST}?page_size=2"
    while url:
        page = reader.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert seen == [c.pk for c in claims]


def test_a_claim_that_changes_moves_to_the_end_of_the_feed(at, reader, editor):
    first, second = at("queued"), at("queued")
    claim_assign(claim=first, actor=editor, assignee=editor)
    assert ids(reader.get(LIST)) == [second.pk, first.pk]


# --- conditional requests ---------------------------------------------------------------


def nothing_changed_for_an_hour() -> None:
    """Move every change an hour back (the sync-key triggers follow ``updated_at``), so the
    second of the last change is long over, as when a poller comes back."""
    hour = timedelta(hours=1)
    Article.objects.update(updated_at=F("updated_at") - hour)
    Claim.objects.update(updated_at=F("updated_at") - hour)


@pytest.mark.parametrize("path", ["list", "detail", "claimreview", "feed", "lookup"])
def test_etag_gives_304_until_something_changes(path, published, reader, fact_checker, editor):
    nothing_changed_for_an_hour()
    url = {
        "list": LIST,
        "detail": f"/api/v1/claims/{published.pk}/",
        "claimreview": f"/api/v1/claims/{published.pk}/claimreview/",
        "feed": "/api/v1/claimreview/",
        "lookup": f"/api/v1/articles/lookup/?url={published.article.url}",
    }[path]
    first = reader.get(url)
    etag = first["ETag"]
    assert first["Last-Modified"]
    assert first["Cache-Control"] == "private, no-cache"

    again = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    claim_reopen(claim=published, actor=editor, note="New figures.")
    claim_assign(claim=published, actor=fact_checker, assignee=fact_checker)
    verdict_approve(verdict=propose(published, fact_checker, rating="false"), actor=editor)
    changed = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert reader.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


def _merge_away(claims, editor, fact_checker):
    # The pending claim becomes a repeat of one nobody has checked: it leaves the list.
    claim_merge(claim=claims["pending"], canonical=claims["candidate"], actor=editor)


def _dismiss(claims, editor, fact_checker):
    # Only a candidate can be dismissed, and no list shows one: the bytes stay the same.
    claim_dismiss(claim=claims["candidate"], actor=editor, reason="A slogan, not a claim.")


def _publish(claims, editor, fact_checker):
    verdict_approve(verdict=claims["awaiting"].verdicts.get(state="proposed"), actor=editor)


@pytest.mark.parametrize(
    ("change", "same_bytes"), [(_merge_away, False), (_dismiss, True), (_publish, False)]
)
@pytest.mark.parametrize("params", [{}, {"status": "pending"}])
def test_a_list_answers_if_modified_since_from_a_validator_every_change_moves(
    change, same_bytes, params, at, published, reader, editor, fact_checker
):
    claims = {
        "pending": at("queued", text="The new bridge carries 40,000 cars a day."),
        "awaiting": at("pending_approval", text="Fares fell by a third since January."),
        "candidate": at("candidate", text="Nobody rides the night buses any more."),
    }
    nothing_changed_for_an_hour()
    first = reader.get(LIST, params)
    modified, etag = first["Last-Modified"], first["ETag"]
    # Unchanged: both validators answer 304.
    assert reader.get(LIST, params, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert reader.get(LIST, params, HTTP_IF_NONE_MATCH=etag).status_code == 304

    change(claims, editor, fact_checker)
    # The date moved whatever the page shows (before, a merge-away left "pending" with the
    # same newest item and the same date: 304 for a list that had lost a claim).
    assert reader.get(LIST, params, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200
    again = reader.get(LIST, params, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == (304 if same_bytes else 200)
    if not same_bytes:
        assert again.content != first.content


def test_last_modified_waits_until_its_second_is_over(at, reader, monkeypatch):
    from claims.api import conditional

    at("queued")
    latest = Claim.objects.order_by("-synced_at").first().synced_at.timestamp()
    # Still within the second of the last change: another change could carry the same
    # date, so only the ETag is offered.
    monkeypatch.setattr(conditional, "_wall_clock", lambda: int(latest) + 0.999)
    fresh = reader.get(LIST)
    assert "Last-Modified" not in fresh
    date = http_date(int(latest))
    assert reader.get(LIST, HTTP_IF_MODIFIED_SINCE=date).status_code == 200
    # Once it is over, the date is a validator.
    monkeypatch.setattr(conditional, "_wall_clock", lambda: int(latest) + 1)
    later = reader.get(LIST)
    assert later["Last-Modified"] == date
    assert reader.get(LIST, HTTP_IF_MODIFIED_SINCE=date).status_code == 304


# --- query counts -----------------------------------------------------------------------


@pytest.mark.parametrize("how_many", [1, 30])
def test_detail_query_count_is_fixed(
    how_many, published, reader, django_assert_max_num_queries, make_claim, editor
):
    repeats = [make_claim(f"Repeat {n}.") for n in range(how_many)]
    for repeat in repeats:
        claim_merge(claim=repeat, canonical=published, actor=editor)
    reader.get(LIST)
    # 1 token, 2 permissions, 1 claim with joins, 1 cited sources, 1 published revisions
    # (measured: 6); a duplicate adds the same two for its canonical's verdict.
    with django_assert_max_num_queries(6):
        assert reader.get(f"/api/v1/claims/{published.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert reader.get(f"/api/v1/claims/{repeats[-1].pk}/").status_code == 200
