"""What every step does: lock the claim, check the move and the actor, write the status, the
tombstone and the event, send the signal.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from claims import selectors
from claims.ids import pk_of
from claims.models import Claim, ClaimEvent, Verdict
from claims.types import User

from .errors import ActionNotPermitted, IllegalTransition, InvalidInput
from .signals import claim_transitioned
from .table import TRANSITIONS, Action, Transition

# The reason a tombstone gives, by the step that hid the claim; any other step that hides
# one (none in today's table) reads as "unpublished".
_REMOVED_BECAUSE = {
    Action.MERGE: Claim.RemovedReason.MERGED,
    Action.DISMISS: Claim.RemovedReason.DISMISSED,
}


def _lock(claim: Claim | int) -> Claim:
    pk = pk_of(claim)
    return Claim.objects.select_for_update().get(pk=pk)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ActionNotPermitted(message)


def _check_allowed(claim: Claim, action: Action) -> Transition:
    transition = TRANSITIONS[action]
    if claim.status not in transition.sources:
        raise IllegalTransition(
            f"Cannot {action.value.replace('_', ' ')} a claim that is "
            f"{Claim.Status(claim.status).label.lower()}."
        )
    return transition


def _apply(
    claim: Claim,
    action: Action,
    *,
    actor: User | None,
    note: str = "",
    verdict: Verdict | None = None,
    data: dict[str, Any] | None = None,
    **changes: Any,
) -> ClaimEvent:
    """Write the status (and any other claim fields) and the history row. Claim is locked.

    Also keeps the claim's tombstone: stamped when the step hides a public claim, cleared
    when it makes a removed one public again (no query: the visibility of a duplicate reads
    the canonical that ``claim_merge`` loaded)."""
    transition = TRANSITIONS[action]
    from_status = claim.status
    was_public = selectors.is_public(claim)
    claim.status = transition.target
    for field, value in changes.items():
        setattr(claim, field, value)
    is_public = selectors.is_public(claim)
    tombstone: list[str] = []
    if was_public and not is_public:
        claim.removed_at = timezone.now()
        claim.removed_reason = _REMOVED_BECAUSE.get(action, Claim.RemovedReason.UNPUBLISHED)
        tombstone = ["removed_at", "removed_reason"]
    elif is_public and claim.removed_at is not None:
        claim.removed_at, claim.removed_reason = None, ""
        tombstone = ["removed_at", "removed_reason"]
    claim.save(update_fields=["status", "updated_at", *changes, *tombstone])
    event = ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        kind=transition.event,
        from_status=from_status,
        to_status=transition.target,
        verdict=verdict,
        note=note,
        data=data or {},
    )
    claim_transitioned.send(
        sender=Claim,
        claim=claim,
        event=event,
        action=action,
        left_public_view=was_public and not is_public,
    )
    return event


def _clean_note(note: str | None, *, required: bool, what: str, field: str = "note") -> str:
    note = (note or "").strip()
    if required and not note:
        raise InvalidInput(f"A note is required to {what}.", field=field)
    return note
