"""The claims list's reads (``reviewers.selectors.desk_claims_page`` and
``count_claims_by_status``): who sees what, every filter, the three orders, cursor pages
both ways, counts per status, and what they cost in queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from claims import search
from claims.models import Article, Claim, ClaimLink, Rating
from claims.workflow import (
    ActionNotPermitted,
    claim_assign,
    claim_dismiss,
    claim_merge,
    claim_triage,
    verdict_approve,
)
from reviewers.keyset import InvalidCursor
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.selectors import ClaimFilters, count_claims_by_status, desk_claims_page
from reviewers.selectors import claim_list as selectors
from tests.claims.helpers import propose
from tests.conftest import make_user
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_copy,
    world_editor,
    world_fact_checker,
    world_for_the_module,
    world_make_claim,
    world_other_fact_checker,
)

S = Claim.Status


@pytest.fixture(autouse=True)
def _no_auto_routing(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    # Built once for the module (tests/module_rows.py): 40 tests read the same desk.
    people = ("editor", "fact_checker", "other_fact_checker")
    with override_settings(AUTO_QUEUE_THRESHOLD=None):
        yield from world_for_the_module(django_db_blocker, _build_desk, people)


@pytest.fixture
def desk(world) -> dict:
    return world["rows"]


def _build_desk(*, make_claim, editor, fact_checker, other_fact_checker) -> dict:
    """One claim in each status, from two articles, with distinct words, claimants, scores."""
    security = ReviewQueue.objects.create(name="Security", slug="security", order=1)
    rents = Article.objects.create(
        url="https://news.example.org/rents",
        title="Rents soar in the capital",
        content_hash="1" * 64,
    )
    c = {}
    c["candidate"] = make_claim(
        "Unemployment rose to 3.4 percent in May, the finance minister said.",
        claim_text="Unemployment rose to 3.4 percent in May.",
        claimant="Jane Doe",
        claimant_role="finance minister",
        sourcing="named",
        checkworthiness=0.9,
    )
    c["queued"] = make_claim(
        "Gas prices doubled in the north, according to EU sources.",
        claim_text="Gas prices doubled in the north.",
        claimant="EU sources",
        sourcing="anonymous",
        checkworthiness=0.5,
        article=rents,
    )
    claim_triage(claim=c["queued"], actor=editor, queue="security")
    c["in_review"] = make_claim("Exports fell by a third last year.", checkworthiness=None)
    claim_triage(claim=c["in_review"], actor=editor, queue="general")
    claim_assign(claim=c["in_review"], actor=fact_checker, assignee=fact_checker)
    c["pending_approval"] = make_claim(
        "Crime in rural districts halved since 2010.", checkworthiness=0.7, article=rents
    )
    claim_triage(claim=c["pending_approval"], actor=editor, queue="general")
    claim_assign(claim=c["pending_approval"], actor=other_fact_checker, assignee=other_fact_checker)
    propose(c["pending_approval"], other_fact_checker, rating="false")
    c["published"] = make_claim("The armistice line has held since 1953.", checkworthiness=0.8)
    claim_triage(claim=c["published"], actor=editor, queue="general")
    claim_assign(claim=c["published"], actor=fact_checker, assignee=fact_checker)
    verdict = propose(c["published"], fact_checker, rating="mostly_true")
    verdict_approve(verdict=verdict, actor=editor)
    c["dismissed"] = make_claim("Vaccination rates are a matter of opinion.", checkworthiness=0.1)
    claim_dismiss(claim=c["dismissed"], actor=editor, reason="Opinion.")
    c["duplicate"] = make_claim("Emissions in the eurozone fell by a fifth.", checkworthiness=0.3)
    claim_merge(claim=c["duplicate"], canonical=c["published"], actor=editor)
    # Found on distinct days, oldest first, so "newest" has one answer.
    start = timezone.now() - timedelta(days=30)
    for i, name in enumerate(c):
        Claim.objects.filter(pk=c[name].pk).update(created_at=start + timedelta(days=i))
        c[name].refresh_from_db()
    c["security"] = security
    return c


def ids(page) -> list[int]:
    return [claim.pk for claim in page.rows]


def names(desk, rows) -> list[str]:
    by_pk = {claim.pk: name for name, claim in desk.items() if isinstance(claim, Claim)}
    return [by_pk[claim.pk] for claim in rows]


def listed(desk, viewer, **filters) -> list[str]:
    return names(desk, desk_claims_page(viewer=viewer, filters=ClaimFilters(**filters)).rows)


# --- who sees what ---------------------------------------------------------------------


def test_the_desk_sees_every_claim_in_any_status(desk, fact_checker, editor):
    everything = ["duplicate", "dismissed", "published", "pending_approval", "in_review"]
    everything += ["queued", "candidate"]
    assert listed(desk, fact_checker) == everything
    assert listed(desk, editor) == everything


def test_a_desk_member_without_view_unpublished_sees_only_the_public_record(desk):
    reviewer = make_user("outsider")
    reviewer.user_permissions.add(Permission.objects.get(codename="review_claim"))
    assert set(listed(desk, reviewer)) == {
        "duplicate",  # of a published claim
        "published",
        "pending_approval",
        "in_review",
        "queued",
    }


def test_consumer_and_anonymous_are_refused(desk, consumer, anonymous):
    for viewer in (consumer, anonymous):
        with pytest.raises(ActionNotPermitted):
            desk_claims_page(viewer=viewer)
        with pytest.raises(ActionNotPermitted):
            count_claims_by_status(viewer=viewer)


# --- filters ---------------------------------------------------------------------------


def test_status_filter_takes_one_or_several(desk, editor):
    assert listed(desk, editor, statuses=("queued",)) == ["queued"]
    assert listed(desk, editor, statuses=("in_review", "queued")) == ["in_review", "queued"]


def test_text_search(desk, editor):
    assert listed(desk, editor, q="unemployment") == ["candidate"]
    assert listed(desk, editor, q="finance minister") == ["candidate"]
    assert listed(desk, editor, q="rents capital") == ["pending_approval", "queued"]
    assert listed(desk, editor, q="nothing like this") == []


def test_queue_assignee_claimant_sourcing(desk, editor, fact_checker, other_fact_checker):
    assert listed(desk, editor, queue=desk["security"].pk) == ["queued"]
    general = ReviewQueue.objects.get(slug="general").pk
    assert listed(desk, editor, queue=general) == ["published", "pending_approval", "in_review"]
    assert listed(desk, editor, assignee=fact_checker.pk) == ["in_review"]
    assert listed(desk, editor, assignee=other_fact_checker.pk) == ["pending_approval"]
    assert listed(desk, editor, claimant="EU") == ["queued"]
    assert listed(desk, editor, claimant="minister") == ["candidate"]
    assert listed(desk, editor, sourcing="anonymous") == ["queued"]


def test_rating_is_the_published_verdicts(desk, editor):
    # The pending proposal rated "false" is not a rating yet.
    assert listed(desk, editor, rating=Rating.objects.get(slug="mostly_true").pk) == ["published"]
    assert listed(desk, editor, rating=Rating.objects.get(slug="false").pk) == []


def test_article(desk, editor):
    rents = desk["queued"].article_id
    assert listed(desk, editor, article=rents) == ["pending_approval", "queued"]


def test_date_range_includes_both_days(desk, editor):
    day = timezone.localdate(desk["in_review"].created_at)
    assert listed(desk, editor, created_from=day, created_to=day) == ["in_review"]
    later = listed(desk, editor, created_from=day + timedelta(days=1))
    assert later == ["duplicate", "dismissed", "published", "pending_approval"]
    assert listed(desk, editor, created_to=day - timedelta(days=1)) == ["queued", "candidate"]


def test_has_match_counts_suggested_and_confirmed_links_not_rejected(desk, editor):
    ClaimLink.objects.create(claim=desk["candidate"], matched=desk["published"], score=0.7)
    ClaimLink.objects.create(
        claim=desk["dismissed"],
        matched=desk["published"],
        score=0.6,
        state=ClaimLink.State.REJECTED,
    )
    assert listed(desk, editor, has_match=True) == ["candidate"]
    assert "candidate" not in listed(desk, editor, has_match=False)
    assert "dismissed" in listed(desk, editor, has_match=False)
    page = desk_claims_page(viewer=editor)
    assert {c.pk for c in page.rows if c.has_match} == {desk["candidate"].pk}


def test_filters_combine(desk, editor, fact_checker):
    assert listed(desk, editor, statuses=("in_review",), assignee=fact_checker.pk) == ["in_review"]
    assert listed(desk, editor, statuses=("queued",), q="unemployment") == []


# --- orders and pages ------------------------------------------------------------------


def test_score_order_puts_unscored_claims_last(desk, editor):
    page = desk_claims_page(viewer=editor, sort="score")
    assert names(desk, page.rows) == [
        "candidate",
        "published",
        "pending_approval",
        "queued",
        "duplicate",
        "dismissed",
        "in_review",  # no score
    ]


def test_due_order_puts_claims_never_queued_last(desk, editor):
    due = timezone.now() + timedelta(hours=5)
    for i, name in enumerate(["published", "queued", "pending_approval", "in_review"]):
        QueueEntry.objects.filter(claim=desk[name]).update(due_at=due + timedelta(hours=i))
    page = desk_claims_page(viewer=editor, sort="due")
    assert names(desk, page.rows) == [
        "published",
        "queued",
        "pending_approval",
        "in_review",
        # No queue entry: in id order.
        "candidate",
        "dismissed",
        "duplicate",
    ]


@pytest.mark.parametrize("sort", ["newest", "score", "due"])
@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_cursor_pages_walk_the_whole_order_both_ways(desk, editor, sort, size):
    # Ties on the key too (two claims with the same score, two due at once): the id decides.
    Claim.objects.filter(pk=desk["queued"].pk).update(checkworthiness=0.8)
    QueueEntry.objects.filter(claim=desk["queued"]).update(
        due_at=QueueEntry.objects.get(claim=desk["published"]).due_at
    )
    everything = ids(desk_claims_page(viewer=editor, sort=sort, size=100))
    assert len(everything) == 7
    forward, page = [], desk_claims_page(viewer=editor, sort=sort, size=size)
    assert page.previous is None
    pages = [page]
    while True:
        forward += ids(page)
        assert len(ids(page)) == size or page.next is None
        if page.next is None:
            break
        page = desk_claims_page(viewer=editor, sort=sort, size=size, cursor=page.next)
        assert page.previous is not None
        pages.append(page)
    assert forward == everything
    # And back from the last page: each previous page is the one we saw going forward.
    for earlier in reversed(pages[:-1]):
        page = desk_claims_page(viewer=editor, sort=sort, size=size, cursor=page.previous)
        assert ids(page) == ids(earlier)
    assert page.previous is None


def test_a_short_page_reached_backwards_is_the_full_first_page(desk, editor):
    first = desk_claims_page(viewer=editor, size=3)
    second = desk_claims_page(viewer=editor, size=3, cursor=first.next)
    # Two of the first page's claims go away: "previous" still shows a full first page.
    Claim.objects.filter(pk__in=ids(first)[:2]).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    back = desk_claims_page(viewer=editor, size=3, cursor=second.previous)
    assert back.previous is None and len(back.rows) == 3


@pytest.mark.parametrize("cursor", ["nonsense", "W10", "WyJuZXdlc3QiLCJuIiwiMjAyNSIsMV0", "e30"])
def test_a_cursor_not_of_this_list_is_refused(desk, editor, cursor):
    with pytest.raises(InvalidCursor):
        desk_claims_page(viewer=editor, cursor=cursor)


def test_a_cursor_of_another_order_is_refused(desk, editor):
    page = desk_claims_page(viewer=editor, sort="score", size=2)
    with pytest.raises(InvalidCursor):
        desk_claims_page(viewer=editor, sort="newest", cursor=page.next)


# --- counts ----------------------------------------------------------------------------


def counted(counts) -> dict[str, int | None]:
    return {c.status: c.count for c in counts.by_status}


def test_counts_per_status_are_exact_for_a_small_desk(desk, editor):
    counts = count_claims_by_status(viewer=editor)
    assert counted(counts) == dict.fromkeys(S.values, 1)
    assert counts.total == 7 and not counts.approximate and not counts.more_than


def test_counts_follow_every_filter_but_the_status(desk, editor):
    rents = desk["queued"].article_id
    counts = count_claims_by_status(
        viewer=editor, filters=ClaimFilters(statuses=("queued",), article=rents)
    )
    assert counts.total == 2
    assert {s: n for s, n in counted(counts).items() if n} == {"queued": 1, "pending_approval": 1}


def test_counts_stop_at_the_cap(desk, editor):
    counts = count_claims_by_status(viewer=editor, filters=ClaimFilters(q="rents"), cap=1)
    assert counts.more_than and counts.total == 1
    assert set(counted(counts).values()) == {None}
    assert count_claims_by_status(viewer=editor, filters=ClaimFilters(q="rents"), cap=2).total == 2


def test_counts_are_of_what_the_viewer_may_see(desk):
    reviewer = make_user("outsider")
    reviewer.user_permissions.add(Permission.objects.get(codename="review_claim"))
    counts = counted(count_claims_by_status(viewer=reviewer))
    assert counts["candidate"] == 0 and counts["dismissed"] == 0 and counts["queued"] == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="this run uses SQLite; the PostgreSQL run covers it"
)
def test_a_big_unfiltered_desk_gets_estimates_from_the_statistics(desk, editor, make_claim):
    make_claim("Rents rose by a tenth.")
    make_claim("Rents fell by a tenth.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")  # here the sample is the whole table
    counts = count_claims_by_status(viewer=editor, cap=3)
    assert counts.approximate and not counts.more_than
    assert counts.total == 9 and counted(counts) == {**dict.fromkeys(S.values, 1), "candidate": 3}
    # A filter: never estimated (the planner multiplies selectivities it cannot know).
    filtered = count_claims_by_status(viewer=editor, filters=ClaimFilters(q="rents"), cap=3)
    assert not filtered.approximate and filtered.more_than


# --- cost ------------------------------------------------------------------------------


def test_a_page_and_its_counts_are_one_query_each(
    desk, editor, fact_checker, django_assert_num_queries
):
    editor.has_perm("claims.view_unpublished")  # the permission cache, as in a request
    filters = ClaimFilters(q="gas prices", statuses=("queued",), sourcing="anonymous")
    # One query: the claims with article, assignee, queue entry + queue, published
    # verdict + rating joined, and the has-match EXISTS. On PostgreSQL a text search in
    # newest order first probes where the newest 5,000 claims start (one index read; here
    # fewer claims exist, so the page is then read as usual).
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 1):
        page = desk_claims_page(viewer=editor, filters=filters)
        row = page.rows[0]
        assert row.article.title and row.queue_entry.queue.name == "Security"
    with django_assert_num_queries(1):
        page = desk_claims_page(viewer=editor, sort="newest")
        assert [c.published_verdict.rating.label for c in page.rows if c.published_verdict] == [
            "Mostly true"
        ]
        assert {c.assignee.username for c in page.rows if c.assignee} == {"checker", "checker2"}
    # One query: the statuses of (at most cap + 1) matching claims, counted per status.
    with django_assert_num_queries(1):
        count_claims_by_status(viewer=editor, filters=filters)


def test_the_date_filter_bounds_are_whole_days_in_the_current_time_zone():
    with timezone.override("Europe/Berlin"):
        start = selectors._start_of(date(2025, 3, 1))
    assert (start.hour, start.utcoffset()) == (0, timedelta(hours=1))


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="this run uses SQLite; the PostgreSQL run covers it"
)
def test_the_lists_reads_are_never_prepared(desk, editor):
    # A prepared statement may get a plan made for any value of its parameters; for a search
    # word that plan read the whole table (see selectors.custom_plans).
    def prepared_searches() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements"
                " WHERE statement LIKE '%%plainto_tsquery%%'"
                " AND statement NOT LIKE '%%pg_prepared_statements%%'"
            )
            return cursor.fetchone()[0]

    connection.ensure_connection()
    raw = connection.connection
    raw.prepare_threshold, before = 0, raw.prepare_threshold
    try:
        with selectors.custom_plans(connection):
            assert raw.prepare_threshold is None
            for _ in range(3):
                desk_claims_page(viewer=editor, filters=ClaimFilters(q="rents"))
        assert raw.prepare_threshold == 0
        assert prepared_searches() == 0
        # The check sees one: the same search outside the list's reads is prepared at once.
        Claim.objects.filter(search.text_search("rents")).exists()
        assert prepared_searches() == 1
    finally:
        raw.prepare_threshold = before


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="this run uses SQLite; the PostgreSQL run covers it"
)
def test_a_search_read_within_the_newest_window_gives_the_pages_the_whole_list_gives(
    make_claim, editor, monkeypatch
):
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 4)
    texts = [
        "The harbour handled a record tonnage of grain in spring.",  # oldest: the rare word
        "Ferry fares rose by a fifth over the winter.",
        "The harbour dredging cost overran by a third.",
        "Ferry crossings fell after the storm season ended.",
        "The harbour master said two cranes were out of service.",
        "The harbour reopened its northern quay after repairs.",
        "Night ferries to the islands stopped in October.",
        "The harbour expects more cruise ships next year.",
        "The harbour board approved the new fee schedule.",
    ]
    claims = [make_claim(t) for t in texts]

    def expected(word):
        return [
            c.pk
            for c in sorted(claims, key=lambda c: (c.created_at, c.pk), reverse=True)
            if word in c.text.lower()
        ]

    def pages(word):
        ids, cursor = [], None
        while True:
            page = desk_claims_page(
                viewer=editor, filters=ClaimFilters(q=word), cursor=cursor, size=2
            )
            ids += [c.pk for c in page.rows]
            if page.next is None:
                return ids
            cursor = page.next

    # Common: the newest four claims hold a full page, so it is read there; later pages
    # start their own window after the cursor.
    assert pages("harbour") == expected("harbour")
    # Rare (only in the oldest claim, outside every window): read from the whole list.
    assert pages("grain") == expected("grain") == [claims[0].pk]
