"""A claim noun with a "that" clause attributes to its owner: "Ruiz's claim that ...", and
the subject of "made" or "levelled" taking it ("The family made an allegation that ...")."""

import pytest

from claims.extraction.attribution import attribute_sentences


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        (
            "The Harlow family had made an allegation that the mayor was paid by the developer.",
            "The Harlow family",
            "the mayor was paid by the developer",
        ),
        (
            "The mayor made the claim that the budget was balanced.",
            "The mayor",
            "the budget was balanced",
        ),
    ],
)
def test_the_subject_of_made_owns_the_claim_noun(sentence, claimant, claim):
    result = attribute_sentences([sentence])[0]
    assert (result.claimant, result.sourcing, result.claim) == (claimant, "named", claim)


def test_a_noun_that_states_nothing_attributes_nothing():
    result = attribute_sentences(["The council made a decision that the road would close."])[0]
    assert result.claimant is None
