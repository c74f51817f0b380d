"""The state machine, walked from its table: every action from every starting point
(tests/claims/test_workflow.py has the rest of the workflow's rules)."""

from __future__ import annotations

import pytest

from claims.models import Claim
from claims.workflow import TRANSITIONS, Action, IllegalTransition, claim_add_source
from tests.claims.helpers import STARTS, bring_to, perform
from tests.claims.test_workflow import _public
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_copy,
    world_editor,
    world_fact_checker,
    world_for_the_module,
    world_make_claim,
)


def _build_starts(*, make_claim, fact_checker, editor) -> dict[str, Claim]:
    """A claim at each starting point, brought there by the real services."""
    claims = {}
    for start in STARTS:
        claim = bring_to(start, make_claim=make_claim, checker=fact_checker, editor=editor)
        # The claims share the module: none may have moved another (a match, say).
        assert claim.status == start.removesuffix("_after_reopen"), (start, claim.status)
        claims[start] = claim
    return claims


# Each case takes one action on the claim at its starting point, and what it writes is
# rolled back: the claims are built once for the module (tests/module_rows.py).
@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    yield from world_for_the_module(django_db_blocker, _build_starts)


VERDICT_ACTIONS = {Action.APPROVE, Action.REQUEST_CHANGES, Action.WITHDRAW}
NO_VERDICT_YET = {"candidate", "dismissed", "duplicate", "queued", "in_review"}


CASES = [
    (action, start)
    for action in Action
    for start in STARTS
    # A verdict action needs a verdict; these starting points have none yet. The reopened
    # variants cover queued and in review with a verdict on record.
    if not (action in VERDICT_ACTIONS and start in NO_VERDICT_YET)
]


@pytest.mark.parametrize(("action", "start"), CASES)
def test_every_action_from_every_status(action, start, world, make_claim, fact_checker, editor):
    claim = world["rows"][start]
    if claim.status == Claim.Status.IN_REVIEW and action == Action.PROPOSE:
        claim_add_source(claim=claim, actor=fact_checker, url="https://example.org/extra")
    transition = TRANSITIONS[action]
    events_before = list(claim.events.values_list("id", "kind"))
    status_before = claim.status
    public_before = _public(claim)
    assert claim.removed_at is None  # no starting point has left the public view

    if status_before in transition.sources:
        actor = perform(action, claim, checker=fact_checker, editor=editor, make_claim=make_claim)
        claim.refresh_from_db()
        assert claim.status == transition.target
        event = claim.events.order_by("-id").first()
        assert event.kind == transition.event
        assert (event.from_status, event.to_status) == (status_before, transition.target)
        assert event.actor == actor
        assert list(claim.events.values_list("id", "kind"))[:-1] == events_before
        # Whatever step hides a public claim leaves its tombstone, written with the event.
        left = public_before and not _public(claim)
        assert (claim.removed_at is not None) == left
        if left:
            assert event.created_at >= claim.removed_at
    else:
        with pytest.raises(IllegalTransition):
            perform(action, claim, checker=fact_checker, editor=editor, make_claim=make_claim)
        claim.refresh_from_db()
        assert claim.status == status_before
        assert list(claim.events.values_list("id", "kind")) == events_before
