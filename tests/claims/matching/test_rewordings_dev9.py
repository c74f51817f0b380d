"""Round 11 of issue 15 (the ninth development set, dev9): related claims on one story. A
vote to ratify against a vote against, a service suspended against resumed, a plea against a
sentence, probation against prison, a recommended step against an ordered one, the missing
against the dead. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from claims.matching import match_score
from claims.matching.conflicts import find_conflicts
from claims.matching.features import features


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in find_conflicts(features(a), features(b))}


# -- opposites and steps of one story the tables lacked -------------------------------------

EDITS = [
    (
        "Dock workers voted 410-95 to ratify the port's new pay deal after a two-week strike.",
        "Dock workers voted 410-95 to reject the port's new pay deal after a two-week strike.",
    ),
    (
        "Nurses at the county hospital voted against the board's final contract offer.",
        "Nurses at the county hospital voted to accept the board's final contract offer.",
    ),
    (
        "The ferry operator suspended its crossings between Dover and Calais on Monday.",
        "The ferry operator resumed its crossings between Dover and Calais on Monday.",
    ),
    (
        "A former school treasurer pleaded guilty to stealing $80,000 from the parents' fund.",
        "A former school treasurer was sentenced to two years for stealing $80,000 from the "
        "parents' fund.",
    ),
    (
        "The landlord was sentenced to 18 months in prison for ignoring fire safety orders.",
        "The landlord was sentenced to 18 months of probation for ignoring fire safety orders.",
    ),
    (
        "The aviation regulator recommended that airlines inspect the engine mounts of 300 "
        "older jets.",
        "The aviation regulator ordered airlines to inspect the engine mounts of 300 older jets.",
    ),
    (
        "At least 23 people were killed when floodwaters swept through the valley villages.",
        "At least 23 people were missing after floodwaters swept through the valley villages.",
    ),
]


@pytest.mark.parametrize(("a", "b"), EDITS)
def test_the_other_pole_or_step_is_another_claim(a, b):
    assert kinds(a, b) & {"opposite", "counterpart", "uncertain opposite", "uncertain counterpart"}
    assert match_score(a, b).decision == "none"


SAME_POLE = [
    (
        "Dock workers voted 410-95 to ratify the port's new pay deal after a two-week strike.",
        "The port's new pay deal was approved 410 to 95 by dock workers ending a two-week strike.",
    ),
    (
        "The ferry operator suspended its crossings between Dover and Calais on Monday.",
        "Crossings between Dover and Calais were halted by the ferry operator on Monday.",
    ),
    (
        "The landlord was sentenced to 18 months in prison for ignoring fire safety orders.",
        "A landlord who ignored fire safety orders got 18 months in jail.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME_POLE)
def test_the_same_pole_in_other_words_is_no_conflict(a, b):
    assert not kinds(a, b) & {"opposite", "counterpart", "uncertain opposite"}
