"""Figures restated another way (issue 15, round 7, dev5): a total and its parts, a span
counted from a year, a change whose start and end stand around a date, and a negated reach
against a bound; each with the near-miss it must keep apart (claims/matching/totals.py,
bounds.py, changes.py, conflicts.py). The sentences are written for these tests."""

from __future__ import annotations

import pytest

from claims.matching import match_score
from claims.matching.conflicts import find_conflicts
from claims.matching.features import features


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in find_conflicts(features(a), features(b))}


# --- a total and its parts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "total"),
    [
        (
            "The ferry was carrying 212 passengers and 19 crew when it ran aground.",
            "All 231 people on the ferry were safe after it ran aground.",
        ),
        (
            "The motion was carried with 31 Labour members and 12 Greens voting for it.",
            "The motion was carried by 43 votes.",
        ),
        (
            "Seven hikers and their guide were rescued from the glacier on Sunday.",
            "Eight people were rescued from the glacier on Sunday.",
        ),
        (
            "Four miners and one engineer were trapped underground after the collapse.",
            "Five workers were trapped underground after the collapse.",
        ),
    ],
)
def test_a_total_against_its_parts_is_no_number_conflict(parts, total):
    assert "number" not in kinds(parts, total)
    assert "number" not in kinds(total, parts)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Parts that add up to another figure.
        (
            "The ferry was carrying 212 passengers and 29 crew when it ran aground.",
            "All 231 people on the ferry were safe after it ran aground.",
        ),
        # A figure that is itself one part of a list.
        (
            "The ferry was carrying 212 passengers and 19 crew when it ran aground.",
            "The ferry was carrying 231 passengers and 19 crew when it ran aground.",
        ),
        # Two counts of different fates: a verb stands between them.
        (
            "The blast killed 12 people and injured 30 others in the market.",
            "The blast killed 42 people in the market.",
        ),
    ],
)
def test_parts_that_are_no_total_stay_a_conflict(a, b):
    assert "number" in kinds(a, b)


# --- a span counted from a year -------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Wheat prices rose 18% in March 2023, the fastest climb since 1993.",
            "Wheat prices rose 18% in March 2023, the fastest climb in three decades.",
        ),
        (
            "The lighthouse was relit in 2021 after standing dark for 44 years.",
            "The lighthouse, dark since 1977, was relit in 2021.",
        ),
        (
            "The club reached the final in 2019, 21 years after its last one.",
            "The club reached the final in 2019; its previous final was in 1998.",
        ),
    ],
)
def test_a_span_counted_from_a_year_is_that_year(a, b):
    # Neither a figure nor a date of one claim only: the span is the year.
    for x, y in ((a, b), (b, a)):
        assert not {"number", "date", "extra number", "extra date"} & kinds(x, y)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Ten years off.
        (
            "Wheat prices rose 18% in March 2023, the fastest climb since 2003.",
            "Wheat prices rose 18% in March 2023, the fastest climb in three decades.",
        ),
        (
            "The lighthouse was relit in 2021 after standing dark for 34 years.",
            "The lighthouse, dark since 1977, was relit in 2021.",
        ),
    ],
)
def test_a_span_from_another_year_is_not_taken_for_it(a, b):
    # The year stays a date of one claim only, shown to the reviewer.
    assert "extra date" in kinds(a, b)


def test_a_rate_per_year_is_no_span_from_a_year():
    # "a year" is a rate here: 1984 stays another year than 1983.
    a = "Funding stayed at the level set in 1983, about a billion dollars a year."
    b = "Funding stayed at the level set in 1984, about a billion dollars a year."
    assert "date" in kinds(a, b)


def test_a_span_with_no_year_to_count_from_infers_nothing():
    # Neither claim says when: "22 years" and "since 1999" are two figures.
    assert "extra number" in kinds(
        "The river has not flooded the town for 22 years.",
        "The river has not flooded the town since 1999.",
    )


# --- a change around a date ------------------------------------------------------------------


def test_a_change_whose_figures_stand_around_a_date_is_its_amount():
    a = "The jobless rate climbed to 6.2 percent in October 2019 from 5.9 percent."
    b = "The jobless rate rose 0.3 of a point in October 2019, to 6.2 percent."
    assert "number" not in kinds(a, b)
    c = "The jobless rate rose 0.5 of a point in October 2019, to 6.2 percent."
    assert "number" in kinds(a, c)


# --- a negated reach against a bound ---------------------------------------------------------


def test_a_failed_reach_is_a_bound_below_the_figure():
    a = "The Greens failed to reach the 5% threshold in the regional vote."
    b = "The Greens won under 5% in the regional vote."
    assert "negation" not in kinds(a, b)
    assert match_score(a, b).decision != "none"


@pytest.mark.parametrize(
    "b",
    [
        "The Greens reached the 5% threshold in the regional vote.",
        "The Greens won more than 5% in the regional vote.",
    ],
)
def test_a_failed_reach_against_a_reach_stays_a_negation(b):
    a = "The Greens failed to reach the 5% threshold in the regional vote."
    assert match_score(a, b).decision == "none" or "negation" in kinds(a, b)
    assert "negation" in kinds(a, b)


def test_a_failed_reach_of_another_figure_stays_a_negation():
    a = "The Greens failed to reach the 5% threshold in the regional vote."
    b = "The Greens won under 3% in the regional vote."
    assert "negation" in kinds(a, b) or "number" in kinds(a, b)


# --- a difference "by" an amount without "from ... to" ---------------------------------------


def test_a_figure_against_the_amount_another_beat_it_by():
    a = "Rice exports reached 4.6 million tonnes in 2022, above the 4.2 million forecast."
    b = "Rice exports of 4.6 million tonnes in 2022 beat the forecast by 0.4 million tonnes."
    assert "number" not in kinds(a, b)
    c = "Rice exports of 4.6 million tonnes in 2022 beat the forecast by 0.9 million tonnes."
    assert "number" in kinds(a, c)


# --- a rate over another period ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The new plant will cost the council $730,000 a year to run.",
            "The new plant will cost the council about $2,000 a day to run.",
        ),
        (
            "The refinery processes 84,000 barrels per week.",
            "The refinery processes 12,000 barrels a day.",
        ),
    ],
)
def test_a_rate_over_another_period_is_the_same_rate(a, b):
    assert not {"number", "changed unit"} & kinds(a, b)


@pytest.mark.parametrize(
    "b",
    [
        "The new plant will cost the council $730,000 a month to run.",
        "The new plant will cost the council about $20,000 a day to run.",
    ],
)
def test_a_rate_that_differs_once_per_day_stays_a_conflict(b):
    a = "The new plant will cost the council $730,000 a year to run."
    assert {"number", "changed unit"} & kinds(a, b)
