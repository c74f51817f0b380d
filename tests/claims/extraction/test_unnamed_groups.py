"""A plural noun for members of the public names no one: anonymous, as "residents" are."""

from __future__ import annotations

import pytest

from claims.claimants import linking
from claims.extraction.attribution import ANONYMOUS, NAMED, attribute


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Voters said the bus fares were the main issue.", "Voters"),
        ("Many parents said the school had closed without notice.", "Many parents"),
        (
            "Farmers in the valley said the drought had halved their yields.",
            "Farmers in the valley",
        ),
        ("At the rally, demonstrators said the mine had poisoned the river.", "demonstrators"),
        ("Republican lawmakers said the bill would cost $3 billion.", "Republican lawmakers"),
    ],
)
def test_a_plural_noun_for_people_is_an_unnamed_group(sentence, claimant):
    result = attribute(sentence)
    assert (result.claimant, result.sourcing, result.kind) == (claimant, ANONYMOUS, "group")
    # Claimant linking keys it as an anonymous description, not as a person called "Voters".
    assert linking.read(result.claimant, "", result.sourcing).kind == linking.ANONYMOUS


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # An office of the story, anyone's, a body's plural, a group the story identified.
        ("Prosecutors said the treasurer took $2 million from the fund.", "Prosecutors"),
        ("Police said the driver fled on foot.", "Police"),
        ("His lawyers said he had never seen the contract.", "His lawyers"),
        ("The two lawmakers said the bill would pass next week.", "The two lawmakers"),
        ("Agencies said the figures would be late.", "Agencies"),
        # A surname the tagger reads as a plural.
        ("Chambers said orders from cities had fallen off a cliff.", "Chambers"),
    ],
)
def test_offices_names_and_identified_groups_stay_named(sentence, claimant):
    result = attribute(sentence)
    assert (result.claimant, result.sourcing) == (claimant, NAMED)


def test_it_is_no_group_of_people():
    # Before, the group was an organisation, so a later "it" in its claim was read as the group.
    result = attribute("In interviews, donors said it had grown beyond the founding family.")
    assert result.claimant == "donors"
    assert result.claim == "it had grown beyond the founding family"
