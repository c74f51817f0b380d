"""E-mails to the desk, sent after the transaction that caused them commits.

- changes requested: to the fact-checker holding the claim (else the verdict's author);
- a verdict awaits approval: to the editors of the claim's queue (its members who are in
  the editors group), or to every editor when the queue has none; never to the proposer;
- an editor assigned a claim to someone: to that person (not when they took it themselves);
- a desk member mentioned in an internal note (``@name``): to that member (not the author).

The receiver runs inside the workflow transaction: it reads what it needs there (so the
message describes the committed state) and, on commit, enqueues
:func:`reviewers.tasks.send_desk_mail`, so a rolled-back step sends nothing and no SMTP
conversation happens while rows are locked. The task retries a mail server that is down,
with backoff, and logs when it gives up. If the broker itself is unreachable the mail is
sent in process, as it was before the task existed. ``robust=True``: whatever fails after
the commit is logged, and never turns a step that already committed into an error.

Messages are plain dicts (:class:`DeskMail`), so they travel in a task message as JSON.
Each names the claim with an absolute link to its review page, under ``SITE_URL``.

The daily SLA digest (``send_sla_digest``) lists overdue claims per queue to every editor;
it already runs in a Celery task, and sends directly.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, TypedDict
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnreachable

from claims import roles
from claims.models import Claim, ClaimEvent
from claims.types import User
from claims.workflow import Action
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.selectors import all_overdue_entries, group_by_queue

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    """A path of ours (from ``reverse``) as an absolute address under ``SITE_URL``.

    Inside a request ``reverse`` puts the script prefix in front, in a task or a command it
    does not; ``SITE_URL`` carries any prefix the app is mounted under, so it is taken off.
    """
    prefix = get_script_prefix()
    relative = path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")
    return urljoin(settings.SITE_URL, relative)


def claim_link(claim: Claim) -> str:
    """The absolute address of the claim's review page on the desk."""
    return site_url(reverse("desk:claim", args=[claim.pk]))


def _claim_line(claim: Claim) -> str:
    statement = claim.statement
    text = statement if len(statement) <= 200 else statement[:197] + "..."
    return f"Claim #{claim.pk}: “{text}”"


def _name(user: User | None) -> str:
    if user is None:
        return "the system"
    return user.get_full_name() or user.get_username()


def _editors() -> Any:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.EDITORS)
        .exclude(email="")
    )


def queue_editors(claim: Claim) -> list[Any]:
    """Editors who are members of the claim's queue; all editors if it has none.

    One query (it runs inside every proposal's transaction): all editors, each marked
    whether they belong to the claim's queue. A desk has tens of editors, not thousands.
    """
    claim_queue = QueueEntry.objects.filter(claim_id=claim.pk).values("queue_id")[:1]
    membership = ReviewQueue.members.through.objects.filter(
        user_id=OuterRef("pk"), reviewqueue_id=Subquery(claim_queue)
    )
    editors = list(_editors().annotate(in_queue=Exists(membership)).distinct().order_by("pk"))
    return [editor for editor in editors if editor.in_queue] or editors


class DeskMail(TypedDict):
    """One e-mail, as JSON: the arguments of :class:`~django.core.mail.EmailMessage`."""

    subject: str
    body: str
    from_email: str
    to: list[str]


def send_messages(messages: list[DeskMail]) -> int:
    """Send the e-mails over one connection; returns how many were sent. Raises on failure
    (the caller decides: retry, log, or let the digest run again)."""
    with mail.get_connection() as connection:
        return connection.send_messages([mail.EmailMessage(**m) for m in messages]) or 0


def _send_after_commit(messages: list[DeskMail]) -> None:
    if not messages:
        return
    from reviewers import tasks  # tasks imports this module

    def enqueue_desk_mail() -> None:  # a named function: Django logs its __qualname__ on error
        try:
            tasks.send_desk_mail.delay(messages)
        except BrokerUnreachable as exc:
            # No worker will ever see it: send now, as before the task existed (a mail
            # server that is down too is then logged by on_commit, and the mail lost).
            logger.warning(
                "Broker unreachable (%s): sending %d desk e-mail(s) in process",
                exc,
                len(messages),
            )
            send_messages(messages)

    transaction.on_commit(enqueue_desk_mail, robust=True)


def _message(subject: str, body: str, to: User) -> DeskMail:
    return {
        "subject": f"[Fact-check] {subject}",
        "body": body,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "to": [to.email],
    }


