"""Editors handing out work, and leases kept alive by the reviewer's activity.

Every status change still goes through ``claims.workflow`` (which writes the history and
sends ``claim_transitioned``; ``reviewers.services`` keeps the Assignment rows in step).
What this module adds is the editor's view of it: assign a queued claim to someone,
move a claim in review from one reviewer to another, do either for many claims at once,
and extend a lease while its holder is working.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import DateTimeField, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from claims import permissions
from claims.models import Claim, ClaimEvent
from claims.workflow import ActionNotPermitted, IllegalTransition, claim_assign, claim_release
from reviewers.bulk import BulkResult, run_per_claim
from reviewers.models import Assignment
from reviewers.services import lease_duration

S = Claim.Status


def lease_renewal_expiry(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + lease_duration()


@transaction.atomic
def claim_reassign(*, claim: Claim | int, actor: Any, assignee: Any, note: str = "") -> Claim:
    """An editor moves a claim in review to another reviewer.

    Preconditions: the claim is in review; the actor may assign claims to others; the new
    assignee may review and is not the current holder. Effects (one transaction): a
    ``released`` and an ``assigned`` event (both by the editor), the old Assignment ended
    with reason ``reassigned`` and a new one opened with a fresh lease.
    """
    pk = claim.pk if isinstance(claim, Claim) else claim
    locked = Claim.objects.select_for_update().get(pk=pk)
    if locked.status != S.IN_REVIEW:
        raise IllegalTransition("Only a claim in review can be reassigned.")
    if not permissions.can_assign_others(actor):
        raise ActionNotPermitted("You may not reassign claims.")
    if locked.assignee_id == assignee.pk:
        raise IllegalTransition("The claim is already assigned to that person.")
    if not permissions.can_assign(actor, assignee):
        raise ActionNotPermitted("That person may not review claims.")
    note = (note or "").strip()
    previous = (
        Assignment.objects.filter(claim_id=pk, ended_at__isnull=True)
        .values_list("pk", flat=True)
        .first()
    )
    claim_release(claim=pk, actor=actor, note=note or "Reassigned by an editor.")
    # The release receiver ended it as "released"; this release is the first half of a
    # reassignment, and the Assignment history should say so.
    if previous is not None:
        Assignment.objects.filter(pk=previous).update(end_reason=Assignment.EndReason.REASSIGNED)
    return claim_assign(claim=pk, actor=actor, assignee=assignee, note=note)


def claim_give(*, claim: Claim | int, actor: Any, assignee: Any, note: str = "") -> Claim:
    """Assign a claim to ``assignee`` whatever step of review it is at: a queued claim is
    assigned, a claim in review is reassigned. Anything else is an illegal transition."""
    pk = claim.pk if isinstance(claim, Claim) else claim
    status = Claim.objects.values_list("status", flat=True).get(pk=pk)
    if status == S.IN_REVIEW:
        return claim_reassign(claim=pk, actor=actor, assignee=assignee, note=note)
    return claim_assign(claim=pk, actor=actor, assignee=assignee, note=note)


def claims_bulk_assign(
    *, claim_ids: Iterable[int], actor: Any, assignee: Any, note: str = ""
) -> list[BulkResult]:
    """Give many claims to one reviewer (queued: assign; in review: reassign).

    Each claim is its own transaction (see ``reviewers.bulk``): one claim that cannot be
    assigned is reported and the others still are.
    """
    if not permissions.can_assign_others(actor):
        raise ActionNotPermitted("You may not assign claims to others.")
    return run_per_claim(
        claim_ids,
        lambda pk: claim_give(claim=pk, actor=actor, assignee=assignee, note=note),
    )


@transaction.atomic
def assignment_renew_lease(*, claim: Claim | int, actor: Any) -> Assignment:
    """The holder of a claim says "still working on it": the lease runs a full term again.

    Precondition: the actor holds the claim's open assignment. Effect: its
    ``lease_expires_at`` is now + the lease (never shortened). No history event: a lease
    is bookkeeping of the process, not a step in the claim's life.
    """
    pk = claim.pk if isinstance(claim, Claim) else claim
    assignment = (
        Assignment.objects.select_for_update().filter(claim_id=pk, ended_at__isnull=True).first()
    )
    if assignment is None:
        raise IllegalTransition("This claim is not assigned to anyone.")
    if actor is None or assignment.reviewer_id != actor.pk:
        raise ActionNotPermitted("Only the reviewer holding this claim can renew its lease.")
    expiry = lease_renewal_expiry()
    if expiry > assignment.lease_expires_at:
        assignment.lease_expires_at = expiry
        assignment.save(update_fields=["lease_expires_at"])
    return assignment


# Events that are the holder working on the claim. A new assignment already has a fresh
# lease, and the transitions that end or restart the lease are handled by the sync receiver.
_ACTIVITY = frozenset({ClaimEvent.Kind.SOURCE_ADDED, ClaimEvent.Kind.SOURCE_REMOVED})


def on_claim_event_saved(*, instance: ClaimEvent, created: bool, **_: Any) -> None:
    """post_save receiver: activity by the assignee renews their lease, in the same
    transaction as the event. One UPDATE, which touches nothing unless the actor holds
    the claim's open assignment."""
    if not created or instance.actor_id is None or instance.kind not in _ACTIVITY:
        return
    expiry = Value(lease_renewal_expiry(), output_field=DateTimeField())
    # GREATEST rather than ``lease_expires_at < expiry`` in the WHERE: given that range,
    # PostgreSQL (on statistics taken while most leases lay beyond it) walked the lease
    # index, ~24,000 rows and 10 ms per source added at 1M claims, instead of the claim's
    # one open assignment. Without it, only the claim and reviewer columns can pick a row.
    Assignment.objects.filter(
        claim_id=instance.claim_id, reviewer_id=instance.actor_id, ended_at__isnull=True
    ).update(lease_expires_at=Greatest("lease_expires_at", expiry))
