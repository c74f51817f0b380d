"""Two desks changing the same claimants at the same moment, on PostgreSQL (row locks, READ
COMMITTED: the production database), each a thread with its own connection released
together by a barrier, several rounds so that they really overlap."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.claimants.services import (
    claimant_link_claim,
    claimant_merge,
    claimant_suggestion_accept,
)
from claims.models import Claim, Claimant, ClaimantChange, ClaimantSuggestion
from claims.workflow import InvalidInput
from tests.claims.claimants.helpers import linked
from tests.faults.test_concurrent_approval import _at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 6
SURNAMES = ("Leyen", "Kallas", "Costa", "Metsola", "Borrell", "Michel")


@pytest.fixture(autouse=True)
def _on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")


def test_two_desks_merging_a_pair_each_way_merge_it_once(make_claim, editor, other_editor):
    for surname in SURNAMES[:ROUNDS]:
        a = linked(make_claim, claimant=f"Anna {surname}").claimant_ref
        b = Claimant.objects.create(display_name=f"A. {surname}", kind="person")
        results = _at_once(
            lambda a=a, b=b: claimant_merge(source=a.pk, target=b.pk, actor=editor, note="Same."),
            lambda a=a, b=b: claimant_merge(
                source=b.pk, target=a.pk, actor=other_editor, note="Same."
            ),
        )
        merged = [r for r in results if isinstance(r, Claimant)]
        refused = [r for r in results if isinstance(r, InvalidInput)]
        assert len(merged) == 1 and len(refused) == 1, results
        survivor = merged[0]
        tombstone = Claimant.objects.get(pk=b.pk if survivor.pk == a.pk else a.pk)
        assert tombstone.merged_into_id == survivor.pk
        assert Claimant.objects.get(pk=survivor.pk).merged_into_id is None
        assert ClaimantChange.objects.filter(other=tombstone).count() == 1
        assert not Claim.objects.filter(claimant_ref=tombstone).exists()


def test_a_suggestion_accepted_while_its_claimant_is_merged_links_the_survivor(
    make_claim, editor, other_editor
):
    for surname in SURNAMES[:ROUNDS]:
        ursula = linked(make_claim, claimant=f"Ursula {surname}").claimant_ref
        claim = make_claim(claimant=surname)
        claimant_link_claim(claim=claim)
        suggestion = ClaimantSuggestion.objects.get(claim=claim)
        other = Claimant.objects.create(display_name=f"U. {surname}", kind="person")
        results = _at_once(
            lambda u=ursula, o=other: claimant_merge(
                source=u.pk, target=o.pk, actor=editor, note="One."
            ),
            lambda s=suggestion: claimant_suggestion_accept(suggestion=s.pk, actor=other_editor),
        )
        assert not [r for r in results if isinstance(r, BaseException)], results
        # Whichever came first, the claim and every name end with the survivor.
        assert Claim.objects.get(pk=claim.pk).claimant_ref_id == other.pk
        assert not ursula.aliases.exists()
        assert ClaimantSuggestion.objects.get(pk=suggestion.pk).claimant_id == other.pk
