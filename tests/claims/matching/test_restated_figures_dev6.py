"""Figures restated another way (issue 15, round 8, dev6): a gap between two figures stated as
an amount ("$4.10, up from $3.95" / "15 cents more"), a share against its remainder ("a
quarter still without power" / "75% restored"); each with the near-miss it must keep apart
(claims/matching/changes.py, remainders.py, conflicts.py). The sentences are written for
these tests."""

from __future__ import annotations

import pytest

from claims.matching import match_score
from claims.matching.conflicts import find_conflicts
from claims.matching.features import features


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in find_conflicts(features(a), features(b))}


# --- a gap stated as an amount -------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # cents against dollars, the gap after the figure
        (
            "A loaf of bread now costs $4.10 at the town bakery, against $3.95 last spring.",
            "Bread at the town bakery costs 15 cents more than last spring, when it was $3.95.",
        ),
        # the gap before the figure, a word of change
        (
            "The bus fare is $2.40, up from $2.25 last year.",
            "The bus fare went up 15 cents this year to $2.40.",
        ),
        # a count short of a forecast
        (
            "The museum drew 61,000 visitors in June, short of the 75,000 it had hoped for.",
            "The museum's June attendance of 61,000 was some 14,000 fewer than it had hoped.",
        ),
        # a rate, the gap in points
        (
            "The harbour city's vacancy rate of 6.2% was well below the 7.5% analysts expected.",
            "Analysts had expected a vacancy rate of 7.5% in the harbour city; it came in 1.3 "
            "points lower.",
        ),
    ],
)
def test_a_gap_stated_as_an_amount_is_no_number_conflict(a, b):
    assert "number" not in kinds(a, b)
    assert "number" not in kinds(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # another gap
        (
            "A loaf of bread now costs $4.10 at the town bakery, against $3.95 last spring.",
            "Bread at the town bakery costs 25 cents more than last spring, when it was $3.95.",
        ),
        # the gap is no amount of change: a plain figure equal to it
        (
            "The museum drew 61,000 visitors in June, short of the 75,000 it had hoped for.",
            "The museum drew 61,000 visitors in June and 14,000 in its first week.",
        ),
        # the gap in percent, not in points
        (
            "The harbour city's vacancy rate of 6.2% was well below the 7.5% analysts expected.",
            "Analysts had expected a vacancy rate of 7.5% in the harbour city; it came in 1.3% "
            "lower.",
        ),
    ],
)
def test_another_gap_stays_a_number_conflict(a, b):
    assert "number" in kinds(a, b)
    assert match_score(a, b).decision != "auto"
