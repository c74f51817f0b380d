"""The reviewers app's actions: what the desk does besides the claim's own steps.

Each one is keyword-only, takes the ``actor`` where a person acts, checks permission and
preconditions, and goes through ``claims.workflow`` for every status change (which writes
the history and sends ``claim_transitioned``; ``reviewers.sync`` keeps the queue entries
and assignments in step). Views, the staff API and the Celery tasks call these.

- assigning: ``claim_reassign``, ``claim_give``, ``claims_bulk_assign``,
  ``assignment_renew_lease``;
- triage: ``claims_bulk_triage``, ``claim_triage_one``, ``claim_merge_suggested``;
- internal notes: ``claim_add_note``;
- the beat's sweeps: ``expire_leases``, ``route_waiting_candidates``.

Elsewhere: take-next (``reviewers.take.assign_next``), editors holding a verdict for
review (``reviewers.review_holds``), running one action over many claims with a result
each (``reviewers.bulk``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims import permissions
from claims.ids import pk_of
from claims.matching.services import claim_link_confirm
from claims.models import Claim, ClaimEvent, ClaimLink
from claims.types import User
from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    InvalidInput,
    UnknownReference,
    claim_assign,
    claim_dismiss,
    claim_expire,
    claim_merge,
    claim_release,
    claim_triage,
)
from reviewers import notifications
from reviewers.bulk import BulkResult, run_per_claim
from reviewers.models import Assignment, ClaimNote, ReviewQueue
from reviewers.selectors import desk_members
from reviewers.take import lease_duration

# --- assigning ---------------------------------------------------------------------------


@transaction.atomic
def claim_reassign(*, claim: Claim | int, actor: User, assignee: User, note: str = "") -> Claim:
    """An editor moves a claim in review to another reviewer.

    Preconditions: the claim is in review; the actor may assign claims to others; the new
    assignee may review and is not the current holder. Effects (one transaction): a
    ``released`` and an ``assigned`` event (both by the editor), the old Assignment ended
    with reason ``reassigned`` and a new one opened with a fresh lease.
    """
    pk = pk_of(claim)
    locked = Claim.objects.select_for_update().get(pk=pk)
    if locked.status != Claim.Status.IN_REVIEW:
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


def claim_give(*, claim: Claim | int, actor: User, assignee: User, note: str = "") -> Claim:
    """Assign a claim to ``assignee`` whatever step of review it is at: a queued claim is
    assigned, a claim in review is reassigned. Anything else is an illegal transition."""
    pk = pk_of(claim)
    status = Claim.objects.values_list("status", flat=True).get(pk=pk)
    if status == Claim.Status.IN_REVIEW:
        return claim_reassign(claim=pk, actor=actor, assignee=assignee, note=note)
    return claim_assign(claim=pk, actor=actor, assignee=assignee, note=note)


def claims_bulk_assign(
    *, claim_ids: Iterable[int], actor: User, assignee: User, note: str = ""
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
def assignment_renew_lease(*, claim: Claim | int, actor: User) -> Assignment:
    """The holder of a claim says "still working on it": the lease runs a full term again.

    Precondition: the actor holds the claim's open assignment. Effect: its
    ``lease_expires_at`` is now + the lease (never shortened). No history event: a lease
    is bookkeeping of the process, not a step in the claim's life.
    """
    pk = pk_of(claim)
    assignment = (
        Assignment.objects.select_for_update().filter(claim_id=pk, ended_at__isnull=True).first()
    )
    if assignment is None:
        raise IllegalTransition("This claim is not assigned to anyone.")
    if actor is None or assignment.reviewer_id != actor.pk:
        raise ActionNotPermitted("Only the reviewer holding this claim can renew its lease.")
    expiry = timezone.now() + lease_duration()
    if expiry > assignment.lease_expires_at:
        assignment.lease_expires_at = expiry
        assignment.save(update_fields=["lease_expires_at"])
    return assignment


# --- triage -------------------------------------------------------------------------------


class TriageAction(StrEnum):
    QUEUE = "queue"
    DISMISS = "dismiss"
    MERGE = "merge"


def claims_bulk_triage(
    *,
    claim_ids: Iterable[int],
    actor: User,
    action: TriageAction | str,
    queue: str | None = None,
    reason: str = "",
    canonical: Claim | int | None = None,
    note: str = "",
) -> list[BulkResult]:
    """Apply one triage decision to many claims; one ``BulkResult`` per distinct id.

    - ``queue``: into the queue with slug ``queue``, or where routing sends each claim
      when ``queue`` is None.
    - ``dismiss``: with ``reason`` (required).
    - ``merge``: as duplicates of ``canonical`` (required; a claim cannot merge into itself,
      which is reported for that claim only).

    Input that is wrong for the whole request (no permission at all, unknown queue, no
    reason, no canonical) raises before anything is written; what is wrong for one claim
    is that claim's result.
    """
    action = TriageAction(action)
    if not permissions.can_triage(actor):
        raise ActionNotPermitted("You may not triage claims.")
    if action is TriageAction.QUEUE:
        if queue and not ReviewQueue.objects.filter(slug=queue).exists():
            raise UnknownReference(f"There is no review queue {queue!r}.", field="queue")
        return run_per_claim(
            claim_ids, lambda pk: claim_triage(claim=pk, actor=actor, queue=queue, note=note)
        )
    if action is TriageAction.DISMISS:
        reason = (reason or note or "").strip()
        if not reason:
            raise InvalidInput("A reason is required to dismiss claims.", field="reason")
        return run_per_claim(
            claim_ids, lambda pk: claim_dismiss(claim=pk, actor=actor, reason=reason)
        )
    if canonical is None:
        raise InvalidInput("Choose the claim the duplicates are merged into.", field="canonical")
    canonical_pk = pk_of(canonical)
    if not Claim.objects.filter(pk=canonical_pk).exists():
        raise UnknownReference("The chosen canonical claim does not exist.", field="canonical")
    return run_per_claim(
        claim_ids,
        lambda pk: claim_merge(claim=pk, canonical=canonical_pk, actor=actor, note=note),
    )


# A one-click dismissal from the triage list or the claim page, when no reason was typed:
# what setting a candidate aside means (claims.workflow.claim_dismiss).
DEFAULT_DISMISS_REASON = "Not check-worthy."


@transaction.atomic
def claim_merge_suggested(*, claim: int, link: ClaimLink | int, actor: User) -> ClaimLink:
    """Merge a candidate into the claim its stored match suggests (one click in triage).

    Preconditions: ``actor`` may triage; the claim is still a candidate (a colleague may
    have queued or dismissed it meanwhile); ``link`` is a match *from* this claim (the
    merge target comes from the stored suggestion, never from an id the user typed) and
    still suggested. Effects: as ``claim_link_confirm``: the link confirmed with its
    ``match_confirmed`` event, and the claim merged (``claim_merge``: a ``merged`` event).
    """
    if not permissions.can_triage(actor):
        raise ActionNotPermitted("You may not merge claims.")
    locked = Claim.objects.select_for_update().get(pk=claim)
    if locked.status != Claim.Status.CANDIDATE:
        raise IllegalTransition(
            f"Cannot merge a claim that is {Claim.Status(locked.status).label.lower()}."
        )
    link_pk = pk_of(link)
    if not ClaimLink.objects.filter(pk=link_pk, claim_id=locked.pk).exists():
        raise InvalidInput("That match is not a suggestion for this claim.", field="link")
    return claim_link_confirm(link=link_pk, actor=actor, note="Merged from triage.")


def claim_triage_one(
    *,
    claim: int,
    actor: User,
    action: TriageAction | str,
    reason: str = "",
    link: int | None = None,
) -> None:
    """One triage decision on one candidate: the triage list's row buttons and the claim
    page's triage actions.

    - ``queue``: where routing sends it (a row has no queue picker).
    - ``dismiss``: with ``reason``, or ``DEFAULT_DISMISS_REASON`` when none was typed.
    - ``merge``: into the claim its stored match ``link`` suggests
      (``claim_merge_suggested``).

    Each goes through the workflow service, which re-checks the permission and the
    claim's status and writes the history; a refusal raises its ``WorkflowError``.
    """
    action = TriageAction(action)
    if action is TriageAction.QUEUE:
        claim_triage(claim=claim, actor=actor)
    elif action is TriageAction.DISMISS:
        claim_dismiss(claim=claim, actor=actor, reason=reason.strip() or DEFAULT_DISMISS_REASON)
    elif link is None:
        raise InvalidInput("This claim has no suggested match to merge into.", field="link")
    else:
        claim_merge_suggested(claim=claim, link=link, actor=actor)


# --- internal notes ---------------------------------------------------------------------

NOTE_MAX_LENGTH = 4000
# "@name": a Django user name (letters, digits and @ . + - _) after a space, a line start
# or an opening bracket, never inside a word or an address ("editor@example.org" is not a
# mention). A final full stop belongs to the sentence, not to the name.
MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]+)")


def mentioned_names(body: str) -> list[str]:
    """The names ``body`` mentions, in order of first mention, each once."""
    names = (m.group(1).rstrip(".") for m in MENTION.finditer(body))
    return list(dict.fromkeys(name for name in names if name))


@transaction.atomic
def claim_add_note(*, claim: Claim | int, actor: User, body: str) -> ClaimNote:
    """A desk member adds an internal note to the claim's thread.

    Preconditions: the actor may add notes (a fact-checker or an editor); the body, once
    stripped, is not empty and at most ``NOTE_MAX_LENGTH`` characters. Effects (one
    transaction): the note, with the desk members it mentions (``@name``: an unknown name,
    or someone off the desk, stays plain text); a ``note_added`` history event; and, after
    commit, one e-mail to each mentioned member other than the author. The claim's status
    and ``updated_at`` are left alone: a note is not a change of the public record.
    """
    pk = pk_of(claim)
    locked = Claim.objects.select_for_update().get(pk=pk)
    if not permissions.can_add_note(actor, locked):
        raise ActionNotPermitted("Only fact-checkers and editors write notes on a claim.")
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise InvalidInput("Write the note first.", field="body")
    if len(body) > NOTE_MAX_LENGTH:
        raise InvalidInput(
            f"A note is at most {NOTE_MAX_LENGTH} characters (this one has {len(body)}).",
            field="body",
        )
    names = mentioned_names(body)
    found = {u.username: u for u in desk_members().filter(username__in=names)} if names else {}
    mentioned = [found[name] for name in names if name in found]
    note = ClaimNote.objects.create(
        claim=locked, author=actor, body=body, mentions=[u.username for u in mentioned]
    )
    ClaimEvent.objects.create(
        claim=locked,
        actor=actor,
        kind=ClaimEvent.Kind.NOTE_ADDED,
        data={"note": note.pk, "mentions": note.mentions},
    )
    notifications.notify_mentions(
        claim=locked, note=note, recipients=[u for u in mentioned if u.pk != actor.pk]
    )
    return note


# --- the beat's sweeps (reviewers.tasks) -------------------------------------------------


@transaction.atomic
def route_waiting_candidates() -> int:
    """Route candidates that now meet the threshold (e.g. after it was lowered).

    Safe to run twice: a claim already queued is no longer a candidate.
    """
    threshold = settings.AUTO_QUEUE_THRESHOLD
    if threshold is None:
        return 0
    waiting = Claim.objects.filter(
        status=Claim.Status.CANDIDATE, checkworthiness__gte=threshold
    ).values_list("pk", flat=True)
    count = 0
    for pk in waiting:
        claim_triage(claim=pk, actor=None, note="Routed by score.")
        count += 1
    return count


@transaction.atomic
def expire_leases(*, now: Any = None) -> int:
    """Return every claim whose lease ran out to its queue. Safe to run twice."""
    now = now or timezone.now()
    expired = Assignment.objects.filter(
        ended_at__isnull=True, lease_expires_at__lte=now, claim__status=Claim.Status.IN_REVIEW
    )
    count = 0
    for claim_id in expired.values_list("claim_id", flat=True):
        if claim_expire(claim=claim_id, note="The reviewer's lease ran out.") is not None:
            count += 1
    return count
