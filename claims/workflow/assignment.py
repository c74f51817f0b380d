"""Who holds a claim under review: assigned, released, expired."""

from __future__ import annotations

from django.db import transaction

from claims import permissions
from claims.models import Claim
from claims.types import User

from .core import _apply, _check_allowed, _lock, _require
from .table import TRANSITIONS, Action


def require_may_assign(*, actor: User, assignee: User) -> None:
    """Raise ``ActionNotPermitted`` unless ``actor`` may give claims to ``assignee``.

    Public so that take-next can refuse before it locks anything; the services below
    check it again.
    """
    _require(
        permissions.can_assign(actor, assignee),
        "You may not assign this claim to that person."
        if actor is None or actor.pk != assignee.pk
        else "You may not take claims for review.",
    )


def _assign(claim: Claim, *, actor: User, assignee: User, note: str) -> Claim:
    _check_allowed(claim, Action.ASSIGN)
    require_may_assign(actor=actor, assignee=assignee)
    _apply(
        claim,
        Action.ASSIGN,
        actor=actor,
        note=note.strip(),
        data={"assignee": assignee.pk},
        assignee=assignee,
    )
    return claim


@transaction.atomic
def claim_assign(*, claim: Claim | int, actor: User, assignee: User, note: str = "") -> Claim:
    """Give a queued claim to a reviewer: to oneself (take), or to another (editors).

    The reviewers app opens the ``Assignment`` with its lease when it hears of it.
    """
    return _assign(_lock(claim), actor=actor, assignee=assignee, note=note)


def claim_assign_locked(*, claim: Claim, actor: User, assignee: User) -> Claim:
    """``claim_assign`` for a claim the caller already read under its row lock.

    Precondition: an open transaction in which ``claim`` was read with ``SELECT ... FOR
    UPDATE`` (on SQLite: in the IMMEDIATE transaction, which holds the write lock). Take-next
    (``reviewers.take``) locks the claim together with its queue entry; locking it again
    and opening a savepoint cost two statements per take. Same checks, history event and
    ``claim_transitioned`` signal as ``claim_assign``. A failure marks the caller's
    transaction for rollback, since there is no savepoint to undo a half-written step.
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "claim_assign_locked needs the transaction in which the claim was locked."
        )
    with transaction.mark_for_rollback_on_error():
        return _assign(claim, actor=actor, assignee=assignee, note="")


@transaction.atomic
def claim_release(*, claim: Claim | int, actor: User, note: str = "") -> Claim:
    """Hand a claim in review back to its queue (its reviewer, or an editor)."""
    claim = _lock(claim)
    _check_allowed(claim, Action.RELEASE)
    _require(permissions.can_release(actor, claim), "You may not release this claim.")
    _apply(
        claim,
        Action.RELEASE,
        actor=actor,
        note=note.strip(),
        data={"assignee": claim.assignee_id},
        assignee=None,
    )
    return claim


@transaction.atomic
def claim_expire(*, claim: Claim | int, note: str = "") -> Claim | None:
    """The system returns a claim whose lease ran out. Safe to call twice: a claim no
    longer in review is left alone (returns None)."""
    claim = _lock(claim)
    if claim.status not in TRANSITIONS[Action.EXPIRE].sources:
        return None
    _apply(
        claim,
        Action.EXPIRE,
        actor=None,
        note=note,
        data={"assignee": claim.assignee_id},
        assignee=None,
    )
    return claim
