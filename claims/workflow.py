"""The claim's life: one transition table and one service per action.

Every service runs in one transaction: it locks the claim row, re-reads its status, checks
that the action is allowed from that status and that the actor may take it, writes the
change, and appends a ``ClaimEvent``. Illegal moves raise ``WorkflowError`` subclasses,
which the API maps to HTTP statuses and the UI to messages.

Side effects: after each step, still inside its transaction, this module sends a signal,
so the other modules keep their rows in step without this one importing them (``claims``
never imports ``reviewers``). Every receiver, in the order it runs: the claims app's are
connected in ``claims.apps``, the reviewers app's in ``reviewers.apps``, which Django
readies in that order (``INSTALLED_APPS``). Each is sent with ``send``, not
``send_robust``: a receiver that raises rolls the whole step back.
tests/claims/test_workflow_receivers.py holds this list to the code.

``claim_created`` (a claim and its "created" event are written):

1. ``claims.matching.services.on_claim_created`` (``claims-matching``): matches the new
   claim; a repeat of a known claim is linked, or merged at once as a duplicate.
2. ``claims.claimants.ledger.receivers.on_claim_created`` (``claims-ledger``): an anonymously
   sourced claim opens its report in the ledger; a named-sourced one that matched an open
   report (the links 1 stored) is suggested to the desk as its corroboration.
3. ``reviewers.sync.on_claim_created`` (``reviewers-auto-route``): a candidate that
   scores at least ``AUTO_QUEUE_THRESHOLD`` is triaged into the queue the routing rules
   choose. After 1, so a claim just merged as a repeat is not routed.

``claim_transitioned`` (a transition's status and event are written):

1. ``claims.webhooks.events.on_claim_transitioned`` (``claims-webhooks``): records the webhook
   deliveries the step causes (published, corrected, created, removed); they are sent
   after commit.
2. ``claims.claimants.ledger.contradictions.on_claim_transitioned`` (``claims-ledger-verdicts``):
   a verdict published rating false is suggested as the contradiction of the open
   anonymous reports its claim speaks for.
3. ``reviewers.sync.on_claim_transitioned`` (``reviewers-sync``): the queue entry (and
   whether it waits), the ``Assignment`` and its lease. Take-next on PostgreSQL writes
   those rows itself in its one statement and sends ``take_recorded=True``, which this
   receiver alone reads and then does nothing (``reviewers.take``).
4. ``reviewers.notifications.on_claim_transitioned`` (``reviewers-notify``): the desk's
   e-mails (changes requested, awaiting approval, assigned by an editor), queued for
   after commit.

``verdict_deciding`` (a proposal is about to be approved, sent back or withdrawn):

1. ``reviewers.review_holds.on_verdict_deciding`` (``reviewers-review-hold``): ends the
   verdict's review hold, and refuses the step (``ReviewHeld``) while another editor
   holds it.

And one model signal the steps cause: ``post_save`` of a ``ClaimEvent`` goes to
``reviewers.sync.on_claim_event_saved`` (``reviewers-lease-renewal``), which renews the
reviewer's lease when the holder adds or removes a source.

A step that takes a claim out of the consumers' view (``selectors.is_public`` true before,
false after) stamps its tombstone (``Claim.removed_at`` / ``removed_reason``) in the same
row write, and the signal says so (``left_public_view``): the change feed lists it as
removed and the ``claim.removed`` webhook fires. Which steps can do that is decided by the
table and the visibility rule, not listed by hand; with today's table it is a queued claim
merged into a claim that is not published.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from claims import permissions, selectors
from claims.ids import pk_of
from claims.models import Citation, Claim, ClaimEvent, Rating, SourceLink, Verdict
from claims.types import User


class Action(StrEnum):
    TRIAGE = "triage"
    DISMISS = "dismiss"
    RESTORE = "restore"
    MERGE = "merge"
    ASSIGN = "assign"
    RELEASE = "release"
    EXPIRE = "expire"
    PROPOSE = "propose"
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    event: str


# The state machine of DESIGN.md. Nothing else in the code base decides which moves exist.
TRANSITIONS: dict[Action, Transition] = {
    Action.TRIAGE: Transition(
        frozenset({Claim.Status.CANDIDATE}), Claim.Status.QUEUED, ClaimEvent.Kind.TRIAGED
    ),
    Action.DISMISS: Transition(
        frozenset({Claim.Status.CANDIDATE}), Claim.Status.DISMISSED, ClaimEvent.Kind.DISMISSED
    ),
    Action.RESTORE: Transition(
        frozenset({Claim.Status.DISMISSED}), Claim.Status.CANDIDATE, ClaimEvent.Kind.RESTORED
    ),
    # A queued repeat leaves its queue when a reviewer confirms it (claims.matching).
    Action.MERGE: Transition(
        frozenset({Claim.Status.CANDIDATE, Claim.Status.QUEUED}),
        Claim.Status.DUPLICATE,
        ClaimEvent.Kind.MERGED,
    ),
    Action.ASSIGN: Transition(
        frozenset({Claim.Status.QUEUED}), Claim.Status.IN_REVIEW, ClaimEvent.Kind.ASSIGNED
    ),
    Action.RELEASE: Transition(
        frozenset({Claim.Status.IN_REVIEW}), Claim.Status.QUEUED, ClaimEvent.Kind.RELEASED
    ),
    Action.EXPIRE: Transition(
        frozenset({Claim.Status.IN_REVIEW}), Claim.Status.QUEUED, ClaimEvent.Kind.EXPIRED
    ),
    Action.PROPOSE: Transition(
        frozenset({Claim.Status.IN_REVIEW}), Claim.Status.PENDING_APPROVAL, ClaimEvent.Kind.PROPOSED
    ),
    Action.APPROVE: Transition(
        frozenset({Claim.Status.PENDING_APPROVAL}), Claim.Status.PUBLISHED, ClaimEvent.Kind.APPROVED
    ),
    Action.REQUEST_CHANGES: Transition(
        frozenset({Claim.Status.PENDING_APPROVAL}),
        Claim.Status.IN_REVIEW,
        ClaimEvent.Kind.CHANGES_REQUESTED,
    ),
    Action.WITHDRAW: Transition(
        frozenset({Claim.Status.PENDING_APPROVAL}),
        Claim.Status.IN_REVIEW,
        ClaimEvent.Kind.WITHDRAWN,
    ),
    Action.REOPEN: Transition(
        frozenset({Claim.Status.PUBLISHED}), Claim.Status.QUEUED, ClaimEvent.Kind.REOPENED
    ),
}

# Sent inside the transaction after a transition's event row is written.
# Arguments: claim (locked, updated), event (ClaimEvent), action (Action), left_public_view
# (bool: the step took a public claim out of the consumers' view; its tombstone is written).
claim_transitioned = Signal()
# Sent inside the transaction when a proposal is about to be decided or withdrawn: its
# claim and the verdict are locked, the action allowed and the actor permitted, nothing
# written yet. A receiver may refuse the step by raising a WorkflowError (the reviewers app
# does while another editor holds the verdict for review). Arguments: verdict (locked),
# actor, action (Action.APPROVE, REQUEST_CHANGES or WITHDRAW).
verdict_deciding = Signal()
# Sent inside the transaction after a claim and its "created" event are written.
# Arguments: claim. The reviewers app routes claims that score high enough.
claim_created = Signal()


class WorkflowError(Exception):
    """A workflow step that cannot happen. ``code`` is stable; the message is for people.

    ``field`` names the service's keyword argument the refusal is about (``"sources"``,
    ``"note"``), when it is about one: a form shows the message beside that input.
    """

    code = "workflow_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class IllegalTransition(WorkflowError):
    code = "illegal_transition"


class ActionNotPermitted(WorkflowError):
    code = "not_permitted"


class InvalidInput(WorkflowError):
    code = "invalid_input"


class UnknownReference(InvalidInput):
    """The input names a row that does not exist (a review queue, the claim to merge into):
    the request is well formed, what it points at is missing. The API answers 422."""

    code = "unknown_reference"


class AlreadyThere(InvalidInput):
    """What the input would add exists already (a source attached twice): the claim's
    current state, not the input's form, refuses it. The API answers 409."""

    code = "already_exists"


