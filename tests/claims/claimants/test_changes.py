"""The desk's changes to claimants: identifiers, merge and split, each with its history
(``ClaimantChange``) and an event on every claim it moves; the claim's change-feed position
moves only when its public output (ClaimReview ``sameAs``) does."""

from __future__ import annotations

import pytest

from claims.claimants.services import (
    claimant_link_claim,
    claimant_merge,
    claimant_set_identifiers,
    claimant_split,
    claimant_suggestion_accept,
    claimant_suggestion_reject,
)
from claims.immutability import ImmutableRecordError
from claims.models import (
    Claim,
    Claimant,
    ClaimantChange,
    ClaimantRole,
    ClaimantSuggestion,
    ClaimEvent,
)
from claims.workflow import ActionNotPermitted, InvalidInput, UnknownReference
from tests.claims.claimants.helpers import linked, linked_at


def updated_at(claim: Claim):
    return Claim.objects.values_list("updated_at", flat=True).get(pk=claim.pk)


@pytest.fixture
def two_ruttes(make_claim):
    """ "Mark Rutte" and "M. Rutte, NATO chief" recorded twice: their own claimants."""
    first = linked(make_claim, claimant="Mark Rutte", claimant_role="Dutch prime minister")
    Claimant.objects.create(display_name="Rutte (NATO)", kind="person")
    # A claimant the linker made on its own for a string it could not place.
    second = make_claim(claimant="Rutte", claimant_role="NATO secretary general")
    other = Claimant.objects.get(display_name="Rutte (NATO)")
    Claim.objects.filter(pk=second.pk).update(claimant_ref=other)
    ClaimantRole.objects.create(
        claimant=other,
        role="NATO secretary general",
        key="nato secretary general",
        first_seen=second.created_at,
        last_seen=second.created_at,
    )
    return first, Claim.objects.get(pk=second.pk)


def test_a_merge_moves_names_roles_claims_and_keeps_a_tombstone(two_ruttes, editor):
    first, second = two_ruttes
    survivor, merged = first.claimant_ref, second.claimant_ref
    result = claimant_merge(source=merged, target=survivor, actor=editor, note="Same man.")
    assert result == survivor
    merged.refresh_from_db()
    assert merged.merged_into == survivor
    assert Claim.objects.get(pk=second.pk).claimant_ref == survivor
    assert set(survivor.roles.values_list("key", flat=True)) == {
        "dutch prime minister",
        "nato secretary general",
    }
    assert not merged.roles.exists()
    change = ClaimantChange.objects.get()
    assert (change.kind, change.claimant, change.other, change.actor, change.note) == (
        "merged",
        survivor,
        merged,
        editor,
        "Same man.",
    )
    assert change.data["claims"] == [second.pk]
    assert change.data["roles"] == ["NATO secretary general"]
    event = ClaimEvent.objects.get(claim=second, kind=ClaimEvent.Kind.CLAIMANT_MERGED)
    assert (event.actor, event.data) == (
        editor,
        {"from": merged.pk, "to": survivor.pk, "change": change.pk},
    )
    assert "Same man." in event.note
    # Nothing happened to the survivor's own claim.
    assert not ClaimEvent.objects.filter(claim=first, kind="claimant_merged").exists()
    # The history is append-only.
    with pytest.raises(ImmutableRecordError):
        change.delete()


def test_a_merge_of_a_named_claimant_with_an_anonymous_description_is_refused(make_claim, editor):
    named = linked(make_claim, claimant="Mark Rutte", sourcing="named").claimant_ref
    anonymous = linked(make_claim, claimant="EU sources", sourcing="anonymous").claimant_ref
    with pytest.raises(InvalidInput) as refused:
        claimant_merge(source=anonymous, target=named, actor=editor, note="Same?")
    assert "never merged with a named person" in refused.value.message
    assert "Mark Rutte is person" in refused.value.message
    anonymous.refresh_from_db()
    assert anonymous.merged_into is None
    assert not ClaimantChange.objects.exists()
    assert anonymous.claims.count() == 1


def test_a_merge_needs_the_desk_a_reason_and_two_live_claimants(two_ruttes, consumer, editor):
    first, second = two_ruttes
    a, b = first.claimant_ref, second.claimant_ref
    with pytest.raises(ActionNotPermitted):
        claimant_merge(source=b, target=a, actor=consumer, note="Same.")
    with pytest.raises(InvalidInput) as no_note:
        claimant_merge(source=b, target=a, actor=editor, note="  ")
    assert no_note.value.field == "note"
    with pytest.raises(InvalidInput):
        claimant_merge(source=a, target=a, actor=editor, note="Same.")
    with pytest.raises(UnknownReference):
        claimant_merge(source=987654, target=a, actor=editor, note="Same.")
    claimant_merge(source=b, target=a, actor=editor, note="Same.")
    # The tombstone takes no part in another merge.
    third = Claimant.objects.create(display_name="Marc Rutte", kind="person")
    with pytest.raises(InvalidInput) as gone:
        claimant_merge(source=b, target=third, actor=editor, note="Same.")
    assert f"merged into #{a.pk}" in gone.value.message
    assert ClaimantChange.objects.count() == 1


