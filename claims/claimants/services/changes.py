"""The desk's changes to claimants: identifiers, merge and split, each recorded in the
claimant's history (``ClaimantChange``) and on every claim it moves. See the package's
docstring for the locks and the change-feed rule."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims import permissions
from claims.claimants import linking
from claims.claimants.services.links import _remember, _seen_at, _touch_public
from claims.ids import pk_of
from claims.models import (
    Claim,
    Claimant,
    ClaimantAlias,
    ClaimantChange,
    ClaimantRole,
    ClaimantSuggestion,
    ClaimEvent,
    same_as,
)
from claims.types import User
from claims.workflow import ActionNotPermitted, InvalidInput, UnknownReference


def claimant_set_identifiers(
    *, claimant: Claimant | int, actor: User, wikidata_qid: str, website: str, note: str = ""
) -> Claimant:
    """The desk enters (or clears) the claimant's Wikidata QID and website.

    Preconditions: the actor may edit claimants; the claimant is not merged away and not an
    anonymous description (no one to look up); each value valid (``Q`` and digits, an
    http(s) address). Effects: the values are written, an ``identified`` change records
    them before and after with who and why, and the claimant's public claims move in the
    change feed (their ClaimReview ``sameAs`` changed). Nothing changes: nothing written."""
    if not permissions.can_edit_claimants(actor):
        raise ActionNotPermitted("You may not edit claimants.")
    with transaction.atomic():
        locked = _alive(claimant, field="claimant")
        wikidata_qid, website = wikidata_qid.strip().upper(), website.strip()
        if locked.kind == Claimant.Kind.ANONYMOUS and (wikidata_qid or website):
            raise InvalidInput(
                "An anonymous description has no identifiers: it is no one to look up.",
                field="wikidata_qid" if wikidata_qid else "website",
            )
        before = {"wikidata_qid": locked.wikidata_qid, "website": locked.website}
        after = {"wikidata_qid": wikidata_qid, "website": website}
        if before == after:
            return locked
        if website and not website.lower().startswith(("https://", "http://")):
            raise InvalidInput(
                "A website address starts with https:// or http://.", field="website"
            )
        locked.wikidata_qid, locked.website = wikidata_qid, website
        try:
            locked.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            name, messages = next(iter(exc.message_dict.items()))
            raise InvalidInput(" ".join(messages), field=name) from None
        was = same_as(before["wikidata_qid"], before["website"])
        locked.save(update_fields=["wikidata_qid", "website", "updated_at"])
        ids = list(locked.claims.values_list("pk", flat=True))
        _touch_public(ids, when=was != locked.same_as, now=timezone.now())
        ClaimantChange.objects.create(
            claimant=locked,
            kind=ClaimantChange.Kind.IDENTIFIED,
            actor=actor,
            note=note.strip(),
            data={"before": before, "after": after},
        )
    return locked


def claimant_merge(
    *, source: Claimant | int, target: Claimant | int, actor: User, note: str
) -> Claimant:
    """Merge ``source`` into ``target``: the same claimant, recorded twice.

    Preconditions: the actor may edit claimants; a note says why; two claimants, neither
    merged away already; both anonymous descriptions or both named (a person or an
    organisation is never merged with an anonymous description). Effects, in one
    transaction with both rows locked (lower id first): ``source``'s open and decided
    suggestions, aliases, roles (dates widened where ``target`` has the same role) and
    claims move to ``target``; identifiers ``target`` lacks are taken from ``source``;
    ``source`` stays as a tombstone (``merged_into``: old links and API ids resolve to
    ``target``; earlier tombstones of ``source`` are repointed); a ``merged`` change
    records what moved with who and why; each moved claim gets a ``claimant_merged`` event,
    and a public claim whose ``sameAs`` changed moves in the change feed. Returns
    ``target``."""
    if not permissions.can_edit_claimants(actor):
        raise ActionNotPermitted("You may not merge claimants.")
    note = note.strip()
    if not note:
        raise InvalidInput("Say why these are the same claimant.", field="note")
    source_pk, target_pk = pk_of(source), pk_of(target)
    if source_pk == target_pk:
        raise InvalidInput("A claimant cannot be merged into itself.", field="source")
    with transaction.atomic():
        locked = {
            c.pk: c
            for c in Claimant.objects.select_for_update(no_key=True)
            .filter(pk__in=[source_pk, target_pk])
            .order_by("pk")
        }
        if source_pk not in locked or target_pk not in locked:
            raise UnknownReference("There is no claimant with this id.", field="source")
        src, dst = locked[source_pk], locked[target_pk]
        for claimant, field in ((src, "source"), (dst, "target")):
            if claimant.merged_into_id is not None:
                raise InvalidInput(
                    f"{claimant.display_name} (#{claimant.pk}) was merged into "
                    f"#{claimant.merged_into_id} already: merge with that one.",
                    field=field,
                )
        anonymous = {c.kind == Claimant.Kind.ANONYMOUS for c in (src, dst)}
        if len(anonymous) == 2:
            raise InvalidInput(
                "An anonymous description is never merged with a named person or "
                f"organisation: {src.display_name} is {src.get_kind_display().lower()}, "
                f"{dst.display_name} is {dst.get_kind_display().lower()}.",
                field="source",
            )
        now = timezone.now()
        # Suggestions first: a desk answering one of them holds its row until it commits,
        # and every statement after this one sees what that answer wrote.
        suggestions = _move_suggestions(src, dst)
        aliases = list(src.aliases.values_list("name", flat=True))
        src.aliases.update(claimant=dst)
        roles = _move_roles(src, dst)
        claim_ids = list(Claim.objects.filter(claimant_ref=src).values_list("pk", flat=True))
        Claim.objects.filter(pk__in=claim_ids).update(claimant_ref=dst)
        old_same_as, src_same_as = dst.same_as, src.same_as
        taken = {}
        for name in ("wikidata_qid", "website"):
            if not getattr(dst, name) and getattr(src, name):
                taken[name] = getattr(src, name)
                setattr(dst, name, taken[name])
        dst.save(update_fields=["wikidata_qid", "website", "updated_at"])
        Claimant.objects.filter(merged_into=src).update(merged_into=dst)
        src.merged_into = dst
        src.save(update_fields=["merged_into", "updated_at"])
        _touch_public(claim_ids, when=src_same_as != dst.same_as, now=now)
        _touch_public(
            list(
                Claim.objects.filter(claimant_ref=dst)
                .exclude(pk__in=claim_ids)
                .values_list("pk", flat=True)
            ),
            when=old_same_as != dst.same_as,
            now=now,
        )
        _record(
            ClaimantChange.Kind.MERGED,
            claimant=dst,
            other=src,
            actor=actor,
            note=note,
            data={
                "aliases": aliases,
                "roles": roles,
                "claims": claim_ids,
                "suggestions": suggestions,
                "identifiers": taken,
                "name": src.display_name,
            },
            event=ClaimEvent.Kind.CLAIMANT_MERGED,
            event_note=f"{src.display_name} (#{src.pk}) merged into {dst.display_name} "
            f"(#{dst.pk}): {note}",
        )
    return dst


def claimant_split(
    *,
    claimant: Claimant | int,
    aliases: Iterable[ClaimantAlias | int],
    actor: User,
    note: str,
    display_name: str = "",
) -> Claimant:
    """Split the chosen ``aliases`` of ``claimant`` off to a new claimant: two people (or
    bodies) recorded as one.

    Preconditions: the actor may edit claimants; a note says why; the claimant is not
    merged away; the aliases are its own, at least one, and not all of them (one stays).
    Effects, in one transaction with the claimant locked: a new claimant of the same kind
    (named ``display_name``, else the first chosen alias) takes the aliases and the claims
    linked through them (a claim whose printed name reads as one of their keys), with the
    roles those claims were named with; a role no claim left with ``claimant`` carries
    moves with them. A ``split`` change records it with who and why; each moved claim gets
    a ``claimant_split`` event, and a public one moves in the change feed if ``claimant``
    had identifiers (the new claimant has none). Returns the new claimant."""
    if not permissions.can_edit_claimants(actor):
        raise ActionNotPermitted("You may not split claimants.")
    note, display_name = note.strip(), display_name.strip()
    if not note:
        raise InvalidInput("Say why these names are someone else.", field="note")
    alias_ids = {pk_of(alias) for alias in aliases}
    if not alias_ids:
        raise InvalidInput("Choose the names that belong to someone else.", field="aliases")
    with transaction.atomic():
        locked = _alive(claimant, field="claimant")
        own = {a.pk: a for a in locked.aliases.all()}
        if not alias_ids <= own.keys():
            raise InvalidInput("Only this claimant's own names can be split off.", field="aliases")
        if alias_ids == own.keys():
            raise InvalidInput(
                "Leave at least one name with this claimant (to rename it, merge instead).",
                field="aliases",
            )
        chosen = [own[pk] for pk in sorted(alias_ids)]
        keys = {alias.key for alias in chosen}
        new = Claimant.objects.create(
            display_name=(display_name or chosen[0].name)[:300], kind=locked.kind
        )
        ClaimantAlias.objects.filter(pk__in=alias_ids).update(claimant=new)
        moved, kept_roles = [], set()
        for claim in locked.claims.select_related("article").only(
            "pk", "claimant", "claimant_role", "sourcing", "created_at", "article__published_at"
        ):
            reading = linking.read(claim.claimant, claim.claimant_role, claim.sourcing)
            if reading is not None and keys & set(reading.keys):
                moved.append(claim)
                _remember(new, reading, _seen_at(claim), alias=False)
            elif reading is not None:
                kept_roles.add(linking.role_words(reading.role)[:300])
        claim_ids = [claim.pk for claim in moved]
        Claim.objects.filter(pk__in=claim_ids).update(claimant_ref=new)
        gone = locked.roles.filter(key__in=new.roles.values("key")).exclude(key__in=kept_roles)
        roles = list(gone.values_list("role", flat=True))
        gone.delete()
        _touch_public(claim_ids, when=bool(locked.same_as), now=timezone.now())
        _record(
            ClaimantChange.Kind.SPLIT,
            claimant=locked,
            other=new,
            actor=actor,
            note=note,
            data={
                "aliases": [alias.name for alias in chosen],
                "roles": roles,
                "claims": claim_ids,
                "name": new.display_name,
            },
            event=ClaimEvent.Kind.CLAIMANT_SPLIT,
            event_note=f"Split off from {locked.display_name} (#{locked.pk}) as "
            f"{new.display_name} (#{new.pk}): {note}",
        )
    return new


def _alive(claimant: Claimant | int, *, field: str) -> Claimant:
    """The claimant locked; refused if missing or merged away."""
    found = Claimant.objects.select_for_update(no_key=True).filter(pk=pk_of(claimant)).first()
    if found is None:
        raise UnknownReference("There is no claimant with this id.", field=field)
    if found.merged_into_id is not None:
        raise InvalidInput(
            f"This claimant was merged into #{found.merged_into_id}: change that one.",
            field=field,
        )
    return found


def _move_suggestions(src: Claimant, dst: Claimant) -> list[int]:
    """``src``'s suggestions become ``dst``'s; one for a claim that has a suggestion of
    ``dst`` already is the same suggestion twice and is dropped. The ids moved."""
    both = ClaimantSuggestion.objects.filter(claimant=dst).values("claim_id")
    src.suggestions.filter(claim_id__in=both).delete()
    ids = list(src.suggestions.values_list("pk", flat=True))
    ClaimantSuggestion.objects.filter(pk__in=ids).update(claimant=dst)
    return ids


def _move_roles(src: Claimant, dst: Claimant) -> list[str]:
    """``src``'s roles become ``dst``'s; a role ``dst`` has too widens its dates."""
    theirs = {role.key: role for role in dst.roles.all()}
    names = []
    for role in list(src.roles.all()):
        names.append(role.role)
        same = theirs.get(role.key)
        if same is None:
            ClaimantRole.objects.filter(pk=role.pk).update(claimant=dst)
            continue
        same.first_seen = min(same.first_seen, role.first_seen)
        same.last_seen = max(same.last_seen, role.last_seen)
        same.save(update_fields=["first_seen", "last_seen"])
        role.delete()
    return names


def _record(
    kind: str,
    *,
    claimant: Claimant,
    other: Claimant,
    actor: User,
    note: str,
    data: dict,
    event: str,
    event_note: str,
) -> ClaimantChange:
    """The change in the claimant's history, and an event on each claim it moved
    (``data["claims"]``) naming both claimants and the change."""
    change = ClaimantChange.objects.create(
        claimant=claimant, other=other, kind=kind, actor=actor, note=note, data=data
    )
    # One statement for any number of claims (a claimant may have thousands); the events
    # need no post_save receiver (reviewers.sync renews leases on source changes only).
    # The claims moved from ``other`` in a merge, to ``other`` in a split.
    moved = (other, claimant) if kind == ClaimantChange.Kind.MERGED else (claimant, other)
    moved_data = {"from": moved[0].pk, "to": moved[1].pk, "change": change.pk}
    ClaimEvent.objects.bulk_create(
        [
            ClaimEvent(claim_id=pk, actor=actor, kind=event, note=event_note, data=moved_data)
            for pk in data["claims"]
        ],
        batch_size=500,
    )
    return change
