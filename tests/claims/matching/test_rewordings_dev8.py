"""Round 10 of issue 15 (the eighth development set, dev8): a figure is no speaker, "a level
not seen since" states a record, a bounded share against a rounded figure on its side, and
the opposites and scopes news uses that the tables lacked (jobs cut / added, a plant opening /
closing, sentenced / acquitted, a chief executive / a finance chief, global / one country).
The sentences are written for these tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.matching import match_score
from claims.matching.conflicts import find_conflicts
from claims.matching.features import features
from claims.matching.quantities import ABOVE, BELOW, HEDGED, Quantity, compatible
from claims.matching.query import framed


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in find_conflicts(features(a), features(b))}


# -- a figure is no speaker --------------------------------------------------------------


def test_a_thousands_comma_before_added_is_no_attribution_frame():
    # "12,000 were added" is not "12" said by a speaker "000" with the cue "added".
    text = "The port's staff will reach about 40,000 after a further 12,000 were added."
    assert framed(text) == (text, "")


def test_a_real_frame_with_added_is_still_removed():
    claim, speaker = framed("The port will hire 12,000 more staff, the harbour master added.")
    assert "harbour master" in speaker.lower()
    assert "harbour" not in claim.lower()


# -- "not seen since" states a record ------------------------------------------------------

RECORDS = [
    (
        "Bread prices rose 14% in March, the steepest increase since 1982.",
        "Bread prices climbed 14 per cent in March, a jump not seen since 1982.",
    ),
    (
        "The river fell to 1.2 metres on Monday, its lowest level in 40 years.",
        "At 1.2 metres on Monday the river was at a level not seen in 40 years.",
    ),
]


@pytest.mark.parametrize(("a", "b"), RECORDS)
def test_a_level_not_seen_since_is_no_negation_against_a_superlative(a, b):
    assert "negation" not in kinds(a, b)


def test_not_seen_without_a_superlative_on_the_other_side_stays_a_negation():
    a = "The missing hiker was seen near the summit on Sunday."
    b = "The missing hiker has not been seen since Sunday near the summit."
    assert "negation" in kinds(a, b)


def test_a_negated_superlative_stays_a_negation():
    a = "Bread prices rose 14% in March, the steepest increase since 1982."
    b = "Bread prices rose 14% in March, not the steepest increase since 1982."
    assert "negation" in kinds(a, b)


# -- a bounded share against a rounded figure ----------------------------------------------

THIRD_BELOW = Quantity(Decimal("33.3"), BELOW, "", reach=Decimal(10))
THIRD_ABOVE = Quantity(Decimal("33.3"), ABOVE, "", reach=Decimal(10))


def test_nearly_a_third_is_about_30_per_cent():
    assert compatible(THIRD_BELOW, Quantity(Decimal(30), HEDGED, "percent"))
    a = "The mill is cutting 900 jobs, about 30% of its staff."
    b = "The mill is cutting 900 jobs, nearly a third of its staff."
    assert "number" not in kinds(a, b)


def test_a_bound_on_the_wrong_side_or_out_of_rounding_stays_a_conflict():
    assert not compatible(THIRD_ABOVE, Quantity(Decimal(30), HEDGED, "percent"))
    assert not compatible(THIRD_BELOW, Quantity(Decimal(25), HEDGED, "percent"))
    a = "The mill is cutting 900 jobs, about 30% of its staff."
    assert "number" in kinds(a, "The mill is cutting 900 jobs, more than a third of its staff.")


# -- opposites and counterparts the tables lacked -----------------------------------------

EDITS = [
    (
        "The carmaker plans to cut about 6,000 jobs at its plants in Spain this year.",
        "The carmaker plans to add about 6,000 jobs at its plants in Spain this year.",
    ),
    (
        "The brewer is laying off 350 workers and closing its bottling plant in Leeds.",
        "The brewer is hiring 350 workers and opening its bottling plant in Leeds.",
    ),
    (
        "Two former bank managers were sentenced to six years in prison for mortgage fraud.",
        "Two former bank managers were acquitted of mortgage fraud.",
    ),
    (
        "The insurer's former chief executive was jailed for four years for false accounting.",
        "The insurer's former chief financial officer was jailed for four years for false "
        "accounting.",
    ),
]


@pytest.mark.parametrize(("a", "b"), EDITS)
def test_the_other_pole_is_another_claim(a, b):
    assert kinds(a, b) & {"opposite", "counterpart", "uncertain opposite"}
    assert match_score(a, b).decision == "none"


SAME_POLE = [
    (
        "The carmaker plans to cut about 6,000 jobs at its plants in Spain this year.",
        "About 6,000 jobs will be axed at the carmaker's Spanish plants this year.",
    ),
    (
        "The insurer's former chief financial officer was jailed for four years.",
        "The insurer's ex-CFO was jailed for four years.",
    ),
    (
        "Two former bank managers were sentenced to six years in prison for mortgage fraud.",
        "Two former bank managers convicted of mortgage fraud got six years in prison.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME_POLE)
def test_the_same_pole_in_other_words_is_no_conflict(a, b):
    assert not kinds(a, b) & {"opposite", "counterpart", "uncertain opposite"}


# -- the whole world against one place -----------------------------------------------------


def test_global_against_one_country_is_a_changed_place():
    a = "Global smartphone shipments fell 4% in the second quarter of 2023."
    b = "Indian smartphone shipments fell 4% in the second quarter of 2023."
    assert "changed place" in kinds(a, b)
    assert match_score(a, b).decision == "none"


def test_global_against_worldwide_is_no_changed_place():
    a = "Global smartphone shipments fell 4% in the second quarter of 2023."
    b = "Worldwide smartphone shipments fell 4% in the second quarter of 2023."
    assert "changed place" not in kinds(a, b)
