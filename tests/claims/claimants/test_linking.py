"""The database-free linker: how a claimant string is read, and what it is linked to."""

from __future__ import annotations

import pytest

from claims.claimants import linking
from claims.claimants.linking import Candidate, decide, read


def known(pk: int, *names: str, roles: tuple[str, ...] = ()) -> Candidate:
    """A claimant known by ``names``, as the service would hand it to ``decide``."""
    readings = [read(name) for name in names]
    return Candidate(
        id=pk,
        kind=readings[0].kind,
        aliases=tuple(linking.alias_of(r, k) for r in readings for k in r.keys),
        roles=tuple(linking.role_words(r) for r in roles),
    )


URSULA = known(1, "Ursula von der Leyen", roles=("Commission President",))


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("Dr. Anthony Fauci", "person", "anthony fauci"),
        ("Sen. Elizabeth Warren", "person", "elizabeth warren"),
        ("NATO Secretary General Mark Rutte", "person", "mark rutte"),
        ("Mark Rutte, NATO's secretary general", "person", "mark rutte"),
        ("The CEO of Palantir, Alex Karp", "person", "alex karp"),
        ("Trump's", "person", "trump"),
        ("Erdoğan", "person", "erdogan"),
        ("the European Commission's", "organization", "european commission"),
        (
            "World Health Organization (WHO) Director-General Tedros Ghebreyesus",
            "person",
            "tedros ghebreyesus",
        ),
        ("EU sources", "anonymous", "anon:eu source"),
        ("an EU source", "anonymous", "anon:eu source"),
        ("a senior European diplomat", "anonymous", "anon:eu diplomat"),
        ("people familiar with the matter", "anonymous", "anon:person familiar"),
        ("two sources familiar with the talks", "anonymous", "anon:source familiar"),
    ],
)
def test_a_claimant_string_is_read_without_titles_roles_or_case(text, kind, key):
    reading = read(text)
    assert (reading.kind, reading.key) == (kind, key)


def test_nothing_to_link_in_a_pronoun_or_a_generic_description():
    assert decide(read("he"), []).action == linking.NONE
    assert decide(read("the ministry"), []).action == linking.NONE


@pytest.mark.parametrize(
    "text", ["Ursula von der Leyen", "URSULA VON DER LEYEN", "Ms. Ursula von der Leyen"]
)
def test_an_exact_alias_links(text):
    assert decide(read(text), [URSULA]) == linking.Decision(linking.LINK, 1, reason="exact")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("U. von der Leyen", "surname+given"),
        ("Commission President von der Leyen", "surname+role"),
    ],
)
def test_a_careful_match_links_the_same_surname_with_an_initial_or_a_role(text, reason):
    decision = decide(read(text), [URSULA])
    assert (decision.action, decision.claimant_id, decision.reason) == (linking.LINK, 1, reason)


def test_a_surname_alone_is_only_suggested_unless_the_article_named_the_person():
    alone = decide(read("von der Leyen"), [URSULA])
    assert (alone.action, alone.suggestions) == (linking.SUGGEST, (1,))
    in_article = decide(read("von der Leyen"), [URSULA], context={1})
    assert (in_article.action, in_article.claimant_id) == (linking.LINK, 1)


def test_another_given_name_is_another_person():
    donald = known(1, "Donald Trump")
    assert decide(read("Melania Trump"), [donald]).action == linking.NEW


def test_two_people_of_one_surname_are_suggested_never_chosen():
    decision = decide(read("Trump"), [known(1, "Donald Trump"), known(2, "Melania Trump")])
    assert (decision.action, decision.suggestions) == (linking.SUGGEST, (1, 2))


def test_an_acronym_and_the_full_name_link_both_ways():
    full = known(1, "the North Atlantic Treaty Organization")
    assert decide(read("NATO"), [full]).claimant_id == 1
    assert (
        decide(read("the North Atlantic Treaty Organization"), [known(2, "NATO")]).claimant_id == 2
    )


def test_an_acronym_several_bodies_share_is_suggested():
    bodies = [known(1, "European Commission"), known(2, "European Council")]
    assert decide(read("EC"), bodies).action == linking.SUGGEST


def test_anonymous_descriptions_group_by_what_they_say_of_the_source():
    sources = known(7, "EU sources")
    assert decide(read("an EU source"), [sources]).claimant_id == 7
    assert decide(read("EU diplomats"), [sources]).action == linking.NEW


def test_an_anonymous_description_is_never_linked_to_a_named_claimant_nor_the_reverse():
    # A named claimant holding the very key an anonymous reading would make, and the other
    # way round: neither is linked nor suggested.
    named = Candidate(id=1, kind="organization", aliases=(linking.Alias(key="anon:eu source"),))
    decision = decide(read("EU sources"), [named])
    assert (decision.action, decision.suggestions) == (linking.NEW, ())
    anonymous = Candidate(id=2, kind="anonymous", aliases=(linking.Alias(key="eu sources"),))
    decision = decide(read("EU Sources Ltd"), [anonymous])
    assert decision.action == linking.NEW and decision.claimant_id is None
    # Sourcing says anonymous: read as a description even when it looks like a name.
    assert read("Western officials", sourcing="anonymous").kind == "anonymous"
    person = known(3, "Mark Rutte")
    assert decide(read("Rutte", sourcing="anonymous"), [person], context={3}).action == "new"