def test_earlier_tombstones_follow_the_survivor(make_claim, editor):
    a, b, c = (
        Claimant.objects.create(display_name=name, kind="organization")
        for name in ("NATO", "North Atlantic Treaty Organization", "the Alliance")
    )
    claimant_merge(source=c, target=b, actor=editor, note="The same body.")
    claimant_merge(source=b, target=a, actor=editor, note="The same body.")
    assert Claimant.objects.get(pk=c.pk).merged_into == a


def test_a_merge_moves_the_claimants_suggestions_once(make_claim, editor):
    ursula = linked(make_claim, claimant="Ursula von der Leyen").claimant_ref
    other = Claimant.objects.create(display_name="Ursula vdL", kind="person")
    claim = make_claim(claimant="von der Leyen")
    claimant_link_claim(claim=claim)
    ClaimantSuggestion.objects.create(claim=claim, claimant=other, reason="surname")
    assert ClaimantSuggestion.objects.filter(claim=claim).count() == 2
    claimant_merge(source=other, target=ursula, actor=editor, note="One person.")
    # The pair (claim, Ursula) was suggested already: one suggestion, not two.
    assert list(
        ClaimantSuggestion.objects.filter(claim=claim).values_list("claimant", flat=True)
    ) == [ursula.pk]


def test_a_merge_moves_the_feed_position_only_when_same_as_changes(
    make_claim, fact_checker, editor
):
    a = linked_at("published", make_claim, fact_checker, editor, claimant="Mark Rutte").claimant_ref
    b_claim = linked_at(
        "published", make_claim, fact_checker, editor, claimant="Rutte, the NATO chief"
    )
    b = Claimant.objects.create(display_name="M. Rutte", kind="person")
    Claim.objects.filter(pk=b_claim.pk).update(claimant_ref=b)
    before = updated_at(b_claim)
    # Neither has an identifier: the claim's public output is the same.
    claimant_merge(source=b, target=a, actor=editor, note="Same man.")
    assert updated_at(b_claim) == before
    # Now the other way: a claimant with an identifier merged into one with another.
    c = Claimant.objects.create(display_name="Rutte", kind="person", wikidata_qid="Q57792")
    Claim.objects.filter(pk=b_claim.pk).update(claimant_ref=c)
    claimant_set_identifiers(claimant=a, actor=editor, wikidata_qid="Q1", website="")
    before = updated_at(b_claim)
    claimant_merge(source=c, target=a, actor=editor, note="Same man.")
    assert updated_at(b_claim) > before


def test_identifiers_are_validated_recorded_and_move_public_claims(
    make_claim, fact_checker, editor
):
    claim = linked_at("published", make_claim, fact_checker, editor, claimant="Mark Rutte")
    rutte, before = claim.claimant_ref, updated_at(claim)
    with pytest.raises(InvalidInput) as bad:
        claimant_set_identifiers(claimant=rutte, actor=editor, wikidata_qid="57792", website="")
    assert bad.value.field == "wikidata_qid"
    with pytest.raises(InvalidInput) as bad_site:
        claimant_set_identifiers(
            claimant=rutte, actor=editor, wikidata_qid="", website="not an address"
        )
    assert bad_site.value.field == "website"
    with pytest.raises(InvalidInput) as not_web:
        claimant_set_identifiers(
            claimant=rutte, actor=editor, wikidata_qid="", website="ftp://files.nato.int/"
        )
    assert "https://" in not_web.value.message
    assert updated_at(claim) == before and not ClaimantChange.objects.exists()
    claimant_set_identifiers(
        claimant=rutte, actor=editor, wikidata_qid=" q57792 ", website="https://www.nato.int/"
    )
    rutte.refresh_from_db()
    assert (rutte.wikidata_qid, rutte.website) == ("Q57792", "https://www.nato.int/")
    assert updated_at(claim) > before
    change = ClaimantChange.objects.get()
    assert change.data == {
        "before": {"wikidata_qid": "", "website": ""},
        "after": {"wikidata_qid": "Q57792", "website": "https://www.nato.int/"},
    }


def test_an_anonymous_description_takes_no_identifier(make_claim, editor, consumer):
    eu = linked(make_claim, claimant="EU sources", sourcing="anonymous").claimant_ref
    with pytest.raises(InvalidInput):
        claimant_set_identifiers(claimant=eu, actor=editor, wikidata_qid="Q458", website="")
    with pytest.raises(ActionNotPermitted):
        claimant_set_identifiers(claimant=eu, actor=consumer, wikidata_qid="", website="")