def messages_for(claim: Claim, event: ClaimEvent, action: Action) -> list[DeskMail]:
    """The e-mails this transition calls for (none for most)."""
    actor = event.actor
    if action == Action.REQUEST_CHANGES:
        verdict = event.verdict
        to = claim.assignee or (verdict.author if verdict else None)
        if to is None or not to.email:
            return []
        body = (
            f"{_name(actor)} asked for changes to your verdict on\n{_claim_line(claim)}\n\n"
            f"Their note:\n{event.note}\n\n"
            f"Revise it: {claim_link(claim)}\n"
        )
        return [_message(f"Changes requested on claim #{claim.pk}", body, to)]
    if action == Action.PROPOSE:
        verdict = event.verdict
        rating = verdict.rating.label if verdict else ""
        body = (
            f"{_name(actor)} proposed a verdict ({rating}) on\n{_claim_line(claim)}\n\n"
            f"Headline: {verdict.headline if verdict else ''}\n\n"
            "It awaits an editor who did not write it.\n\n"
            f"Review it: {claim_link(claim)}\n"
        )
        return [
            _message(f"Verdict awaits approval: claim #{claim.pk}", body, editor)
            for editor in queue_editors(claim)
            if actor is None or editor.pk != actor.pk
        ]
    if action == Action.ASSIGN:
        to = claim.assignee
        if actor is None or to is None or to.pk == actor.pk or not to.email:
            return []
        body = f"{_name(actor)} assigned you\n{_claim_line(claim)}\n"
        if event.note:
            body += f"\nTheir note:\n{event.note}\n"
        body += f"\nOpen it: {claim_link(claim)}\n"
        return [_message(f"Claim #{claim.pk} assigned to you", body, to)]
    return []


def mention_message(claim: Claim, note: Any, to: User) -> DeskMail:
    """The e-mail telling ``to`` that ``note`` mentions them, with a link to the note."""
    body = (
        f"{_name(note.author)} mentioned you in a note on\n{_claim_line(claim)}\n\n"
        f"{note.body}\n\n"
        f"Open it: {claim_link(claim)}#note-{note.pk}\n"
    )
    return _message(f"{_name(note.author)} mentioned you on claim #{claim.pk}", body, to)


def notify_mentions(*, claim: Claim, note: Any, recipients: list[User]) -> None:
    """Queue, for after the note's transaction commits, one e-mail per recipient who has
    an address (``recipients``: distinct users; the caller leaves the author out)."""
    _send_after_commit([mention_message(claim, note, to) for to in recipients if to.email])


def on_claim_transitioned(*, claim: Claim, event: ClaimEvent, action: Action, **_: Any) -> None:
    """``claim_transitioned`` receiver (connected in ``reviewers.apps``)."""
    if action in (Action.REQUEST_CHANGES, Action.PROPOSE, Action.ASSIGN):
        _send_after_commit(messages_for(claim, event, action))


# --- the SLA digest --------------------------------------------------------------------


def send_sla_digest(*, now: datetime | None = None) -> int:
    """E-mail every editor the overdue claims per queue. Returns the number of e-mails.

    Safe to run twice: the first run of a (UTC) day claims the day in the cache (Redis in
    production, shared by all workers); a second run that day sends nothing. Nothing
    overdue: nothing is sent (and the day is not claimed, so a later run may still send).
    """
    now = now or timezone.now()
    grouped = group_by_queue(all_overdue_entries(now=now))
    if not grouped:
        return 0
    editors = list(_editors().distinct())
    if not editors:
        return 0
    day_key = f"reviewers:sla-digest:{now.date().isoformat()}"
    if not cache.add(day_key, True, 60 * 60 * 36):
        return 0
    total = sum(len(entries) for entries in grouped.values())
    lines = [f"{total} claim(s) are past their SLA due time.", ""]
    for queue, entries in grouped.items():
        lines.append(f"{queue.name} ({len(entries)} overdue, SLA {queue.sla_hours} h)")
        for entry in entries:
            late = now - entry.due_at
            hours = int(late.total_seconds() // 3600)
            who = entry.claim.assignee
            state = f"in review by {_name(who)}" if who else "waiting in the queue"
            lines.append(f"  - {_claim_line(entry.claim)} ({hours} h late, {state})")
            lines.append(f"    {claim_link(entry.claim)}")
        lines.append("")
    body = "\n".join(lines)
    messages = [
        _message(f"SLA digest for {now.date().isoformat()}: {total} overdue", body, editor)
        for editor in editors
    ]
    try:
        return send_messages(messages)
    except Exception:
        cache.delete(day_key)  # not sent: let the next run try again
        raise
