"""The desk's reads: my work, overdue claims, the editor inbox, queue health."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import ClaimLink
from claims.workflow import (
    ActionNotPermitted,
    claim_assign,
    claim_dismiss,
    claim_merge,
    claim_triage,
    verdict_request_changes,
)
from reviewers import selectors
from reviewers.models import QueueEntry, ReviewQueue
from tests.claims.helpers import propose


@pytest.fixture(autouse=True)
def _no_auto_routing(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


@pytest.fixture
def desk(make_claim, editor, fact_checker, other_fact_checker):
    """Two queues; the fact-checker holds two claims (one per queue), the other one."""
    security = ReviewQueue.objects.create(name="Security", slug="security", order=1)
    held = {}
    for name, queue, who in [
        ("a", "general", fact_checker),
        ("b", "security", fact_checker),
        ("c", "general", other_fact_checker),
    ]:
        claim = make_claim()
        claim_triage(claim=claim, actor=editor, queue=queue)
        claim_assign(claim=claim, actor=who, assignee=who)
        held[name] = claim
    waiting = make_claim()
    claim_triage(claim=waiting, actor=editor, queue="security")
    held["waiting"] = waiting
    held["security"] = security
    return held


def test_fact_checker_sees_only_their_own_work(
    desk, fact_checker, other_fact_checker, django_assert_num_queries
):
    # One query: assignments joined with claim, article, queue entry + queue, reviewer.
    with django_assert_num_queries(1):
        work = list(selectors.my_work(viewer=fact_checker, assignee=other_fact_checker))
        assert {a.claim_id for a in work} == {desk["a"].pk, desk["b"].pk}
        assert all(a.claim.queue_entry.due_at and a.lease_expires_at for a in work)


def test_editor_sees_everyones_work_filterable(
    desk, editor, fact_checker, other_fact_checker, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert len(list(selectors.my_work(viewer=editor))) == 3
    mine = selectors.my_work(viewer=editor, assignee=fact_checker, queue="general")
    assert [a.claim_id for a in mine] == [desk["a"].pk]
    assert [
        a.claim_id for a in selectors.my_work(viewer=editor, assignee=other_fact_checker.pk)
    ] == [desk["c"].pk]


def test_work_sent_back_by_an_editor_is_marked_with_their_note(
    desk, fact_checker, editor, django_assert_num_queries
):
    verdict = propose(desk["a"], fact_checker)
    verdict_request_changes(verdict=verdict, actor=editor, note="Cite the treaty.")
    propose(desk["b"], fact_checker)  # awaiting approval: not sent back
    with django_assert_num_queries(1):
        marks = {
            a.claim_id: (a.sent_back, a.sent_back_by, a.sent_back_note)
            for a in selectors.my_work(viewer=fact_checker)
        }
    assert marks == {
        desk["a"].pk: (True, "editor", "Cite the treaty."),
        desk["b"].pk: (False, None, ""),
    }
    # Proposed again: no longer sent back, whatever the earlier version's fate.
    propose(desk["a"], fact_checker)
    assert not selectors.my_work(viewer=fact_checker).get(claim=desk["a"]).sent_back


def test_consumer_has_no_work_view(consumer):
    with pytest.raises(ActionNotPermitted):
        selectors.my_work(viewer=consumer)


def test_overdue_lists_queued_and_in_review_past_due_per_queue(
    desk, editor, django_assert_num_queries
):
    past = timezone.now() - timedelta(hours=1)
    QueueEntry.objects.filter(claim__in=[desk["b"], desk["waiting"]]).update(due_at=past)
    # One query: entries joined with claim, assignee, article and queue.
    with django_assert_num_queries(1):
        grouped = selectors.overdue_by_queue(viewer=editor)
        assert {q.slug: [e.claim_id for e in es] for q, es in grouped.items()} == {
            "security": [desk["b"].pk, desk["waiting"].pk]
        }
        assert grouped[desk["security"]][0].claim.assignee.username == "checker"
    assert list(selectors.overdue_entries(viewer=editor, queue="general")) == []


def test_editor_inbox_oldest_proposal_first(
    desk, editor, fact_checker, other_fact_checker, django_assert_num_queries
):
    first = propose(desk["c"], other_fact_checker)
    second = propose(desk["a"], fact_checker)
    # One query: verdicts joined with claim, article, queue entry + queue, author, rating.
    with django_assert_num_queries(1):
        inbox = list(selectors.editor_inbox(viewer=editor))
        assert [v.pk for v in inbox] == [first.pk, second.pk]
        assert inbox[0].claim.queue_entry.queue.slug == "general"
        assert inbox[0].author.username == "checker2"


def test_fact_checker_has_no_inbox(fact_checker):
    with pytest.raises(ActionNotPermitted):
        selectors.editor_inbox(viewer=fact_checker)
    with pytest.raises(ActionNotPermitted):
        selectors.inbox_counts(viewer=fact_checker)


def test_inbox_counts_are_one_query(
    desk, editor, fact_checker, other_fact_checker, django_assert_num_queries
):
    propose(desk["c"], other_fact_checker)
    mine = propose(desk["a"], fact_checker, rating="false")
    filters = selectors.InboxFilters(checker=fact_checker.pk)
    # One query: queue, author, rating and time of every proposal awaiting a decision.
    with django_assert_num_queries(1):
        counts = selectors.inbox_counts(viewer=editor, filters=filters)
    general = ReviewQueue.objects.get(slug="general").pk
    assert (counts.total, counts.waiting) == (1, 2)
    # Per checker whatever the checker filter; the others among the fact-checker's one.
    assert counts.checker == {fact_checker.pk: 1, other_fact_checker.pk: 1}
    assert counts.queue == {general: 1}
    assert counts.rating == {mine.rating_id: 1}
    assert counts.age == {"1h": 0, "24h": 0, "3d": 0}


def test_queues_overview_counts(desk, fact_checker, django_assert_num_queries):
    desk["security"].members.add(fact_checker)
    QueueEntry.objects.filter(claim=desk["waiting"]).update(
        due_at=timezone.now() - timedelta(hours=1)
    )
    # One query: queues with three filtered counts and a membership EXISTS.
    with django_assert_num_queries(1):
        rows = {
            q.slug: (q.backlog, q.in_review, q.overdue, q.is_member)
            for q in selectors.queues_overview(viewer=fact_checker)
        }
    assert rows == {"general": (0, 2, 0, False), "security": (1, 1, 1, True)}


def test_triage_suggestions_the_best_waiting_match_per_claim(
    make_claim, editor, fact_checker, consumer, django_assert_num_queries
):
    a, b, c, known, other_known, dismissed, dup = (make_claim() for _ in range(7))
    ClaimLink.objects.all().delete()  # whatever matching found: the test sets its own
    claim_dismiss(claim=dismissed, actor=editor, reason="Opinion.")
    claim_merge(claim=dup, canonical=other_known, actor=editor)
    for claim, matched, score, state in [
        (a, known, 0.7, "suggested"),
        (a, other_known, 0.9, "suggested"),  # a's best
        (a, dismissed, 0.95, "suggested"),  # cannot be merged into: skipped
        (b, known, 0.99, "rejected"),  # decided: not offered again
        (b, dup, 0.8, "suggested"),  # a duplicate: the merge goes to its canonical
        (known, a, 0.9, "suggested"),  # from another claim: not a's to follow
    ]:
        ClaimLink.objects.create(claim=claim, matched=matched, score=score, state=state)
    assert fact_checker.has_perm("claims.review_claim")  # as the view has: perms cached
    # One query: the suggested links of the page's claims with their matched claims.
    with django_assert_num_queries(1):
        best = selectors.triage_suggestions(viewer=fact_checker, claim_ids=[a.pk, b.pk, c.pk])
        assert {pk: (link.matched_id, link.merge_into) for pk, link in best.items()} == {
            a.pk: (other_known.pk, other_known.pk),
            b.pk: (dup.pk, other_known.pk),
        }
        assert best[a.pk].matched.statement == other_known.statement
    with pytest.raises(ActionNotPermitted):
        selectors.triage_suggestions(viewer=consumer, claim_ids=[a.pk])
