"""Routing by the queues' rules, and take-next in priority order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import permissions
from claims.models import Article, Claim, ClaimEvent
from claims.workflow import (
    TRANSITIONS,
    ActionNotPermitted,
    claim_add_source,
    claim_create,
    claim_transitioned,
    claim_triage,
)
from reviewers.models import Assignment, QueueEntry, ReviewQueue
from reviewers.routing import route
from reviewers.services import route_waiting_candidates
from reviewers.take import assign_next, priority_time, takeable_entries
from tests.claims.helpers import STARTS, bring_to, perform
from tests.conftest import make_user


@pytest.fixture
def queues(db):
    general = ReviewQueue.objects.get(is_default=True)
    security = ReviewQueue.objects.create(
        name="Security", slug="security", order=1, keywords="NATO, troops\nbuffer zone"
    )
    anonymous = ReviewQueue.objects.create(
        name="Anonymous sourcing", slug="anon", order=0, claimant_terms="sources"
    )
    stats = ReviewQueue.objects.create(
        name="Numbers",
        slug="numbers",
        order=2,
        required_flags=["statistic"],
        min_checkworthiness=0.6,
    )
    wire = ReviewQueue.objects.create(
        name="Wire", slug="wire", order=3, outlet_domains="wire.example.com"
    )
    return {q.slug: q for q in (general, security, anonymous, stats, wire)}


def new(text, **kwargs):
    return claim_create(text=text, **kwargs)


def test_rules_route_in_order_and_fall_back_to_default(queues, article):
    assert route(new("NATO will send troops.", article=article)).slug == "security"
    # Both the anonymous and the security rule match: order 0 wins.
    assert route(new("NATO troops move.", claimant="EU sources")).slug == "anon"
    assert route(new("Exports rose 12%.", flags=["statistic"], checkworthiness=0.9)).slug == (
        "numbers"
    )
    assert route(new("Exports rose 13%.", flags=["statistic"], checkworthiness=0.3)).slug == (
        "general"
    )
    assert route(new("Unrelated sentence about weather.")).slug == "general"


def test_keywords_match_whole_words(queues):
    assert route(new("A neutral stance on NATOS.")).slug == "general"


def test_outlet_domain_rule_matches_subdomains(queues):
    wire = Article.objects.create(url="https://news.wire.example.com/a", content_hash="1" * 64)
    other = Article.objects.create(url="https://notwire.example.com/a", content_hash="2" * 64)
    assert route(new("The port reopened.", article=wire)).slug == "wire"
    assert route(new("The port reopened.", article=other)).slug == "general"


def test_high_scoring_claims_are_routed_on_creation(queues, settings):
    settings.AUTO_QUEUE_THRESHOLD = 0.75
    high = new("NATO sent 4,000 troops to the border.", checkworthiness=0.9)
    low = new("NATO met on Tuesday.", checkworthiness=0.4)
    assert high.status == "queued" and low.status == "candidate"
    assert QueueEntry.objects.get(claim=high).queue.slug == "security"
    event = high.events.get(kind="triaged")
    assert event.actor is None and event.from_status == "candidate"

    settings.AUTO_QUEUE_THRESHOLD = 0.3
    assert route_waiting_candidates() == 1
    assert route_waiting_candidates() == 0


def test_take_next_serves_most_urgent_first(queues, fact_checker, editor, settings):
    settings.AUTO_QUEUE_THRESHOLD = None
    general = queues["general"]
    general.members.add(fact_checker)
    low, high, late = (
        new("First claim, low score.", checkworthiness=0.1),
        new("Second claim, high score.", checkworthiness=0.9),
        new("Third claim, no score."),
    )
    for claim in (low, high, late):
        claim_triage(claim=claim, actor=editor)
    taken = [assign_next(fact_checker) for _ in range(3)]
    assert [c.pk for c in taken] == [high.pk, low.pk, late.pk]
    assert assign_next(fact_checker) is None
    assert Assignment.objects.filter(reviewer=fact_checker, ended_at__isnull=True).count() == 3


def test_take_next_only_from_own_queues(queues, fact_checker, other_fact_checker, editor):
    queues["security"].members.add(fact_checker)
    claim = new("NATO troops crossed.")
    claim_triage(claim=claim, actor=editor)
    assert assign_next(other_fact_checker) is None
    assert assign_next(fact_checker, queue=queues["general"]) is None
    assert assign_next(fact_checker, queue=queues["security"]).pk == claim.pk


def test_priority_brings_due_time_forward_by_score(settings):
    settings.QUEUE_PRIORITY_BOOST_HOURS = 12
    due = timezone.now()
    assert priority_time(due, 0.5) == due - timedelta(hours=6)
    assert priority_time(due, None) == due


def test_take_next_serves_across_own_active_queues_in_one_order(
    queues, fact_checker, editor, settings
):
    settings.AUTO_QUEUE_THRESHOLD = None
    queues["security"].members.add(fact_checker)
    queues["general"].members.add(fact_checker)
    queues["wire"].members.add(fact_checker)
    troops = new("NATO troops crossed.", checkworthiness=0.2)
    weather = new("It rained all week.", checkworthiness=0.9)
    shut = new("The port closed.", checkworthiness=1.0)
    for claim in (troops, weather):
        claim_triage(claim=claim, actor=editor)
    claim_triage(claim=shut, actor=editor, queue="wire")
    queues["wire"].is_active = False
    queues["wire"].save()
    assert [e.claim_id for e in takeable_entries(fact_checker)] == [weather.pk, troops.pk]
    assert assign_next(fact_checker).pk == weather.pk
    assert assign_next(fact_checker).pk == troops.pk
    assert assign_next(fact_checker) is None  # the inactive queue's claim stays put


LEGAL_MOVES = [
    (action, start)
    for start in STARTS
    for action, transition in TRANSITIONS.items()
    # Statuses of the starting points (the reopened ones share queued / in review).
    if start.split("_after_")[0] in transition.sources
]


@pytest.mark.parametrize(("action", "start"), LEGAL_MOVES)
def test_entry_waits_exactly_while_its_claim_is_queued(
    action, start, make_claim, fact_checker, editor
):
    claim = bring_to(start, make_claim=make_claim, checker=fact_checker, editor=editor)
    if claim.status == Claim.Status.IN_REVIEW:
        claim_add_source(claim=claim, actor=fact_checker, url="https://example.org/extra")
    perform(action, claim, checker=fact_checker, editor=editor, make_claim=make_claim)
    claim.refresh_from_db()
    assert claim.status == TRANSITIONS[action].target
    entry = QueueEntry.objects.filter(claim=claim).first()
    if claim.status == Claim.Status.QUEUED:
        assert entry is not None and entry.waiting
    else:
        assert entry is None or not entry.waiting
    # And no other claim's entry was touched out of step.
    for status, waiting in QueueEntry.objects.values_list("claim__status", "waiting"):
        assert waiting == (status == Claim.Status.QUEUED)


# --- the cost and the all-or-nothing of one take ---------------------------------------


@pytest.fixture
def one_waiting(queues, fact_checker, editor, settings) -> Claim:
    settings.AUTO_QUEUE_THRESHOLD = None
    queues["general"].members.add(fact_checker)
    claim = new("The truce has held for seventy years.")
    claim_triage(claim=claim, actor=editor)
    return claim


# PostgreSQL: BEGIN (a SAVEPOINT inside the test's transaction); one statement that locks
# the entry and its claim (SKIP LOCKED), updates both, and inserts the event and the
# assignment (reviewers.take.take_in_one_statement); COMMIT (RELEASE SAVEPOINT).
# SQLite: BEGIN; the user's queue ids; the entry with its whole claim; UPDATE claim; INSERT
# the history event; UPDATE the entry's waiting flag RETURNING its queue; INSERT the
# assignment; COMMIT.
TAKE_STATEMENTS = {"postgresql": 3, "sqlite": 8}


def test_take_next_statements_record_event_and_assignment(
    one_waiting, fact_checker, django_assert_num_queries
):
    # The desk and the API check the role at the door, which loads the permissions.
    assert permissions.can_review(fact_checker)
    with django_assert_num_queries(TAKE_STATEMENTS[connection.vendor]):
        taken = assign_next(fact_checker)

    assert taken.pk == one_waiting.pk
    taken.refresh_from_db()
    assert taken.status == Claim.Status.IN_REVIEW and taken.assignee_id == fact_checker.pk
    event = ClaimEvent.objects.get(claim=taken, kind="assigned")
    assert (event.actor_id, event.from_status, event.to_status) == (
        fact_checker.pk,
        "queued",
        "in_review",
    )
    assert event.data == {"assignee": fact_checker.pk}
    assignment = Assignment.objects.get(claim=taken, ended_at__isnull=True)
    assert assignment.reviewer_id == assignment.assigned_by_id == fact_checker.pk
    assert assignment.queue.slug == "general"
    assert assignment.lease_expires_at > assignment.assigned_at
    assert not QueueEntry.objects.get(claim=taken).waiting


def test_take_next_reads_permissions_before_it_locks(one_waiting, fact_checker):
    fresh = User.objects.get(pk=fact_checker.pk)  # nothing cached yet
    with CaptureQueriesContext(connection) as ctx:
        assert assign_next(fresh).pk == one_waiting.pk
    statements = [q["sql"] for q in ctx.captured_queries]
    reads = [i for i, sql in enumerate(statements) if "auth_permission" in sql]
    lock = next(i for i, sql in enumerate(statements) if "reviewers_queueentry" in sql)
    # The take's statements (above), and the two reads.
    assert len(statements) == TAKE_STATEMENTS[connection.vendor] + 2, statements
    assert len(reads) == 2 and max(reads) < lock


def test_take_next_refuses_a_user_who_may_not_take_claims(one_waiting, queues):
    outsider = make_user("outsider")  # a queue member without a reviewing role
    queues["general"].members.add(outsider)
    with pytest.raises(ActionNotPermitted, match="may not take claims"):
        assign_next(outsider)
    one_waiting.refresh_from_db()
    assert one_waiting.status == Claim.Status.QUEUED and one_waiting.assignee_id is None
    assert not one_waiting.events.filter(kind="assigned").exists()
    assert QueueEntry.objects.get(claim=one_waiting).waiting


def test_a_take_that_fails_half_way_leaves_nothing_behind(one_waiting, fact_checker):
    def fail(**_):
        raise RuntimeError("a receiver failed after the claim and its event were written")

    claim_transitioned.connect(fail, dispatch_uid="test-fail-take")
    try:
        with pytest.raises(RuntimeError):
            assign_next(fact_checker)
    finally:
        claim_transitioned.disconnect(dispatch_uid="test-fail-take")
    one_waiting.refresh_from_db()
    assert one_waiting.status == Claim.Status.QUEUED and one_waiting.assignee_id is None
    assert not one_waiting.events.filter(kind="assigned").exists()
    assert not Assignment.objects.filter(claim=one_waiting).exists()
    assert QueueEntry.objects.get(claim=one_waiting).waiting
    assert assign_next(fact_checker).pk == one_waiting.pk  # and it can still be taken