# The reason a tombstone gives, by the step that hid the claim; any other step that hides
# one (none in today's table) reads as "unpublished".
_REMOVED_BECAUSE = {
    Action.MERGE: Claim.RemovedReason.MERGED,
    Action.DISMISS: Claim.RemovedReason.DISMISSED,
}


def allowed_actions(status: str) -> list[Action]:
    return [action for action, t in TRANSITIONS.items() if status in t.sources]


def text_fingerprint(text: str) -> str:
    """Hash of a sentence with case, spacing and quote styles folded, for de-duplication."""
    folded = re.sub(r"\s+", " ", text).strip().casefold()
    folded = folded.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


_LINE_BREAK_RE = re.compile(r"\s*[\r\n]\s*")  # a whitespace run with a line break


def statement_text(claim: str) -> str:
    """A claim as stored in ``Claim.claim_text``: stripped, on one line (a line break inside
    it, from hard-wrapped text, and the spaces around it become one space), and capitalised
    when the extracted span starts lower-case ("said that ticket revenue ..." gives "ticket
    revenue ..."). The rest stays verbatim; a first word with capitals further in ("iPhone",
    "eBay") is a name and stays as written. (``Claim.text`` keeps the sentence as printed.)"""
    text = _LINE_BREAK_RE.sub(" ", (claim or "").strip())
    first_word = text.split(maxsplit=1)[0] if text else ""
    if first_word[:1].islower() and not any(c.isupper() for c in first_word[1:]):
        text = text[0].upper() + text[1:]
    return text


