"""Keeping queues and assignments in step with the claim's state machine, and the desk's
internal notes on a claim.

``claims.workflow`` owns every status change and sends ``claim_transitioned`` inside its
transaction; the receiver here writes the process rows (queue entry, assignment, lease) in
that same transaction, so a claim in review always has exactly one open assignment.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from claims import permissions
from claims.models import Claim, ClaimEvent
from claims.workflow import (
    TRANSITIONS,
    Action,
    ActionNotPermitted,
    InvalidInput,
    UnknownReference,
    claim_expire,
    claim_triage,
)
from reviewers import notifications
from reviewers.models import Assignment, ClaimNote, QueueEntry, ReviewQueue
from reviewers.queues import priority_time
from reviewers.routing import route
from reviewers.selectors import desk_members


def lease_duration() -> timedelta:
    return timedelta(hours=settings.ASSIGNMENT_LEASE_HOURS)


def queue_for(slug: str | None, claim: Claim | None = None) -> ReviewQueue:
    """The named queue; else the one the routing rules choose for ``claim``."""
    if slug:
        queue = ReviewQueue.objects.filter(slug=slug).first()
        if queue is None:
            raise UnknownReference(f"There is no review queue {slug!r}.", field="queue")
        return queue
    queue = route(claim) if claim is not None else None
    queue = queue or ReviewQueue.objects.filter(is_default=True).first()
    if queue is None:
        raise InvalidInput("No default review queue is set; mark one as default in the admin.")
    return queue


def _enter_queue(claim: Claim, queue: ReviewQueue) -> QueueEntry:
    now = timezone.now()
    due_at = now + timedelta(hours=queue.sla_hours)
    entry, _ = QueueEntry.objects.update_or_create(
        claim=claim,
        defaults={
            "queue": queue,
            "entered_at": now,
            "due_at": due_at,
            "priority_at": priority_time(due_at, claim.checkworthiness),
            "waiting": True,
        },
    )
    return entry


def _end_open_assignment(claim: Claim, reason: str) -> int:
    return Assignment.objects.filter(claim=claim, ended_at__isnull=True).update(
        ended_at=timezone.now(), end_reason=reason
    )


# The moves into or out of ``queued``: after each, the claim's entry says whether it waits.
_QUEUE_MOVES = frozenset(
    action
    for action, t in TRANSITIONS.items()
    if t.target == Claim.Status.QUEUED or Claim.Status.QUEUED in t.sources
)


def _set_waiting(claim: Claim) -> int | None:
    """Mark the claim's entry waiting exactly while the claim is queued; its queue's id.

    One ``UPDATE ... RETURNING`` (PostgreSQL; SQLite 3.35 or newer): an assignment records
    the queue the claim was taken from, and reading it in a statement of its own cost one
    more on every take. None: the claim has no entry. An entry loaded with the claim (take-
    next reads them together) is kept in step, so the claim it hands back is not stale.
    """
    meta, quote = QueueEntry._meta, connection.ops.quote_name
    waiting, claim_id, queue_id = (
        quote(meta.get_field(name).column) for name in ("waiting", "claim", "queue")
    )
    is_waiting = claim.status == Claim.Status.QUEUED
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {waiting} = %s WHERE {claim_id} = %s "
            f"RETURNING {queue_id}",
            [is_waiting, claim.pk],
        )
        row = cursor.fetchone()
    loaded = Claim.queue_entry.related.get_cached_value(claim, default=None)
    if loaded is not None:
        loaded.waiting = is_waiting
    return row[0] if row else None


def on_claim_transitioned(
    *, claim: Claim, event: ClaimEvent, action: Action, take_recorded: bool = False, **_: Any
) -> None:
    if take_recorded:
        # Take-next on PostgreSQL (reviewers.take_statement) wrote the entry's flag and
        # the Assignment in the statement that took the claim.
        return
    now = timezone.now()
    queue_id = None  # the claim's queue, as the flag update reads it (for assign)
    if action in _QUEUE_MOVES and action not in (Action.TRIAGE, Action.REOPEN):
        # Assign and merge leave the queue, release and expire return to it. Triage and
        # reopen go through _enter_queue below, which sets the flag with the new times.
        queue_id = _set_waiting(claim)
    if action == Action.TRIAGE:
        _enter_queue(claim, queue_for(event.data.get("queue"), claim))
    elif action == Action.ASSIGN:
        Assignment.objects.create(
            claim=claim,
            reviewer=claim.assignee,
            queue_id=queue_id,
            assigned_by=event.actor,
            assigned_at=now,
            lease_expires_at=now + lease_duration(),
        )
    elif action == Action.RELEASE:
        _end_open_assignment(claim, Assignment.EndReason.RELEASED)
    elif action == Action.EXPIRE:
        _end_open_assignment(claim, Assignment.EndReason.EXPIRED)
    elif action == Action.APPROVE:
        _end_open_assignment(claim, Assignment.EndReason.PUBLISHED)
    elif action in (Action.REQUEST_CHANGES, Action.WITHDRAW):
        # Work resumes: the reviewer gets a fresh lease.
        Assignment.objects.filter(claim=claim, ended_at__isnull=True).update(
            lease_expires_at=now + lease_duration()
        )
    elif action == Action.REOPEN:
        entry = QueueEntry.objects.filter(claim=claim).select_related("queue").first()
        _enter_queue(claim, entry.queue if entry else queue_for(None, claim))


def on_claim_created(*, claim: Claim, **_: Any) -> None:
    """Claims that score at least ``AUTO_QUEUE_THRESHOLD`` skip triage: routed at once."""
    threshold = settings.AUTO_QUEUE_THRESHOLD
    if threshold is None or claim.checkworthiness is None:
        return
    if claim.status != Claim.Status.CANDIDATE:  # auto-linked as a repeat (claims.matching)
        return
    if claim.checkworthiness >= threshold and route(claim) is not None:
        claim_triage(claim=claim, actor=None, note="Routed on creation by score.")


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


# --- internal notes --------------------------------------------------------------------

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
def claim_add_note(*, claim: Claim | int, actor: Any, body: str) -> ClaimNote:
    """A desk member adds an internal note to the claim's thread.

    Preconditions: the actor may add notes (a fact-checker or an editor); the body, once
    stripped, is not empty and at most ``NOTE_MAX_LENGTH`` characters. Effects (one
    transaction): the note, with the desk members it mentions (``@name``: an unknown name,
    or someone off the desk, stays plain text); a ``note_added`` history event; and, after
    commit, one e-mail to each mentioned member other than the author. The claim's status
    and ``updated_at`` are left alone: a note is not a change of the public record.
    """
    pk = claim.pk if isinstance(claim, Claim) else claim
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
