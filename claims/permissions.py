"""Who may do what, as plain predicates.

Views use them to decide what to offer; the workflow services check them again, so a
refusal holds whichever door a request comes through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claims.types import User

if TYPE_CHECKING:
    from claims.models import Claim, Verdict


def _has(user: User | None, perm: str) -> bool:
    return bool(user is not None and user.is_active and user.has_perm(perm))


def can_triage(user: User | None) -> bool:
    return _has(user, "claims.triage_claim")


def can_keep_report_ledger(user: User | None) -> bool:
    """The ledger of anonymous reports (corroborate, contradict, withdraw, reopen, and the
    answer to a suggested corroboration): whoever triages claims."""
    return can_triage(user)


def can_edit_claimants(user: User | None) -> bool:
    """The desk's hand on claimant records (identifiers, merge, split, the answer to a
    suggested claimant): whoever triages claims."""
    return can_triage(user)


def can_review(user: User | None) -> bool:
    """Take claims, gather sources, propose verdicts."""
    return _has(user, "claims.review_claim")


def can_assign_others(user: User | None) -> bool:
    return _has(user, "claims.assign_claim")


def can_assign(actor: User | None, assignee: User) -> bool:
    if not can_review(assignee):
        return False
    if actor is not None and actor.pk == assignee.pk:
        return can_review(actor)
    return can_assign_others(actor)


def can_release(user: User | None, claim: Claim) -> bool:
    is_holder = user is not None and claim.assignee_id == user.pk
    return (is_holder and can_review(user)) or can_assign_others(user)


def can_manage_sources(user: User | None, claim: Claim) -> bool:
    return can_review(user)


def can_propose(user: User | None, claim: Claim) -> bool:
    return can_review(user) and user is not None and claim.assignee_id == user.pk


def can_approve(user: User | None, verdict: Verdict) -> bool:
    """Four eyes: the editor who approves is never the verdict's author."""
    return (
        _has(user, "claims.approve_verdict") and user is not None and verdict.author_id != user.pk
    )


def can_request_changes(user: User | None, verdict: Verdict) -> bool:
    return can_approve(user, verdict)


def can_withdraw(user: User | None, verdict: Verdict) -> bool:
    return user is not None and user.is_active and verdict.author_id == user.pk


def can_reopen(user: User | None) -> bool:
    return _has(user, "claims.reopen_claim")


def can_view_unpublished(user: User | None) -> bool:
    return _has(user, "claims.view_unpublished")


def can_read_notes(user: User | None) -> bool:
    """The desk's internal notes on a claim: fact-checkers and editors, nobody else."""
    return can_review(user)


def can_add_note(user: User | None, claim: Claim) -> bool:
    """Any desk member may write in a claim's thread, whatever the claim's status."""
    return can_review(user)
