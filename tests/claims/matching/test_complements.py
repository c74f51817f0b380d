"""A negated set against all of its complement (claims/matching/complements.py): the same
statement, not a negation; and the negations it must keep. Sentences written for the tests."""

from __future__ import annotations

import pytest

from claims.matching.conflicts import find_conflicts
from claims.matching.features import features


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in find_conflicts(features(a), features(b))}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The ferry fire killed all 23 crew members on board.",
            "None of the 23 crew members on board survived the ferry fire.",
        ),
        (
            "Every member of the committee voted No on the merger.",
            "Not a single member of the committee backed the merger.",
        ),
        (
            "The regulators rejected all four of the bank's appeals.",
            "None of the bank's four appeals was approved by the regulators.",
        ),
    ],
)
def test_none_of_one_pole_is_all_of_the_other(a, b):
    assert not kinds(a, b) & {"negation", "direction"}, kinds(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The same pole negated: a denial.
        (
            "The ferry fire killed all 23 crew members.",
            "None of the 23 crew members were killed in the fire.",
        ),
        # No "all" in the other claim: "some were killed" is not "none survived".
        (
            "The ferry fire killed 23 crew members.",
            "None of the crew members survived the ferry fire.",
        ),
        # A family with a middle: "no company raised prices" is not "all cut them".
        (
            "All the airlines cut their fares in May.",
            "None of the airlines raised their fares in May.",
        ),
    ],
)
def test_other_negations_still_conflict(a, b):
    assert kinds(a, b) & {"negation", "direction"}, kinds(a, b)