# --- the core --------------------------------------------------------------------------


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


# --- creating claims -------------------------------------------------------------------


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


# --- triage ----------------------------------------------------------------------------


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


# --- assignment ------------------------------------------------------------------------


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


# --- sources ---------------------------------------------------------------------------

_SOURCE_STATUSES = frozenset(
    {
        Claim.Status.QUEUED,
        Claim.Status.IN_REVIEW,
        Claim.Status.PENDING_APPROVAL,
        Claim.Status.PUBLISHED,
    }
)


@transaction.atomic
def claim_add_source(
    *,
    claim: Claim | int,
    actor: User,
    url: str,
    title: str = "",
    kind: str = SourceLink.Kind.OTHER,
    stance: str = SourceLink.Stance.CONTEXT,
) -> SourceLink:
    """Attach an evidence link to a claim under review, with its history event."""
    claim = _lock(claim)
    _require(permissions.can_manage_sources(actor, claim), "You may not add sources.")
    if claim.status not in _SOURCE_STATUSES:
        raise IllegalTransition("Sources can only be added to claims that are being checked.")
    if kind not in SourceLink.Kind.values or stance not in SourceLink.Stance.values:
        field = "kind" if kind not in SourceLink.Kind.values else "stance"
        raise InvalidInput("Unknown source kind or stance.", field=field)
    url = (url or "").strip()
    if not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        raise InvalidInput("A source needs an http(s) address.", field="url")
    if claim.sources.filter(url=url, removed_at__isnull=True).exists():
        raise AlreadyThere("This source is already attached to the claim.", field="url")
    source = SourceLink.objects.create(
        claim=claim, url=url, title=title.strip(), kind=kind, stance=stance, added_by=actor
    )
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        kind=ClaimEvent.Kind.SOURCE_ADDED,
        data={"source": source.pk, "url": url, "kind": kind, "stance": stance},
    )
    Claim.objects.filter(pk=claim.pk).update(updated_at=timezone.now())
    return source


@transaction.atomic
def claim_remove_source(*, source: SourceLink | int, actor: User) -> SourceLink:
    """Take a link off the working list. It is kept, since a verdict may cite it."""
    source_pk = pk_of(source)
    claim = _lock(SourceLink.objects.values_list("claim_id", flat=True).get(pk=source_pk))
    source = SourceLink.objects.select_for_update().get(pk=source_pk)
    _require(permissions.can_manage_sources(actor, claim), "You may not remove sources.")
    if source.removed_at is not None:
        raise InvalidInput("This source was already removed.")
    source.removed_at = timezone.now()
    source.removed_by = actor
    source.save(update_fields=["removed_at", "removed_by"])
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        kind=ClaimEvent.Kind.SOURCE_REMOVED,
        data={"source": source.pk, "url": source.url},
    )
    return source


# --- verdicts --------------------------------------------------------------------------


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
