"""Opposite words and counterparts of one story (issue 15, round 9, dev7): a one-word edit
to the opposite outcome or stance ("acquitted" / "convicted", "upheld" / "struck down",
"surplus" / "deficit", "ahead" / "behind") or to a counterpart on the same story ("exports" /
"imports", "women" / "independent voters") is a different claim; a rewording that keeps the
pole, states it under a negation ("found not guilty") or as a converse ("A leads B" / "B
trails A") is not (claims/matching/opposites.py, conflicts.opposite_conflict). The
sentences are written for these tests."""

from __future__ import annotations

import pytest

from claims.matching import match_score
from claims.matching.conflicts import find_conflicts, is_contradiction, is_soft
from claims.matching.features import features


def reasons(a: str, b: str) -> tuple[str, ...]:
    return find_conflicts(features(a), features(b))


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in reasons(a, b)}


# One-word edits of one kept sentence: the opposite claim, never suggested.
EDITS = [
    (
        "The harbour board ran a budget surplus of $4.2 million in its last financial year.",
        "The harbour board ran a budget deficit of $4.2 million in its last financial year.",
    ),
    (
        "In the latest county poll the mayor is ahead of her challenger by six points.",
        "In the latest county poll the mayor is behind her challenger by six points.",
    ),
    (
        "A jury in Leeds convicted the former care-home manager of fraud on Tuesday.",
        "A jury in Leeds acquitted the former care-home manager of fraud on Tuesday.",
    ),
    (
        "The appeals court upheld the state's ban on the sale of flavoured vapes.",
        "The appeals court struck down the state's ban on the sale of flavoured vapes.",
    ),
    (
        "The councillor's motion to delay the tram vote failed by seven votes to four.",
        "The councillor's motion to delay the tram vote passed by seven votes to four.",
    ),
    (
        "The gap between the two parties narrowed to three points in the final week.",
        "The gap between the two parties widened to three points in the final week.",
    ),
    (
        "The central bank held its main interest rate at 4.5 percent on Thursday.",
        "The central bank raised its main interest rate to 4.5 percent on Thursday.",
    ),
    (
        "The city's museums will stay closed on public holidays during the summer.",
        "The city's museums will stay open on public holidays during the summer.",
    ),
]

# Counterparts of one story in a kept sentence: another claim, never suggested.
COUNTERPARTS = [
    (
        "Norway's exports of salmon rose 9 percent last year to a record.",
        "Norway's imports of salmon rose 9 percent last year to a record.",
    ),
    (
        "The governor leads by 12 points among women voters in the state.",
        "The governor leads by 12 points among independent voters in the state.",
    ),
    (
        "The defendant pleaded guilty to two counts of arson at the warehouse.",
        "A jury found the defendant guilty of two counts of arson at the warehouse.",
    ),
    (
        "Regular walking was tied to a 30 percent lower risk of dementia in the study.",
        "Regular walking was tied to a 30 percent lower risk of stroke in the study.",
    ),
]


@pytest.mark.parametrize(("a", "b"), EDITS)
def test_an_opposite_word_in_a_kept_sentence_is_a_hard_contradiction(a, b):
    for x, y in ((a, b), (b, a)):
        found = [r for r in reasons(x, y) if r.startswith("opposite:")]
        assert found, reasons(x, y)
        assert is_contradiction(found[0]) and not is_soft(found[0])
        assert match_score(x, y).decision == "none"


@pytest.mark.parametrize(("a", "b"), COUNTERPARTS)
def test_a_counterpart_in_a_kept_sentence_is_another_claim(a, b):
    for x, y in ((a, b), (b, a)):
        assert kinds(x, y) & {"counterpart", "opposite"}, reasons(x, y)
        assert match_score(x, y).decision == "none"


