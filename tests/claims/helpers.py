"""Drive a claim through the real services to any point of its life."""

from __future__ import annotations

from claims.models import Claim
from claims.workflow import (
    Action,
    IllegalTransition,
    claim_add_source,
    claim_assign,
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

# Starting points for table tests: every status, plus the two a reopened claim passes.
STARTS = [
    "candidate",
    "dismissed",
    "duplicate",
    "queued",
    "in_review",
    "pending_approval",
    "published",
    "queued_after_reopen",
    "in_review_after_reopen",
]


def bring_to(start: str, *, make_claim, checker, editor) -> Claim:
    claim = make_claim()
    if start == "candidate":
        return claim
    if start == "dismissed":
        return claim_dismiss(claim=claim, actor=editor, reason="Opinion, not a claim.")
    if start == "duplicate":
        return claim_merge(claim=claim, canonical=make_claim(), actor=editor)
    claim_triage(claim=claim, actor=editor)
    if start == "queued":
        return _fresh(claim)
    claim_assign(claim=claim, actor=checker, assignee=checker)
    if start == "in_review":
        return _fresh(claim)
    propose(claim, checker)
    if start == "pending_approval":
        return _fresh(claim)
    verdict_approve(verdict=claim.verdicts.get(state="proposed"), actor=editor)
    if start == "published":
        return _fresh(claim)
    claim_reopen(claim=claim, actor=editor, note="New figures came out.")
    if start == "queued_after_reopen":
        return _fresh(claim)
    claim_assign(claim=claim, actor=checker, assignee=checker)
    assert start == "in_review_after_reopen", start
    return _fresh(claim)


def propose(claim: Claim, checker, *, rating: str = "mostly_true", rationale: str = ""):
    n = claim.sources.count() + 1
    source = claim_add_source(
        claim=claim, actor=checker, url=f"https://evidence.example.org/{claim.pk}/{n}"
    )
    return claim_propose_verdict(
        claim=claim,
        actor=checker,
        rating=rating,
        headline="Broadly accurate",
        summary="The armistice of 1953 has held, with incidents.",
        rationale=rationale,
        sources=[source],
    )


def _fresh(claim: Claim) -> Claim:
    claim.refresh_from_db()
    return claim


def perform(action: Action, claim: Claim, *, checker, editor, make_claim):
    """Take ``action`` on ``claim`` as a persona who is allowed to, with valid input.

    Returns the persona who acted (None for the system).
    """
    verdict = claim.verdicts.order_by("-version").first()
    match action:
        case Action.TRIAGE:
            claim_triage(claim=claim, actor=editor)
        case Action.DISMISS:
            claim_dismiss(claim=claim, actor=editor, reason="Not check-worthy.")
        case Action.RESTORE:
            claim_restore(claim=claim, actor=editor)
        case Action.MERGE:
            claim_merge(claim=claim, canonical=make_claim(), actor=editor)
        case Action.ASSIGN:
            claim_assign(claim=claim, actor=checker, assignee=checker)
            return checker
        case Action.RELEASE:
            claim_release(claim=claim, actor=checker)
            return checker
        case Action.EXPIRE:
            if claim_expire(claim=claim) is None:
                raise IllegalTransition("not in review")
            return None
        case Action.PROPOSE:
            claim_propose_verdict(
                claim=claim,
                actor=checker,
                rating="false",
                headline="Wrong",
                summary="The records say otherwise.",
                sources=list(claim.sources.filter(removed_at__isnull=True)),
            )
            return checker
        case Action.APPROVE:
            verdict_approve(verdict=verdict, actor=editor)
        case Action.REQUEST_CHANGES:
            verdict_request_changes(verdict=verdict, actor=editor, note="Cite the treaty.")
        case Action.WITHDRAW:
            verdict_withdraw(verdict=verdict, actor=checker)
            return checker
        case Action.REOPEN:
            claim_reopen(claim=claim, actor=editor, note="A reader sent new evidence.")
    return editor
