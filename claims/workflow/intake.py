"""A claim comes in and is sorted: created, triaged into a queue, dismissed, restored, merged into
the claim it repeats.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from claims import permissions
from claims.ids import pk_of
from claims.models import Claim, ClaimEvent
from claims.types import User

from .core import _apply, _check_allowed, _clean_note, _lock, _require
from .errors import InvalidInput, UnknownReference
from .signals import claim_created
from .table import Action
from .texts import statement_text, text_fingerprint


@transaction.atomic
def claim_create(
    *,
    text: str,
    actor: User | None = None,
    article: Any = None,
    span: tuple[int, int] | None = None,
    claimant: str = "",
    sourcing: str = Claim.Sourcing.UNATTRIBUTED,
    checkworthiness: float | None = None,
    flags: Sequence[str] = (),
    claim_text: str = "",
    claimant_role: str = "",
    cue: str = "",
) -> Claim:
    """Record a new candidate claim, from the pipeline (actor None) or entered by hand.

    ``text`` is the sentence as printed; ``claim_text`` the statement to check within it
    (stored through :func:`statement_text`; the sentence itself when not given).

    Precondition: non-empty text; a claim typed in by a person needs the triage permission.
    Effect: a ``candidate`` claim and its ``created`` event.
    """
    text = (text or "").strip()
    if not text:
        raise InvalidInput("A claim needs its text.", field="text")
    if actor is not None:
        _require(permissions.can_triage(actor), "You may not enter claims.")
    if sourcing not in Claim.Sourcing.values:
        raise InvalidInput(f"Unknown sourcing {sourcing!r}.", field="sourcing")
    claim = Claim.objects.create(
        article=article,
        text=text,
        text_hash=text_fingerprint(text),
        span_start=span[0] if span else None,
        span_end=span[1] if span else None,
        claim_text=statement_text(claim_text) or text,
        claimant=claimant,
        claimant_role=(claimant_role or "").strip(),
        cue=(cue or "").strip(),
        sourcing=sourcing,
        checkworthiness=checkworthiness,
        flags=list(flags),
        created_by=actor,
    )
    ClaimEvent.objects.create(
        claim=claim, actor=actor, kind=ClaimEvent.Kind.CREATED, to_status=claim.status
    )
    claim_created.send(sender=Claim, claim=claim)
    claim.refresh_from_db()  # a receiver may have routed it already
    return claim


@transaction.atomic
def claim_triage(
    *, claim: Claim | int, actor: User | None, queue: str | None = None, note: str = ""
) -> Claim:
    """Send a candidate to review. ``queue`` is a queue slug; None lets routing choose.

    The reviewers app listens for the transition and files the claim in that queue.
    """
    claim = _lock(claim)
    _check_allowed(claim, Action.TRIAGE)
    _require(actor is None or permissions.can_triage(actor), "You may not triage claims.")
    data = {"queue": queue} if queue else {}
    _apply(claim, Action.TRIAGE, actor=actor, note=note.strip(), data=data)
    return claim


@transaction.atomic
def claim_dismiss(*, claim: Claim | int, actor: User, reason: str) -> Claim:
    """Set a candidate aside as not worth checking. A reason is required."""
    claim = _lock(claim)
    _check_allowed(claim, Action.DISMISS)
    _require(permissions.can_triage(actor), "You may not dismiss claims.")
    note = _clean_note(reason, required=True, what="dismiss a claim", field="reason")
    _apply(claim, Action.DISMISS, actor=actor, note=note)
    return claim


@transaction.atomic
def claim_restore(*, claim: Claim | int, actor: User, note: str = "") -> Claim:
    """Bring a dismissed claim back to triage."""
    claim = _lock(claim)
    _check_allowed(claim, Action.RESTORE)
    _require(permissions.can_triage(actor), "You may not restore claims.")
    _apply(claim, Action.RESTORE, actor=actor, note=note.strip())
    return claim


@transaction.atomic
def claim_merge(
    *, claim: Claim | int, canonical: Claim | int, actor: User | None, note: str = ""
) -> Claim:
    """Mark a candidate or a queued claim as a duplicate of an existing claim (its canonical).

    ``actor`` None is the system (claim matching auto-links a sure repeat); a person needs
    the triage permission. If the chosen canonical is itself a duplicate, the link points at
    its canonical, so chains never form. A claim cannot be merged into itself or into a
    dismissed claim; a canonical that does not exist is an ``UnknownReference``.
    """
    claim = _lock(claim)
    _check_allowed(claim, Action.MERGE)
    # actor None: the system, auto-linking a repeat (claims.matching.services).
    _require(actor is None or permissions.can_triage(actor), "You may not merge claims.")
    target = Claim.objects.filter(pk=pk_of(canonical)).first()
    if target is None:
        raise UnknownReference("The chosen canonical claim does not exist.", field="canonical")
    if target.status == Claim.Status.DUPLICATE and target.canonical_id:
        target = Claim.objects.get(pk=target.canonical_id)
    if target.pk == claim.pk:
        raise InvalidInput("A claim cannot be a duplicate of itself.", field="canonical")
    if target.status == Claim.Status.DISMISSED:
        raise InvalidInput("A claim cannot be merged into a dismissed claim.", field="canonical")
    _apply(
        claim,
        Action.MERGE,
        actor=actor,
        note=note.strip(),
        data={"canonical": target.pk},
        canonical=target,
    )
    return claim
