"""Speakers carried across sentences (issue 14): a 'Name: "..."' frame and a title one
person holds ("The Premier said ...", then "He said ...")."""

import pytest

from claims.extraction.attribution import attribute_sentences
from claims.extraction.carry import colon_frame


def test_a_name_and_colon_before_a_quotation_speak_for_all_of_it():
    sentences = [
        'Rita Varga: "We pressed well in the first half.',
        "We lost our shape after the break.",
        'That is on me."',
        'Coach Tomas Lind: "I am proud of my players.',
        'We deserved a point."',
    ]
    results = attribute_sentences(sentences, [False, True, True, False, True])
    assert [r.claimant for r in results] == [
        "Rita Varga",
        "Rita Varga",
        "Rita Varga",
        "Tomas Lind",
        "Tomas Lind",
    ]
    assert {r.sourcing for r in results} == {"named"}
    assert results[0].claim == "We pressed well in the first half"
    assert results[3].role == "Coach"
    assert results[4].claim == "We deserved a point"


@pytest.mark.parametrize(
    "sentence",
    [
        'Breaking News: "The bridge will stay closed."',  # a kicker
        'HARBOUR COUNCIL: "We will publish the figures."',  # capitals: a transcript's label
        "Rita Varga: We pressed well in the first half.",  # no quotation
        'Varga: "We pressed well."',  # one word: too often a kicker
    ],
)
def test_a_colon_frame_needs_a_name_and_a_quotation(sentence):
    assert colon_frame(sentence) is None


def test_he_after_a_capitalised_title_one_person_holds_is_that_person():
    results = attribute_sentences(
        [
            "The Premier said three schools would close next year.",
            "He said the savings would go to hospitals.",
        ],
        [False, False],
    )
    assert results[1].claimant == "The Premier"
    assert results[1].sourcing == "named"
    assert results[1].claim == "the savings would go to hospitals"


def test_he_after_a_title_two_named_people_hold_is_the_nearest_of_them():
    results = attribute_sentences(
        [
            "Premier Ana Ruiz of Ontario said the talks had been useful.",
            "Premier Tom Hale of Quebec said his province wanted more time.",
            "The Premier said the next round would be harder.",
            "He said the deal could be signed in May.",
        ],
        [False, False, False, False],
    )
    assert results[3].claimant == "Tom Hale"


def test_he_after_a_title_in_lower_case_keeps_the_person_named_before():
    # "the Ohio senator" describes again the senator named before: "he" keeps the name.
    results = attribute_sentences(
        [
            "Sen. Tom Hale said the bill would pass this week.",
            "The Ohio senator said the vote would be close.",
            "He said the party was united behind the plan.",
        ],
        [False, False, False],
    )
    assert results[2].claimant == "Tom Hale"
