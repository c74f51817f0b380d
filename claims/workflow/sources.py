"""Source links a fact-checker gathers on a claim under review: added and removed, each in the
history.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from claims import permissions
from claims.ids import pk_of
from claims.models import Claim, ClaimEvent, SourceLink
from claims.types import User

from .core import _lock, _require
from .errors import AlreadyThere, IllegalTransition, InvalidInput

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
