"""Each desk page reads through one selector, in a fixed number of queries.

The counts are pinned exactly: a query more (a relation read per row, a lookup moved out
of a join) or fewer (a read dropped) fails here, whatever the page's size. The viewer's
permissions are loaded first, as the page's door (``desk_view``) loads them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims import permissions
from claims.models import ClaimLink
from claims.workflow import ActionNotPermitted, claim_add_source, claim_assign, claim_triage
from reviewers import selectors
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.review_holds import active_hold, verdict_hold_for_review
from reviewers.services import claim_add_note
from tests.claims.helpers import bring_to, propose


@pytest.fixture(autouse=True)
def _no_auto_routing(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


def at_the_door(user):
    """The user as a desk page gets it: their permissions already read."""
    assert permissions.can_review(user)
    return user


# --- the claim's page -------------------------------------------------------------------


def test_claim_page_reads_in_seven_queries_whatever_its_history(
    claim_in_review, fact_checker, make_claim, django_assert_num_queries
):
    viewer = at_the_door(fact_checker)
    propose(claim_in_review, fact_checker)
    repeat = make_claim()
    ClaimLink.objects.filter(claim=repeat).delete()
    ClaimLink.objects.create(claim=repeat, matched=claim_in_review, score=0.9)

    def read():
        # The claim with its article, assignee, queue entry and queue, published verdict
        # and rating, canonical; its sources with who added them; its verdicts with
        # rating, author and decider; their cited sources; its events with actors and
        # verdicts; its similar claims with theirs; its notes with their authors.
        with django_assert_num_queries(7):
            return selectors.claim_page(viewer=viewer, pk=claim_in_review.pk)

    page = read()
    assert (len(page.verdicts), len(page.notes), len(page.similar)) == (1, 0, 1)
    for n in range(4):
        claim_add_source(claim=claim_in_review, actor=fact_checker, url=f"https://e.org/{n}")
        claim_add_note(claim=claim_in_review, actor=fact_checker, body=f"Note {n} @editor")
    page = read()
    assert (len(page.sources), len(page.notes)) == (6, 4)
    assert [v.cited_sources.all()[0].pk for v in page.verdicts]  # prefetched
    assert page.similar[0].other.pk == repeat.pk and page.similar[0].repeats_this


def test_claim_page_of_a_claim_with_no_verdict_reads_in_six(
    claim_in_review, fact_checker, django_assert_num_queries
):
    viewer = at_the_door(fact_checker)
    # No verdict: nothing to read their citations for.
    with django_assert_num_queries(6):
        page = selectors.claim_page(viewer=viewer, pk=claim_in_review.pk)
    assert page.verdicts == [] and page.claim.queue_entry.queue.slug == "general"
    # The verdict form's choices and an earlier article text are read only when drawn.
    with django_assert_num_queries(1):
        assert list(page.citable_sources()) == page.sources


def test_claim_page_refuses_someone_off_the_desk(claim_in_review, consumer):
    with pytest.raises(ActionNotPermitted):
        selectors.claim_page(viewer=consumer, pk=claim_in_review.pk)


# --- my work ------------------------------------------------------------------------------


def test_my_work_page_reads_in_two_queries_for_a_queue_member(
    make_claim, fact_checker, editor, django_assert_num_queries
):
    viewer = at_the_door(fact_checker)
    ReviewQueue.objects.get(slug="general").members.add(fact_checker)

    def read(held: int):
        # The viewer's open assignments with claim, article, queue entry and queue,
        # reviewer and queue, and their latest verdict's state, decider and note; the
        # active queues with their counts and whether the viewer is a member.
        with django_assert_num_queries(2):
            page = selectors.my_work_page(viewer=viewer)
        assert len(page.assignments) == held and page.queues and page.waiting == []

    read(0)
    for _ in range(4):
        claim = make_claim()
        claim_triage(claim=claim, actor=editor)
        claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    read(4)


def test_my_work_page_offers_waiting_claims_to_someone_in_no_queue_in_three(
    make_claim, fact_checker, editor, django_assert_num_queries
):
    viewer = at_the_door(fact_checker)
    for _ in range(3):
        claim_triage(claim=make_claim(), actor=editor)
    # As above, and the most urgent waiting entries with their claims and queues.
    with django_assert_num_queries(3):
        page = selectors.my_work_page(viewer=viewer)
    assert page.queues == [] and len(page.waiting) == 3
    assert [e.claim.status for e in page.waiting] == ["queued"] * 3


# --- the dashboard ------------------------------------------------------------------------


def test_dashboard_page_reads_in_six_queries_whatever_the_desk(
    make_claim, fact_checker, editor, django_assert_num_queries
):
    viewer = at_the_door(editor)

    def read():
        # Queues overview; claims per status; publication dates of the last weeks; the
        # ingestion and publication times of the latest published claims; the overdue
        # entries with claim, assignee, article and queue; the desk members' workload.
        with django_assert_num_queries(6):
            return selectors.dashboard_page(viewer=viewer, now=timezone.now(), weeks=12)

    page = read()
    assert page.median_hours_to_publication is None and len(page.published_per_week) == 12
    for start in ("published", "published", "in_review", "queued"):
        bring_to(start, make_claim=make_claim, checker=fact_checker, editor=editor)
    QueueEntry.objects.update(due_at=timezone.now() - timedelta(hours=1))
    page = read()
    assert sum(n for _, n in page.published_per_week) == 2
    assert page.by_status["published"] == 2 and len(page.overdue) == 2
    assert page.median_hours_to_publication is not None
    assert {m.username: m.open for m in page.workload}["checker"] == 1


# --- triage -------------------------------------------------------------------------------


def test_triage_page_reads_in_three_queries_whatever_the_page(
    make_claim, editor, django_assert_num_queries
):
    viewer = at_the_door(editor)
    known = make_claim("The truce has held for seventy years.")

    def read(queries: int, **filters):
        with django_assert_num_queries(queries):
            return selectors.triage_page(viewer=viewer, filters=selectors.TriageFilters(**filters))

    for n in range(5):
        claim = make_claim(f"Candidate {n} says the budget rose by {n} percent.")
        ClaimLink.objects.filter(claim=claim).delete()
        ClaimLink.objects.create(claim=claim, matched=known, score=0.8)
    # The count; the page's candidates with their articles; their best suggestions with
    # the matched claims.
    found = read(3)
    assert len(found.page.object_list) == 6 and len(found.suggestions) == 5
    found = read(3, q="budget")
    assert found.page.paginator.count == 5 and len(found.suggestions) == 5
    # Nothing matches: the count alone (an empty page and no ids to look up are not read).
    found = read(1, q="tram")
    assert found.page.object_list == [] and found.suggestions == {}


# --- the editor's inbox -------------------------------------------------------------------


def test_inbox_page_reads_in_four_queries_whatever_the_number_of_cards(
    make_claim, fact_checker, editor, other_editor, django_assert_num_queries
):
    viewer = at_the_door(editor)

    def add_cards() -> None:
        # A proposal held by a colleague, and a correction of a published verdict.
        held = bring_to(
            "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
        )
        verdict_hold_for_review(verdict=held.verdicts.get(), actor=other_editor)
        claim = bring_to(
            "in_review_after_reopen", make_claim=make_claim, checker=fact_checker, editor=editor
        )
        propose(claim, fact_checker, rating="false")

    def read(cards: int):
        # The counts; the proposals with claim, article, queue entry and queue, author,
        # rating, hold and its editor, and the published verdict and its rating; their
        # cited sources; the published verdicts' cited sources.
        with django_assert_num_queries(4):
            page = selectors.inbox_page(viewer=viewer)
            for verdict in page.verdicts:  # and nothing left to read per card
                active_hold(verdict)
                list(verdict.cited_sources.all())
                if verdict.claim.published_verdict is not None:
                    list(verdict.claim.published_verdict.cited_sources.all())
        assert len(page.verdicts) == page.counts.total == cards

    add_cards()
    read(2)
    add_cards()
    add_cards()
    read(6)
