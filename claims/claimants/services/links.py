"""Linking a claim to its claimant, and the desk's answer to a suggested claimant; the
locks and feed rule the desk's changes (``changes``) share. See the package's docstring."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims import permissions
from claims.claimants import linking
from claims.ids import pk_of
from claims.models import (
    Claim,
    Claimant,
    ClaimantAlias,
    ClaimantRole,
    ClaimantSuggestion,
    ClaimEvent,
)
from claims.selectors import PUBLIC
from claims.types import User
from claims.workflow import ActionNotPermitted, InvalidInput


def candidates_for(reading: linking.Reading) -> list[linking.Candidate]:
    """The known claimants ``decide`` needs for ``reading``: those with an alias of the
    same key, or (named only) the same surname, or an acronym meeting its initials. Two
    statements, each by index (none for an anonymous reading beyond the exact key)."""
    match = Q(key__in=reading.keys)
    if reading.kind == linking.PERSON and reading.surname:
        match |= Q(surname=reading.surname)
    if reading.kind == linking.ORGANIZATION:
        if reading.is_acronym:
            match |= Q(initials=reading.key, is_acronym=False)
        elif reading.initials:
            match |= Q(key=reading.initials, is_acronym=True)
    ids = set(ClaimantAlias.objects.filter(match).values_list("claimant_id", flat=True)[:50])
    if not ids:
        return []
    claimants = Claimant.objects.filter(pk__in=ids).prefetch_related("aliases", "roles")
    return [
        linking.Candidate(
            id=claimant.pk,
            kind=claimant.kind,
            aliases=tuple(
                linking.Alias(
                    key=alias.key,
                    surname=alias.surname,
                    given=alias.given,
                    initials=alias.initials,
                    is_acronym=alias.is_acronym,
                )
                for alias in claimant.aliases.all()
            ),
            roles=tuple(role.key for role in claimant.roles.all()),
        )
        for claimant in claimants
    ]


def claimant_link_claim(*, claim: Claim, context: Iterable[int] = ()) -> linking.Decision:
    """Link ``claim`` to its claimant, from its ``claimant``, ``claimant_role`` and
    ``sourcing``; ``context``: claimant ids already linked in the same article.

    Precondition: the claim has no ``claimant_ref`` yet (one that has is left alone).
    Effects, by the decision of :func:`linking.decide`: ``link`` sets ``claimant_ref`` and
    adds the reading's alias (unless it is a surname alone, which the desk confirms) and its
    role with the date seen; ``new`` makes a claimant with that alias and role and links it;
    ``suggest`` records a suggestion per candidate and leaves ``claimant_ref`` empty;
    ``none`` changes nothing. The claim's ``updated_at`` is not touched (a link is no change
    of the public record of the claim). Returns the decision (``claimant_id`` set for link
    and new).
    """
    if claim.claimant_ref_id is not None:
        return linking.Decision(linking.LINK, claim.claimant_ref_id, reason="already linked")
    reading = linking.read(claim.claimant, claim.claimant_role, claim.sourcing)
    decision = linking.decide(reading, candidates_for(reading) if reading else [], context=context)
    seen = _seen_at(claim)
    with transaction.atomic():
        if decision.action == linking.LINK:
            # Locked, and followed if a desk merged it since the candidates were read.
            claimant = _locked(decision.claimant_id)
            _remember(claimant, decision.reading, seen, alias=_learns_alias(decision))
        elif decision.action == linking.NEW:
            claimant = _create(decision.reading, seen)
            decision = linking.Decision(
                linking.NEW, claimant.pk, reason=decision.reason, reading=decision.reading
            )
        elif decision.action == linking.SUGGEST:
            # Each locked and followed, as a link is: never a suggestion of a tombstone.
            suggested = dict.fromkeys(_locked(pk).pk for pk in sorted(decision.suggestions))
            ClaimantSuggestion.objects.bulk_create(
                [
                    ClaimantSuggestion(claim=claim, claimant_id=pk, reason=decision.reason)
                    for pk in suggested
                ],
                ignore_conflicts=True,
            )
            return decision
        else:
            return decision
        Claim.objects.filter(pk=claim.pk).update(claimant_ref=claimant)
        claim.claimant_ref = claimant
    return decision


def claimant_suggestion_accept(*, suggestion: ClaimantSuggestion | int, actor: User) -> Claim:
    """The desk says the suggested claimant is the claim's.

    Precondition: the actor may triage claims; the suggestion is still open. Effects: the
    claim's ``claimant_ref`` is set, the claim's string becomes an alias of the claimant
    (a surname alone too: the desk said so) and its role is recorded; this suggestion is
    accepted and the claim's other open ones rejected, each with who and when; a
    ``claimant_linked`` event on the claim names the claimant. The claim's ``updated_at``
    moves only if it is public and the claimant has identifiers (its ``sameAs``)."""
    if not permissions.can_edit_claimants(actor):
        raise ActionNotPermitted("You may not link claimants.")
    with transaction.atomic():
        suggestion = _open_suggestion(suggestion)
        claim, claimant = suggestion.claim, suggestion.claimant
        reading = linking.read(claim.claimant, claim.claimant_role, claim.sourcing)
        _remember(claimant, reading, _seen_at(claim), alias=True)
        Claim.objects.filter(pk=claim.pk).update(claimant_ref=claimant)
        now = timezone.now()
        suggestion.state, suggestion.decided_by, suggestion.decided_at = (
            ClaimantSuggestion.State.ACCEPTED,
            actor,
            now,
        )
        suggestion.save(update_fields=["state", "decided_by", "decided_at"])
        others = claim.claimant_suggestions.filter(state=ClaimantSuggestion.State.SUGGESTED)
        rejected = list(others.values_list("claimant_id", flat=True))
        others.update(state=ClaimantSuggestion.State.REJECTED, decided_by=actor, decided_at=now)
        _touch_public([claim.pk], when=bool(claimant.same_as), now=now)
        ClaimEvent.objects.create(
            claim=claim,
            actor=actor,
            kind=ClaimEvent.Kind.CLAIMANT_LINKED,
            note=f"Claimant: {claimant.display_name} (suggested, accepted).",
            data={"claimant": claimant.pk, "suggestion": suggestion.pk, "rejected": rejected},
        )
    claim.refresh_from_db()
    return claim


def claimant_suggestion_reject(*, suggestion: ClaimantSuggestion | int, actor: User) -> Claim:
    """The desk says the suggested claimant is someone else.

    Precondition: as for accepting. Effects: the suggestion is rejected with who and when;
    once the claim has no open suggestion left, its claimant is made anew (with the claim's
    string as alias, if no claimant has that key yet; else the claim stays unlinked for the
    desk) and linked, with a ``claimant_linked`` event (a new claimant has no identifiers:
    the claim's ``updated_at`` does not move)."""
    if not permissions.can_edit_claimants(actor):
        raise ActionNotPermitted("You may not link claimants.")
    with transaction.atomic():
        suggestion = _open_suggestion(suggestion)
        claim = suggestion.claim
        suggestion.state, suggestion.decided_by = ClaimantSuggestion.State.REJECTED, actor
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["state", "decided_by", "decided_at"])
        if not claim.claimant_suggestions.filter(state=ClaimantSuggestion.State.SUGGESTED).exists():
            reading = linking.read(claim.claimant, claim.claimant_role, claim.sourcing)
            if reading is not None and not ClaimantAlias.objects.filter(key=reading.key).exists():
                claimant = _create(reading, _seen_at(claim))
                Claim.objects.filter(pk=claim.pk).update(claimant_ref=claimant)
                ClaimEvent.objects.create(
                    claim=claim,
                    actor=actor,
                    kind=ClaimEvent.Kind.CLAIMANT_LINKED,
                    note=f"Claimant: {claimant.display_name} (new: the suggestion was rejected).",
                    data={"claimant": claimant.pk, "rejected": [suggestion.claimant_id]},
                )
    claim.refresh_from_db()
    return claim


