"""Editors claiming a proposed verdict to review it, so two editors do not read the same one.

An editor presses "Review this": they hold the verdict for ``REVIEW_HOLD_MINUTES``. Other
editors see who holds it until when, and ``claims.workflow`` refuses their approval or
request for changes meanwhile (through ``verdict_deciding``, received here). The holder
may release it; deciding or withdrawing the proposal ends it; an expired hold is free for
any editor to take over. The verdict's author never holds it (four eyes).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from claims import permissions
from claims.ids import pk_of
from claims.models import Claim, ClaimEvent, Verdict
from claims.types import User
from claims.workflow import Action, ActionNotPermitted, IllegalTransition
from reviewers.models import ReviewHold


class ReviewHeld(IllegalTransition):
    """Another editor holds the verdict for review (a 409, as any conflict of state)."""


def _is_editor(user: User | None) -> bool:
    return bool(user is not None and user.is_active and user.has_perm("claims.approve_verdict"))


def hold_duration() -> timedelta:
    return timedelta(minutes=settings.REVIEW_HOLD_MINUTES)


def _clock(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def held_message(hold: ReviewHold, *, deciding: bool = False) -> str:
    who = hold.editor.get_username()
    text = f"{who} is reviewing this verdict (until {_clock(hold.expires_at)})"
    if deciding:
        return f"{text}: they decide on it, unless they release it or the time runs out."
    return f"{text}."


def active_hold(verdict: Verdict, now: datetime | None = None) -> ReviewHold | None:
    """The verdict's review hold, unless it has run out. Reads ``verdict.review_hold``,
    which ``selectors.editor_inbox`` loads with the verdict (one query for a whole list)."""
    try:
        hold = verdict.review_hold
    except ReviewHold.DoesNotExist:
        return None
    return hold if hold.expires_at > (now or timezone.now()) else None


def _lock(verdict: Verdict | int) -> tuple[Claim, Verdict]:
    # The claim first, as every workflow service locks (claims.workflow.verdicts._lock_verdict),
    # so a hold and a decision on the same verdict run one after the other on PostgreSQL.
    pk = pk_of(verdict)
    claim = Claim.objects.select_for_update(of=("self",)).get(verdicts__pk=pk)
    return claim, Verdict.objects.get(pk=pk)


def _current(verdict_pk: int) -> ReviewHold | None:
    return ReviewHold.objects.filter(verdict_id=verdict_pk).select_related("editor").first()


def _lost(verdict_pk: int) -> ReviewHeld:
    """The refusal for an editor who lost the race for a hold to a colleague."""
    hold = _current(verdict_pk)
    if hold is None:  # taken and already ended meanwhile: the page they saw is stale
        return ReviewHeld("Another editor took this verdict meanwhile; reload the inbox.")
    return ReviewHeld(held_message(hold))


@transaction.atomic
def verdict_hold_for_review(*, verdict: Verdict | int, actor: User) -> ReviewHold:
    """An editor holds a proposed verdict to review it.

    Preconditions: the actor may decide on the verdict (an editor, not its author:
    ``permissions.can_approve``); it is a proposal awaiting a decision; no other editor
    holds it, or their hold expired. Effects: the hold, until now + ``hold_duration()``,
    and a ``review_claimed`` event. The holder pressing again renews it (no event).

    Two editors at the same moment: exactly one gets it. On PostgreSQL the claim's row
    lock puts them one after the other; whatever the database, the insert (one hold per
    verdict) or the conditional update of an expired hold lets only one through, and the
    other is refused with who holds it.
    """
    claim, verdict = _lock(verdict)
    if not permissions.can_approve(actor, verdict):
        if _is_editor(actor):  # then it is their own
            raise ActionNotPermitted("You cannot review your own verdict: another editor decides.")
        raise ActionNotPermitted("Only editors review proposed verdicts.")
    if verdict.state != Verdict.State.PROPOSED or claim.status != Claim.Status.PENDING_APPROVAL:
        raise IllegalTransition(
            f"This verdict is {Verdict.State(verdict.state).label.lower()}, "
            "not awaiting a decision."
        )
    now = timezone.now()
    until = now + hold_duration()
    current = _current(verdict.pk)
    if current is None:
        try:
            with transaction.atomic():
                hold = ReviewHold.objects.create(
                    verdict=verdict, editor=actor, held_at=now, expires_at=until
                )
        except IntegrityError:
            raise _lost(verdict.pk) from None
    elif current.expires_at > now and current.editor_id != actor.pk:
        raise ReviewHeld(held_message(current))
    elif current.expires_at > now:  # the holder again: a full term from now
        ReviewHold.objects.filter(verdict=verdict, editor=actor).update(expires_at=until)
        current.expires_at = until
        return current
    else:
        # Expired: taken over, unless someone took it over since it was read.
        taken = ReviewHold.objects.filter(
            verdict=verdict, editor_id=current.editor_id, expires_at=current.expires_at
        ).update(editor=actor, held_at=now, expires_at=until)
        if not taken:
            raise _lost(verdict.pk)
        hold = ReviewHold(verdict=verdict, editor=actor, held_at=now, expires_at=until)
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        kind=ClaimEvent.Kind.REVIEW_CLAIMED,
        verdict=verdict,
        data={"version": verdict.version, "until": until.isoformat()},
    )
    return hold


@transaction.atomic
def verdict_release_review(*, verdict: Verdict | int, actor: User) -> None:
    """The holder gives a verdict back to the other editors before deciding.

    Precondition: the actor holds it (expired or not: nobody took it over). Effects: the
    hold ends, a ``review_released`` event.
    """
    claim, verdict = _lock(verdict)
    released = ReviewHold.objects.filter(verdict=verdict, editor_id=getattr(actor, "pk", None))
    if not released.delete()[0]:
        raise IllegalTransition("You are not reviewing this verdict.")
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        kind=ClaimEvent.Kind.REVIEW_RELEASED,
        verdict=verdict,
        data={"version": verdict.version},
    )


def on_verdict_deciding(*, verdict: Verdict, actor: User, action: Action, **_: Any) -> None:
    """``verdict_deciding`` receiver: the proposal ends, and so does its hold; an editor's
    decision is refused while another editor holds it (the whole step is rolled back).

    One statement, which ends the hold and says whose it was (``DELETE ... RETURNING``,
    PostgreSQL; SQLite 3.35 or newer): the decisions are hot steps whose statements are
    counted (tests/claims/test_step_costs.py).
    """
    meta, quote = ReviewHold._meta, connection.ops.quote_name
    verdict_id, editor_id, expires_at = (
        quote(meta.get_field(name).column) for name in ("verdict", "editor", "expires_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(meta.db_table)} WHERE {verdict_id} = %s "
            f"RETURNING {editor_id}, {expires_at}",
            [verdict.pk],
        )
        row = cursor.fetchone()
    if row is None or action == Action.WITHDRAW:  # the author may always take it back
        return
    holder, until = row[0], _as_datetime(row[1])
    if holder != getattr(actor, "pk", None) and until > timezone.now():
        hold = ReviewHold(verdict=verdict, editor_id=holder, held_at=until, expires_at=until)
        raise ReviewHeld(held_message(hold, deciding=True))


def _as_datetime(value: Any) -> datetime:
    """A timestamp as the database driver returned it from raw SQL: an aware datetime
    (PostgreSQL) or text in UTC (SQLite)."""
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)
