"""Random sequences of actions by random personas never break the workflow's promises."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from claims import selectors
from claims.models import Claim, ClaimEvent, Verdict
from claims.workflow import (
    TRANSITIONS,
    Action,
    WorkflowError,
    allowed_actions,
    claim_add_source,
    claim_assign,
    claim_create,
    claim_dismiss,
    claim_expire,
    claim_merge,
    claim_propose_verdict,
    claim_release,
    claim_reopen,
    claim_restore,
    claim_triage,
    verdict_approve,
    verdict_request_changes,
    verdict_withdraw,
)
from reviewers.models import Assignment, QueueEntry
from tests.claims.helpers import STARTS, bring_to, perform

EVENT_FIELDS = ("id", "claim_id", "actor_id", "kind", "from_status", "to_status", "note")
PERSONAS = ["fact_checker", "other_fact_checker", "editor", "other_editor", "consumer"]


class WorkflowMachine(RuleBasedStateMachine):
    personas: dict = {}
    article = None

    claims = Bundle("claims")

    def __init__(self) -> None:
        super().__init__()
        # Each example runs in a savepoint that teardown rolls back.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.seen_events: dict[int, tuple] = {}
        self.ever_public: set[int] = set()
        self.counter = 0

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def attempt(self, func, **kwargs) -> None:
        if "claim" in kwargs and kwargs["claim"] is None:
            return  # no claim is in the state this rule needs yet
        try:
            with transaction.atomic():
                func(**kwargs)
        except WorkflowError:
            pass

    @initialize(target=claims)
    def claims_at_every_point_of_their_life(self):
        """Start each run with a claim in every state, so random steps begin deep."""
        return multiple(
            *(
                bring_to(
                    start,
                    make_claim=self._new,
                    checker=self.personas["fact_checker"],
                    editor=self.personas["editor"],
                ).pk
                for start in STARTS
            )
        )

    @rule(target=claims)
    def new_claim(self):
        self.counter += 1
        return claim_create(
            text=f"Exports rose {self.counter} percent last year.", article=self.article
        ).pk

    @rule(data=st.data(), who=st.sampled_from(PERSONAS))
    def triage(self, data, who):
        claim = self._draw_claim_in(data, "candidate")
        self.attempt(claim_triage, claim=claim, actor=self.personas[who])

    @rule(claim=claims, who=st.sampled_from(PERSONAS))
    def dismiss(self, claim, who):
        self.attempt(claim_dismiss, claim=claim, actor=self.personas[who], reason="Opinion")

    @rule(claim=claims, who=st.sampled_from(PERSONAS))
    def restore(self, claim, who):
        self.attempt(claim_restore, claim=claim, actor=self.personas[who])

    @rule(claim=claims, canonical=claims, who=st.sampled_from(PERSONAS))
    def merge(self, claim, canonical, who):
        self.attempt(claim_merge, claim=claim, canonical=canonical, actor=self.personas[who])

    @rule(data=st.data(), who=st.sampled_from(PERSONAS), to=st.sampled_from(PERSONAS))
    def assign(self, data, who, to):
        claim = self._draw_claim_in(data, "queued")
        self.attempt(
            claim_assign, claim=claim, actor=self.personas[who], assignee=self.personas[to]
        )

    @rule(claim=claims, who=st.sampled_from(PERSONAS))
    def release(self, claim, who):
        self.attempt(claim_release, claim=claim, actor=self.personas[who])

    @rule(claim=claims)
    def expire(self, claim):
        self.attempt(claim_expire, claim=claim)

    def _draw_claim_in(self, data, status: str):
        """Pick a claim that is in ``status`` now, so random runs reach deep states."""
        ids = sorted(Claim.objects.filter(status=status).values_list("pk", flat=True))
        return data.draw(st.sampled_from(ids)) if ids else None

    @rule(
        data=st.data(),
        who=st.sampled_from([*PERSONAS, "the assignee"]),
        rating=st.sampled_from(["false", "true"]),
    )
    def propose(self, data, who, rating):
        claim = self._draw_claim_in(data, "in_review")
        if claim is None:
            return
        # "the assignee" lets random runs get past review often enough to reach approval.
        assignee = Claim.objects.get(pk=claim).assignee
        actor = assignee if who == "the assignee" and assignee else self.personas.get(who)
        if actor is None:
            return

        def add_and_propose(**_):
            source = claim_add_source(
                claim=claim, actor=actor, url=f"https://e.example.org/{self.counter}/{who}"
            )
            claim_propose_verdict(
                claim=claim,
                actor=actor,
                rating=rating,
                headline="h",
                summary="s",
                sources=[source],
            )

        self.counter += 1
        self.attempt(add_and_propose)

    def _open_verdict(self, claim):
        if claim is None:
            return None
        return Verdict.objects.filter(claim_id=claim).order_by("-version").first()

    @rule(data=st.data(), who=st.sampled_from(PERSONAS))
    def approve(self, data, who):
        claim = self._draw_claim_in(data, "pending_approval")
        if verdict := self._open_verdict(claim):
            self.attempt(verdict_approve, verdict=verdict, actor=self.personas[who])

    @rule(data=st.data(), who=st.sampled_from(PERSONAS))
    def request_changes(self, data, who):
        claim = self._draw_claim_in(data, "pending_approval")
        if verdict := self._open_verdict(claim):
            self.attempt(
                verdict_request_changes, verdict=verdict, actor=self.personas[who], note="Why?"
            )

    @rule(data=st.data(), who=st.sampled_from(PERSONAS))
    def withdraw(self, data, who):
        claim = self._draw_claim_in(data, "pending_approval")
        if verdict := self._open_verdict(claim):
            self.attempt(verdict_withdraw, verdict=verdict, actor=self.personas[who])

    @rule(data=st.data(), who=st.sampled_from(PERSONAS))
    def reopen(self, data, who):
        claim = self._draw_claim_in(data, "published")
        self.attempt(claim_reopen, claim=claim, actor=self.personas[who], note="New evidence")

    @rule(claim=claims, who=st.sampled_from(PERSONAS), action=st.sampled_from(list(Action)))
    def anything_on_any_claim(self, claim, who, action):
        """Any action on any claim by anyone: illegal ones must change nothing."""
        actor = self.personas[who]
        verdict = self._open_verdict(claim)
        calls = {
            Action.TRIAGE: lambda: claim_triage(claim=claim, actor=actor),
            Action.ASSIGN: lambda: claim_assign(claim=claim, actor=actor, assignee=actor),
            Action.RELEASE: lambda: claim_release(claim=claim, actor=actor),
            Action.REOPEN: lambda: claim_reopen(claim=claim, actor=actor, note="n"),
            Action.APPROVE: lambda: verdict and verdict_approve(verdict=verdict, actor=actor),
            Action.WITHDRAW: lambda: verdict and verdict_withdraw(verdict=verdict, actor=actor),
        }
        if action in calls:
            self.attempt(lambda: calls[action]())

    @rule(claim=claims, data=st.data())
    def advance(self, claim, data):
        """A legal next step by a persona entitled to it, so runs reach deep states."""
        status = Claim.objects.get(pk=claim).status
        action = data.draw(
            st.sampled_from(allowed_actions(status)) if allowed_actions(status) else st.none()
        )
        if action is None:
            return
        instance = Claim.objects.get(pk=claim)
        if action == Action.PROPOSE:
            claim_add_source(
                claim=instance,
                actor=instance.assignee,
                url=f"https://e.example.org/advance/{self.counter}",
            )
            self.counter += 1
            checker = instance.assignee
        else:
            checker = self.personas["fact_checker"]
        editor = self.personas["editor"]
        if action in (Action.RELEASE, Action.WITHDRAW):
            checker = instance.assignee
        if action in (Action.APPROVE, Action.REQUEST_CHANGES) and instance.assignee == editor:
            editor = self.personas["other_editor"]
        perform(action, instance, checker=checker, editor=editor, make_claim=self._new)

    def _new(self):
        self.counter += 1
        return claim_create(text=f"Imports fell {self.counter} percent.", article=self.article)

    # --- promises -----------------------------------------------------------------------

    @invariant()
    def events_are_never_lost_or_altered(self):
        now = {row[0]: row for row in ClaimEvent.objects.values_list(*EVENT_FIELDS)}
        for pk, row in self.seen_events.items():
            assert now.get(pk) == row, f"event {pk} changed or vanished"
        self.seen_events = now

    @invariant()
    def every_status_change_is_in_the_table(self):
        moves = {(t.event, s, t.target) for t in TRANSITIONS.values() for s in t.sources}
        for kind, src, dst in ClaimEvent.objects.exclude(from_status="").values_list(
            "kind", "from_status", "to_status"
        ):
            assert (kind, src, dst) in moves
        for claim in Claim.objects.all():
            last = claim.events.exclude(to_status="").order_by("-id").first()
            assert last.to_status == claim.status

    @invariant()
    def nobody_approves_their_own_verdict(self):
        approved = Verdict.objects.filter(decided_by__isnull=False, published_at__isnull=False)
        for author_id, decider_id in approved.values_list("author_id", "decided_by_id"):
            assert author_id != decider_id

    @invariant()
    def claims_in_review_have_one_open_assignment(self):
        for claim in Claim.objects.all():
            open_ = Assignment.objects.filter(claim=claim, ended_at__isnull=True)
            if claim.status in ("in_review", "pending_approval"):
                assert [a.reviewer_id for a in open_] == [claim.assignee_id]
            else:
                assert not open_.exists()
                assert claim.assignee_id is None

    @invariant()
    def queue_entries_wait_exactly_while_their_claim_is_queued(self):
        # Take-next reads only waiting entries (reviewers.take): a queued claim whose
        # entry did not wait would never be served, a taken one whose entry did would be
        # offered again.
        for status, waiting in QueueEntry.objects.values_list("claim__status", "waiting"):
            assert waiting == (status == "queued")
        assert not Claim.objects.filter(status="queued", queue_entry__isnull=True).exists()

    @invariant()
    def a_claim_a_consumer_saw_and_no_longer_sees_is_a_tombstone(self):
        # What a mirror needs from the change feed: every claim that left the public view
        # (by whatever step) carries its removal; no claim that never was public does.
        public = set(Claim.objects.filter(selectors.PUBLIC).values_list("pk", flat=True))
        self.ever_public |= public
        for claim in Claim.objects.select_related("canonical"):
            assert selectors.is_public(claim) == (claim.pk in public)
            if claim.pk in self.ever_public and claim.pk not in public:
                assert claim.removed_at is not None and claim.removed_reason, claim.pk
            if claim.pk not in self.ever_public:
                assert claim.removed_at is None, claim.pk

    @invariant()
    def published_claims_show_an_approved_verdict(self):
        for claim in Claim.objects.filter(status="published"):
            assert claim.published_verdict.state == "approved"
        for claim in Claim.objects.filter(published_verdict__isnull=False):
            assert claim.published_verdict.claim_id == claim.pk


@pytest.mark.slow
@pytest.mark.django_db
def test_random_workflows_keep_their_promises(
    article, fact_checker, other_fact_checker, editor, other_editor, consumer
):
    WorkflowMachine.personas = {
        "fact_checker": fact_checker,
        "other_fact_checker": other_fact_checker,
        "editor": editor,
        "other_editor": other_editor,
        "consumer": consumer,
    }
    WorkflowMachine.article = article
    run_state_machine_as_test(
        WorkflowMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