def _open_suggestion(suggestion: ClaimantSuggestion | int) -> ClaimantSuggestion:
    """The suggestion, locked after its claimant (the order a merge locks them in), with
    its claim and claimant; refused unless still open."""
    pk = pk_of(suggestion)
    suggestions = ClaimantSuggestion.objects.select_related("claim", "claimant")
    for _ in range(3):
        named = suggestions.filter(pk=pk).values_list("claimant_id", flat=True).first()
        if named is None:
            break
        claimant = _locked(named)
        found = suggestions.select_for_update(of=("self",)).filter(pk=pk).first()
        # A merge moved it to the survivor between the two reads: lock that one instead.
        if found is None or found.claimant_id == claimant.pk:
            break
    else:
        raise InvalidInput("This suggestion is changing; try again.", field="suggestion")
    if found is None or found.state != ClaimantSuggestion.State.SUGGESTED:
        raise InvalidInput("This suggestion is no longer open.", field="suggestion")
    found.claimant = claimant
    return found


def _locked(pk: int) -> Claimant:
    """Claimant ``pk`` locked for this transaction; if it was merged, its survivor (locked)."""
    claimant = Claimant.objects.select_for_update(no_key=True).get(pk=pk)
    if claimant.merged_into_id is not None:
        claimant = Claimant.objects.select_for_update(no_key=True).get(pk=claimant.merged_into_id)
    return claimant


