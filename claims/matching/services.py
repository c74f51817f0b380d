"""Writes of claim matching: stored links, auto-linking, and the reviewer's decision.

Each service is one transaction and appends its history row (``ClaimEvent``) to the claim
the link starts from (the newer claim, ``link.claim``). Merging goes through
``claims.workflow.claim_merge``, so a merge is the same transition with the same event and
signals whoever asks for it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from claims import permissions
from claims.ids import pk_of
from claims.models import Claim, ClaimEvent, ClaimLink
from claims.types import User
from claims.workflow import ActionNotPermitted, IllegalTransition, claim_merge, claim_release

from . import semantic, stored, vectors
from .normalize import normalize
from .retrieval import find_similar

# How many matches are stored per new claim (the best ones).
MAX_LINKS = 5


def fill_match_text(*, sender: Any, instance: Claim, update_fields=None, **_: Any) -> None:
    """pre_save receiver: ``match_text`` follows the claim's ``statement`` (its claim text,
    or its sentence when it has none): the index is built on it, so a repeat is found
    whatever attribution frame each copy of it was printed in.

    ``match_wording`` (``stored.py``) follows it too: the candidate bound's input, read
    instead of analyzing the claim at every lookup.

    A save limited by ``update_fields`` that changes ``text`` or ``claim_text`` must list
    ``match_text`` and ``match_wording`` too (a wording left behind is only ignored: it
    names the statement it was computed from).
    """
    if update_fields is None or {"text", "claim_text"} & set(update_fields):
        instance.match_text = normalize(instance.statement)
        instance.match_wording = stored.encode(instance.statement)


@transaction.atomic
def find_matches_for(*, claim: Claim | int) -> list[ClaimLink]:
    """Store the known claims that ``claim`` repeats; auto-link the best if sure enough.

    Preconditions: none that raise. Candidates are claims that can be canonical (not
    dismissed, not duplicates). Effects: a ``suggested`` ClaimLink per match at or above
    the suggest threshold (at most ``MAX_LINKS``; a pair already linked, in either direction,
    is left as it is) and one ``match_suggested`` event listing them. If the best match is
    ``auto`` (never for a short claim or a conflicting pair: ``match_score`` guarantees it)
    and the claim is still a candidate, it is merged into that claim by the system
    (``claim_merge`` with actor None) and the link is stored ``confirmed``.
    Returns the links written. Safe to run twice.
    """
    claim = Claim.objects.get(pk=pk_of(claim))
    if claim.status == Claim.Status.DUPLICATE:
        return []
    if semantic.enabled():  # the new claim's own vector, stored for later lookups
        vectors.prime([claim], store=True)
    # The claimant is a signal that may raise a candidate, never a veto (claimants.py).
    matches = find_similar(
        claim.statement,
        top=MAX_LINKS,
        exclude=[claim.pk],
        store=True,
        claimant=claim.claimant,
        claimant_ref=claim.claimant_ref_id,
    )
    if not matches:
        return []
    known = set(ClaimLink.objects.filter(claim=claim).values_list("matched_id", flat=True)) | set(
        ClaimLink.objects.filter(matched=claim).values_list("claim_id", flat=True)
    )
    # The score says how it was made: the embedding similarity is blended in when it is on.
    method = ClaimLink.Method.BLENDED if semantic.enabled() else ClaimLink.Method.LEXICAL
    links = [
        ClaimLink(
            claim=claim,
            matched=m.claim,
            score=m.score,
            method=method,
            reasons=list(m.result.reasons),
        )
        for m in matches
        if m.claim.pk not in known
    ]
    if not links:
        return []
    best, best_match = links[0], next(m for m in matches if m.claim.pk == links[0].matched_id)
    auto = best_match.result.decision == "auto" and claim.status == Claim.Status.CANDIDATE
    if auto:
        best.state = ClaimLink.State.CONFIRMED
        best.decided_at = timezone.now()
    ClaimLink.objects.bulk_create(links)
    ClaimEvent.objects.create(
        claim=claim,
        actor=None,
        kind=ClaimEvent.Kind.MATCH_SUGGESTED,
        note=f"{len(links)} known claim(s) look like this one.",
        data={
            "matches": [
                {"claim": link.matched_id, "score": link.score, "state": link.state}
                for link in links
            ],
            "method": method,
        },
    )
    if auto:
        claim_merge(
            claim=claim,
            canonical=best.matched_id,
            actor=None,
            note=f"Auto-linked: match score {best.score:.2f} ({best.method}).",
        )
    return links


def _lock_link(link: ClaimLink | int) -> ClaimLink:
    pk = pk_of(link)
    # The claim first, as every workflow service does, then the link: one lock order.
    claim_id = ClaimLink.objects.values_list("claim_id", flat=True).get(pk=pk)
    Claim.objects.select_for_update().get(pk=claim_id)
    return ClaimLink.objects.select_for_update().select_related("claim", "matched").get(pk=pk)


def _decide(link: ClaimLink, *, actor: User, state: str, kind: str, note: str) -> None:
    link.state = state
    link.decided_by = actor
    link.decided_at = timezone.now()
    link.save(update_fields=["state", "decided_by", "decided_at"])
    ClaimEvent.objects.create(
        claim=link.claim,
        actor=actor,
        kind=kind,
        note=note.strip(),
        data={"link": link.pk, "matched": link.matched_id, "score": link.score},
    )


def _require_open(link: ClaimLink, actor: User, what: str) -> None:
    if not permissions.can_triage(actor):
        raise ActionNotPermitted(f"You may not {what} matches.")
    if link.state != ClaimLink.State.SUGGESTED:
        raise IllegalTransition(
            f"This match was already {ClaimLink.State(link.state).label.lower()}."
        )


# Why a confirmed match cannot make these claims duplicates (the link stays suggested).
_NOT_MERGEABLE = {
    Claim.Status.PENDING_APPROVAL: (
        "This claim has a verdict awaiting approval: approve, send back or withdraw it "
        "before confirming the match."
    ),
    Claim.Status.PUBLISHED: (
        "This claim is published with its own verdict, so it is not merged into another "
        "claim; reject the suggestion if the two should stay apart."
    ),
    Claim.Status.DISMISSED: "This claim was dismissed: restore it before confirming the match.",
}


def _merge_confirmed(link: ClaimLink, actor: User) -> None:
    """Make ``link.claim`` a duplicate of ``link.matched``, from wherever it is in the
    workflow, or refuse (``WorkflowError``) before anything is written."""
    claim = link.claim
    note = f"Confirmed match (score {link.score:.2f})."
    if claim.status == Claim.Status.DUPLICATE:
        if claim.canonical_id in (link.matched_id, link.matched.canonical_id):
            return  # already a duplicate of that claim: the decision is only recorded
        raise IllegalTransition(
            f"This claim is already a duplicate of claim #{claim.canonical_id}."
        )
    if claim.status in _NOT_MERGEABLE:
        raise IllegalTransition(_NOT_MERGEABLE[claim.status])
    if claim.status == Claim.Status.IN_REVIEW:
        # Work on a repeat stops: its reviewer (or an editor) hands it back, then it is
        # merged out of the queue. Someone else's claim in review is refused.
        if not permissions.can_release(actor, claim):
            raise ActionNotPermitted(
                "Someone else is reviewing this claim: its reviewer or an editor can "
                "confirm the match."
            )
        claim_release(claim=claim, actor=actor, note=f"Released: {note}")
    # Candidate or queued (the merge leaves the queue): one ``merged`` event.
    claim_merge(claim=claim, canonical=link.matched, actor=actor, note=note)


@transaction.atomic
def claim_link_confirm(*, link: ClaimLink | int, actor: User, note: str = "") -> ClaimLink:
    """A reviewer with the triage permission agrees that the two claims are the same.

    Preconditions: the link is suggested; the claim can still become a duplicate: a
    candidate, a queued claim, or a claim in review that the actor may release (its reviewer
    or an editor). Refused with a message, nothing written, when the claim has a proposed or
    published verdict of its own, is dismissed, or is a duplicate of another claim.
    Effects: the link is confirmed (by the actor, now) with a ``match_confirmed`` event, and
    the claim is merged into the matched claim (``claim_merge``: a ``merged`` event; a queued
    claim so leaves its queue; a claim in review is first released, with its ``released``
    event, which ends the assignment). A claim already a duplicate of the matched claim is
    left as it is.
    """
    link = _lock_link(link)
    _require_open(link, actor, "confirm")
    _decide(
        link,
        actor=actor,
        state=ClaimLink.State.CONFIRMED,
        kind=ClaimEvent.Kind.MATCH_CONFIRMED,
        note=note,
    )
    _merge_confirmed(link, actor)
    return link


@transaction.atomic
def claim_link_reject(*, link: ClaimLink | int, actor: User, note: str = "") -> ClaimLink:
    """A reviewer with the triage permission says the two claims are different.

    Preconditions: the link is suggested. Effects: the link is rejected (kept, so the pair
    is not suggested again) with a ``match_rejected`` event on the claim.
    """
    link = _lock_link(link)
    _require_open(link, actor, "reject")
    _decide(
        link,
        actor=actor,
        state=ClaimLink.State.REJECTED,
        kind=ClaimEvent.Kind.MATCH_REJECTED,
        note=note,
    )
    return link


def on_claim_created(*, claim: Claim, **_: Any) -> None:
    """``claim_created`` receiver: match the new claim, inside its creating transaction.

    Connected before the reviewers app's router (``claims`` precedes ``reviewers`` in
    INSTALLED_APPS), so an auto-linked repeat is a duplicate before routing looks at it; the
    instance the signal carries is updated so later receivers see that.
    """
    links = find_matches_for(claim=claim)
    if any(link.state == ClaimLink.State.CONFIRMED for link in links):
        claim.refresh_from_db(fields=["status", "canonical", "updated_at"])