def test_an_opposite_word_in_a_rewritten_claim_is_uncertain():
    # Rewritten around the word: the other pole may belong to another clause. Shown, never
    # auto-linked, not a veto.
    a = "The mayor is ahead of her challenger by six points in the latest county poll."
    b = "Six points behind her challenger: that is where the latest county poll puts the mayor."
    assert "uncertain opposite" in kinds(a, b)
    assert match_score(a, b).decision != "auto"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a converse: the names on either side exchanged
        (
            "The mayor leads her challenger by six points in the county poll.",
            "Her challenger trails the mayor by six points in the county poll.",
        ),
        # the pole under a negation is left to the negation detector
        (
            "A jury in Leeds acquitted the former care-home manager of fraud.",
            "A jury in Leeds found the former care-home manager not guilty of fraud.",
        ),
        # "failed to" is a negation verb, not a failed vote
        (
            "The council passed the budget after the mayor failed to delay it.",
            "The council approved the budget after the mayor failed to delay it.",
        ),
        # the same pole in other words
        (
            "The appeals court struck down the state's ban on flavoured vapes.",
            "The appeals court overturned the state's ban on flavoured vapes.",
        ),
        # both poles in one claim, one in the other
        (
            "Exports rose and imports fell, leaving Norway with a record trade surplus.",
            "Norway posted a record trade surplus as exports rose.",
        ),
        # "the White House" is no group of voters
        (
            "The White House said black voters backed the plan by two to one.",
            "Black voters backed the plan by two to one, the White House said.",
        ),
    ],
)
def test_the_same_pole_a_converse_or_a_negated_pole_is_no_opposite(a, b):
    for x, y in ((a, b), (b, a)):
        assert not kinds(x, y) & {"opposite", "counterpart", "uncertain opposite"}, reasons(x, y)


# --- a lead stated as the gap between two shares (changes._resolve_leads) ------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The mayor polls 48 percent to her rival's 41 percent among likely voters.",
            "The mayor has a seven-point lead over her rival among likely voters.",
        ),
        (
            "In the harbour ward the Greens took 36% of the vote and Labour 29%.",
            "The Greens finished seven points ahead of Labour in the harbour ward.",
        ),
    ],
)
def test_a_lead_stated_as_the_gap_between_two_shares_is_no_number_conflict(a, b):
    assert "number" not in kinds(a, b)
    assert "number" not in kinds(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The mayor polls 48 percent to her rival's 41 percent among likely voters.",
            "The mayor has a nine-point lead over her rival among likely voters.",
        ),
        (
            "In the harbour ward the Greens took 36% of the vote and Labour 29%.",
            "The Greens finished 36 points ahead of Labour in the harbour ward.",
        ),
        # a gap "by" another tally is no lead: 67 = 74 - 7, but the tallies differ
        (
            "The assembly passed the housing bill by 74 votes to 7.",
            "The assembly passed the housing bill by 67 votes to 17.",
        ),
    ],
)
def test_another_lead_stays_a_number_conflict(a, b):
    assert "number" in kinds(a, b)
    assert "number" in kinds(b, a)


# --- a negated pole that states the other one (opposites.negated_pole) ----------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "A jury in Leeds acquitted the former care-home manager of fraud on Tuesday.",
            "On Tuesday a Leeds jury found the former care-home manager not guilty of fraud.",
        ),
        (
            "The harbour board's proposal to raise mooring fees was rejected by members.",
            "Members did not accept the harbour board's proposal to raise mooring fees.",
        ),
    ],
)
def test_a_negated_pole_stating_the_other_pole_is_no_negation(a, b):
    assert "negation" not in kinds(a, b)
    assert "negation" not in kinds(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "A jury in Leeds convicted the former care-home manager of fraud on Tuesday.",
            "On Tuesday a Leeds jury found the former care-home manager not guilty of fraud.",
        ),
        # a middle between the poles: not ahead may be level
        (
            "In the latest county poll the mayor is behind her challenger.",
            "In the latest county poll the mayor is not ahead of her challenger.",
        ),
    ],
)
def test_a_negated_pole_against_the_same_pole_stays_a_negation(a, b):
    assert "negation" in kinds(a, b)
    assert "negation" in kinds(b, a)