def _touch_public(claim_ids: list[int], *, when: bool, now: datetime) -> int:
    """Move the change-feed position of those of ``claim_ids`` that are public, ``when``
    their public output changed (see the module's docstring)."""
    if not when or not claim_ids:
        return 0
    return Claim.objects.filter(PUBLIC, pk__in=claim_ids).update(updated_at=now)


def _seen_at(claim: Claim) -> datetime:
    article = claim.article if claim.article_id else None
    published = article.published_at if article is not None else None
    return published or claim.created_at or timezone.now()


def _learns_alias(decision: linking.Decision) -> bool:
    # A surname alone linked by a careful rule stays a careful match next time (another
    # article may name another person of that name); the desk's acceptance makes it an alias.
    reading = decision.reading
    return not (reading.kind == linking.PERSON and not reading.given)


def _create(reading: linking.Reading, seen: datetime) -> Claimant:
    kind = reading.kind
    claimant = Claimant.objects.create(display_name=reading.name[:300], kind=kind)
    _remember(claimant, reading, seen, alias=True)
    return claimant


def _remember(claimant: Claimant, reading: linking.Reading, seen: datetime, *, alias: bool):
    """Add the reading's aliases (those no claimant has yet) and its role to ``claimant``."""
    if alias:
        for key in reading.keys:
            fields = linking.alias_of(reading, key)
            try:
                with transaction.atomic():  # a savepoint: a key taken meanwhile is no error
                    ClaimantAlias.objects.get_or_create(
                        key=key[:300],
                        defaults={
                            "claimant": claimant,
                            "name": reading.name[:300],
                            "surname": fields.surname[:200],
                            "given": fields.given[:100],
                            "initials": fields.initials[:30],
                            "is_acronym": fields.is_acronym,
                        },
                    )
            except IntegrityError:
                pass
    role_key = linking.role_words(reading.role)[:300]
    if not role_key or claimant.kind == Claimant.Kind.ANONYMOUS:
        return
    role, created = ClaimantRole.objects.get_or_create(
        claimant=claimant,
        key=role_key,
        defaults={"role": reading.role[:300], "first_seen": seen, "last_seen": seen},
    )
    if not created and not role.first_seen <= seen <= role.last_seen:
        role.first_seen, role.last_seen = min(role.first_seen, seen), max(role.last_seen, seen)
        role.save(update_fields=["first_seen", "last_seen"])
