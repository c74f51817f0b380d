"""Claims linked to their claimant records, for the tests of the desk's claimant pages and
changes."""

from __future__ import annotations

import functools

from claims.claimants.services import claimant_link_claim
from claims.models import Claim
from tests.claims.helpers import bring_to


def linked(make_claim, text: str | None = None, **kwargs) -> Claim:
    """A candidate claim by ``claimant=...``, linked to its claimant record."""
    claim = make_claim(text, **kwargs)
    claimant_link_claim(claim=claim)
    return Claim.objects.get(pk=claim.pk)


def linked_at(start: str, make_claim, checker, editor, **kwargs) -> Claim:
    """A claim brought to ``start`` by the real services, then linked."""
    claim = bring_to(
        start, make_claim=functools.partial(make_claim, **kwargs), checker=checker, editor=editor
    )
    claimant_link_claim(claim=claim)
    return Claim.objects.get(pk=claim.pk)
