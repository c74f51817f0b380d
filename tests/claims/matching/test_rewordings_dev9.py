"""Round 11 of issue 15 (the ninth development set, dev9): related claims on one story. A
vote to ratify against a vote against, a service suspended against resumed, a plea against a
sentence, probation against prison, a recommended step against an ordered one, the missing
against the dead, and, in an otherwise kept sentence, a term of two or more words swapped for
others that share nothing with it (another charge, another measure of the same report). The
sentences are written for these tests."""

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


# -- a term of two or more words swapped in a kept sentence -------------------------------

SWAPS = [
    (
        "The former mayor pleaded guilty to tax evasion over the sale of the city's bus depot.",
        "The former mayor pleaded guilty to insider trading over the sale of the city's bus depot.",
    ),
    (
        "The state's youth unemployment rate edged down in March, the statistics office said.",
        "The state's labour force participation rate edged down in March, the statistics "
        "office said.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SWAPS)
def test_a_term_swapped_in_a_kept_sentence_is_another_claim(a, b):
    assert "changed word" in kinds(a, b)
    assert match_score(a, b).decision == "none"


KEPT = [
    # One word for one word: as often a synonym ("people" / "folks") as another claim.
    (
        "The former mayor pleaded guilty to bribery over the sale of the city's bus depot.",
        "The former mayor pleaded guilty to perjury over the sale of the city's bus depot.",
    ),
    # One direction in two words.
    (
        "The city cut its budget deficit from 4% of output in 2019 to 2.5% in 2023.",
        "The city reduced its budget deficit from 4% of output in 2019 to 2.5% in 2023.",
    ),
    # One change from a figure to another, its noun and verb restated.
    (
        "The region's road spending rose from $40 million to $95 million over the decade.",
        "The region's road budget grew from $40 million to $95 million over the decade.",
    ),
    # A figure's own verb.
    (
        "The savings bond pays 6.5% interest a year to small savers.",
        "The savings bond earns 6.5% interest a year for small savers.",
    ),
    # An inflection and a question.
    (
        "The central bank raised its main rate for the first time in 12 years.",
        "did the central bank raise its main rate for the first time in 12 years",
    ),
]


@pytest.mark.parametrize(("a", "b"), KEPT)
def test_restated_words_in_a_kept_sentence_are_no_changed_word(a, b):
    assert "changed word" not in kinds(a, b)


def test_a_swapped_name_is_left_to_the_entity_detector():
    a = "The former mayor of Leeds pleaded guilty to bribery over the sale of a bus depot."
    b = "The former mayor of York pleaded guilty to bribery over the sale of a bus depot."
    assert "changed word" not in kinds(a, b)
    assert match_score(a, b).decision == "none"