@pytest.fixture
def two_in_one(make_claim):
    """One claimant holding two people: "Mark Rutte" and (wrongly) "Mike Rutte"."""
    mark = linked(make_claim, claimant="Mark Rutte", claimant_role="NATO secretary general")
    claimant = mark.claimant_ref
    mike = make_claim(claimant="Mike Rutte", claimant_role="football coach")
    claimant_link_claim(claim=mike)
    mike_claimant = Claim.objects.get(pk=mike.pk).claimant_ref
    # As if an earlier rule had linked him.
    claimant_merge_unchecked(mike_claimant, claimant)
    return claimant, mark, Claim.objects.get(pk=mike.pk)


def claimant_merge_unchecked(src: Claimant, dst: Claimant) -> None:
    src.aliases.update(claimant=dst)
    src.roles.update(claimant=dst)
    Claim.objects.filter(claimant_ref=src).update(claimant_ref=dst)
    src.delete()


def test_a_split_moves_the_chosen_names_and_their_claims(two_in_one, editor):
    claimant, mark, mike = two_in_one
    mike_alias = claimant.aliases.get(name="Mike Rutte")
    new = claimant_split(claimant=claimant, aliases=[mike_alias], actor=editor, note="Two people.")
    assert (new.display_name, new.kind) == ("Mike Rutte", "person")
    assert list(new.aliases.values_list("name", flat=True)) == ["Mike Rutte"]
    assert Claim.objects.get(pk=mike.pk).claimant_ref == new
    assert Claim.objects.get(pk=mark.pk).claimant_ref == claimant
    assert list(new.roles.values_list("key", flat=True)) == ["football coach"]
    assert list(claimant.roles.values_list("key", flat=True)) == ["nato secretary general"]
    change = ClaimantChange.objects.get()
    assert (change.kind, change.claimant, change.other) == ("split", claimant, new)
    assert change.data["claims"] == [mike.pk] and change.data["aliases"] == ["Mike Rutte"]
    event = ClaimEvent.objects.get(claim=mike, kind=ClaimEvent.Kind.CLAIMANT_SPLIT)
    assert event.data == {"from": claimant.pk, "to": new.pk, "change": change.pk}
    assert not ClaimEvent.objects.filter(claim=mark, kind="claimant_split").exists()


def test_a_split_keeps_one_name_and_takes_only_its_own(two_in_one, make_claim, editor):
    claimant, *_ = two_in_one
    with pytest.raises(InvalidInput) as everything:
        claimant_split(
            claimant=claimant, aliases=list(claimant.aliases.all()), actor=editor, note="x"
        )
    assert "at least one name" in everything.value.message
    stranger = linked(make_claim, claimant="Ursula von der Leyen").claimant_ref.aliases.get()
    with pytest.raises(InvalidInput):
        claimant_split(claimant=claimant, aliases=[stranger], actor=editor, note="x")
    with pytest.raises(InvalidInput):
        claimant_split(claimant=claimant, aliases=[], actor=editor, note="x")
    assert not ClaimantChange.objects.exists()


def test_accepting_a_suggested_claimant_is_an_event_on_the_claim(make_claim, editor):
    linked(make_claim, claimant="Ursula von der Leyen")
    claim = make_claim(claimant="von der Leyen")
    claimant_link_claim(claim=claim)
    suggestion = ClaimantSuggestion.objects.get(claim=claim)
    before = updated_at(claim)
    claimant_suggestion_accept(suggestion=suggestion, actor=editor)
    event = ClaimEvent.objects.get(claim=claim, kind=ClaimEvent.Kind.CLAIMANT_LINKED)
    assert (event.actor, event.data["claimant"]) == (editor, suggestion.claimant_id)
    # Not public, no identifiers: no move in the change feed.
    assert updated_at(claim) == before


def test_rejecting_the_last_suggestion_links_a_new_claimant_with_an_event(make_claim, editor):
    linked(make_claim, claimant="Ursula von der Leyen")
    claim = make_claim(claimant="von der Leyen")
    claimant_link_claim(claim=claim)
    rejected = claimant_suggestion_reject(
        suggestion=ClaimantSuggestion.objects.get(claim=claim), actor=editor
    )
    event = ClaimEvent.objects.get(claim=claim, kind=ClaimEvent.Kind.CLAIMANT_LINKED)
    assert event.data["claimant"] == rejected.claimant_ref_id


def test_a_suggestion_of_a_merged_claimant_is_answered_for_the_survivor(make_claim, editor):
    ursula = linked(make_claim, claimant="Ursula von der Leyen").claimant_ref
    claim = make_claim(claimant="von der Leyen")
    claimant_link_claim(claim=claim)
    other = Claimant.objects.create(display_name="U. von der Leyen", kind="person")
    suggestion = ClaimantSuggestion.objects.get(claim=claim)
    claimant_merge(source=ursula, target=other, actor=editor, note="One person.")
    accepted = claimant_suggestion_accept(suggestion=suggestion, actor=editor)
    assert accepted.claimant_ref == other
