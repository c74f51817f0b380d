"""Verdicts: proposed by the reviewer, approved by another editor (never their own), sent back,
withdrawn; a published claim reopened.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims import permissions
from claims.ids import pk_of
from claims.models import Citation, Claim, Rating, SourceLink, Verdict
from claims.types import User

from .core import _apply, _check_allowed, _clean_note, _lock, _require
from .errors import ActionNotPermitted, IllegalTransition, InvalidInput
from .signals import verdict_deciding
from .table import Action


@transaction.atomic
def claim_propose_verdict(
    *,
    claim: Claim | int,
    actor: User,
    rating: Rating | str,
    headline: str,
    summary: str,
    rationale: str = "",
    sources: Iterable[SourceLink | int] = (),
) -> Verdict:
    """The assigned reviewer proposes a verdict: a new revision, sent for approval.

    Preconditions: the claim is in review and assigned to the actor; the rating is active;
    headline and summary are given; at least ``VERDICT_MIN_SOURCES`` of the claim's own,
    not removed, source links are cited. Effects: verdict version N+1 (state proposed) with
    its citations, claim pending approval, a ``proposed`` event.
    """
    claim = _lock(claim)
    _check_allowed(claim, Action.PROPOSE)
    _require(
        permissions.can_propose(actor, claim),
        "Only the reviewer assigned to this claim may propose its verdict.",
    )
    if isinstance(rating, str):
        rating = Rating.objects.filter(slug=rating, is_active=True).first()
        if rating is None:
            raise InvalidInput("Unknown rating.", field="rating")
    elif not rating.is_active:
        raise InvalidInput("That rating is no longer in use.", field="rating")
    headline, summary = (headline or "").strip(), (summary or "").strip()
    if not headline or not summary:
        raise InvalidInput(
            "A verdict needs a headline and a summary.",
            field="summary" if headline else "headline",
        )
    source_ids = {pk_of(s) for s in sources}
    cited = list(SourceLink.objects.filter(pk__in=source_ids, claim=claim, removed_at__isnull=True))
    if len(cited) != len(source_ids):
        raise InvalidInput(
            "Cited sources must be this claim's current source links.", field="sources"
        )
    minimum = settings.VERDICT_MIN_SOURCES
    if len(cited) < minimum:
        raise InvalidInput(
            f"A verdict must cite at least {minimum} source link(s).", field="sources"
        )
    last = claim.verdicts.order_by("-version").values_list("version", flat=True).first()
    verdict = Verdict.objects.create(
        claim=claim,
        version=(last or 0) + 1,
        rating=rating,
        headline=headline,
        summary=summary,
        rationale=(rationale or "").strip(),
        author=actor,
    )
    Citation.objects.bulk_create(Citation(verdict=verdict, source=s) for s in cited)
    _apply(
        claim,
        Action.PROPOSE,
        actor=actor,
        verdict=verdict,
        data={"version": verdict.version, "rating": rating.slug},
    )
    return verdict


def _lock_verdict(verdict: Verdict | int) -> tuple[Claim, Verdict]:
    """Lock the verdict's claim, then the verdict (the order every service locks in).

    The claim is found through the verdict in its locking statement (a verdict never moves
    to another claim, and only the claim's row is locked), instead of reading the verdict's
    ``claim_id`` first; the verdict comes with its rating, which approval reports. One
    statement fewer per decision, two per approval.
    """
    pk = pk_of(verdict)
    claim = Claim.objects.select_for_update(of=("self",)).get(verdicts__pk=pk)
    locked = Verdict.objects.select_for_update(of=("self",)).select_related("rating").get(pk=pk)
    return claim, locked


def _require_open_proposal(claim: Claim, verdict: Verdict, action: Action) -> None:
    _check_allowed(claim, action)
    if verdict.state != Verdict.State.PROPOSED:
        raise IllegalTransition(
            f"This verdict is {Verdict.State(verdict.state).label.lower()}, "
            "not awaiting a decision."
        )


@transaction.atomic
def verdict_approve(*, verdict: Verdict | int, actor: User, note: str = "") -> Verdict:
    """An editor who did not write it publishes a proposed verdict.

    The previously published verdict, if any (a correction), becomes superseded; it stays
    in the public corrections log.
    """
    claim, verdict = _lock_verdict(verdict)
    _require_open_proposal(claim, verdict, Action.APPROVE)
    if actor is not None and verdict.author_id == actor.pk:
        raise ActionNotPermitted("You cannot approve your own verdict.")
    _require(permissions.can_approve(actor, verdict), "You may not approve verdicts.")
    verdict_deciding.send(sender=Verdict, verdict=verdict, actor=actor, action=Action.APPROVE)
    now = timezone.now()
    previous = claim.published_verdict
    if previous is not None:
        previous.state = Verdict.State.SUPERSEDED
        previous.save(update_fields=["state"])
    verdict.state = Verdict.State.APPROVED
    verdict.decided_by = actor
    verdict.decided_at = now
    verdict.published_at = now
    verdict.decision_note = note.strip()
    verdict.save(
        update_fields=["state", "decided_by", "decided_at", "published_at", "decision_note"]
    )
    data = {"version": verdict.version, "rating": verdict.rating.slug}
    if previous is not None:
        data["supersedes"] = previous.version
    _apply(
        claim,
        Action.APPROVE,
        actor=actor,
        note=note.strip(),
        verdict=verdict,
        data=data,
        published_verdict=verdict,
        assignee=None,
    )
    return verdict


@transaction.atomic
def verdict_request_changes(*, verdict: Verdict | int, actor: User, note: str) -> Verdict:
    """An editor sends a proposal back to its reviewer, saying why (a note is required)."""
    claim, verdict = _lock_verdict(verdict)
    _require_open_proposal(claim, verdict, Action.REQUEST_CHANGES)
    _require(
        permissions.can_request_changes(actor, verdict),
        "You may not decide on this verdict.",
    )
    verdict_deciding.send(
        sender=Verdict, verdict=verdict, actor=actor, action=Action.REQUEST_CHANGES
    )
    note = _clean_note(note, required=True, what="request changes")
    verdict.state = Verdict.State.CHANGES_REQUESTED
    verdict.decided_by = actor
    verdict.decided_at = timezone.now()
    verdict.decision_note = note
    verdict.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    _apply(claim, Action.REQUEST_CHANGES, actor=actor, note=note, verdict=verdict)
    return verdict


@transaction.atomic
def verdict_withdraw(*, verdict: Verdict | int, actor: User, note: str = "") -> Verdict:
    """The author takes back a proposal before it is decided, to keep working on it."""
    claim, verdict = _lock_verdict(verdict)
    _require_open_proposal(claim, verdict, Action.WITHDRAW)
    _require(permissions.can_withdraw(actor, verdict), "Only the author may withdraw a proposal.")
    verdict_deciding.send(sender=Verdict, verdict=verdict, actor=actor, action=Action.WITHDRAW)
    verdict.state = Verdict.State.WITHDRAWN
    verdict.decided_by = actor
    verdict.decided_at = timezone.now()
    verdict.decision_note = note.strip()
    verdict.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    _apply(claim, Action.WITHDRAW, actor=actor, note=note.strip(), verdict=verdict)
    return verdict


@transaction.atomic
def claim_reopen(*, claim: Claim | int, actor: User, note: str) -> Claim:
    """An editor sends a published claim back for review (new evidence; a note is required).

    Consumers keep seeing the published verdict until a new one is approved.
    """
    claim = _lock(claim)
    _check_allowed(claim, Action.REOPEN)
    _require(permissions.can_reopen(actor), "You may not reopen claims.")
    note = _clean_note(note, required=True, what="reopen a claim")
    _apply(claim, Action.REOPEN, actor=actor, note=note, assignee=None)
    return claim
