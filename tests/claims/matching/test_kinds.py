"""A conflict is hard only between two values surely of one kind (``kinds.py``): a changed
figure, actor, date or a negated statement the other claim makes. Between values of two
kinds it is "uncertain": shown, never auto-linked, but no veto on a suggestion."""

from __future__ import annotations

import pytest

from claims.matching import match_score
from claims.matching.conflicts import find_conflicts, is_soft
from claims.matching.features import features
from claims.matching.kinds import name_kind


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in find_conflicts(features(a), features(b))}


UNCERTAIN = [
    # Two currencies, two figures: maybe a conversion at the day's rate.
    (
        "number",
        "The club paid $50 million for the striker.",
        "The club paid £41 million for the striker.",
    ),
    # A count against a rate it cannot be a share of.
    (
        "number",
        "The strike was backed by 72 percent of members.",
        "The strike was backed by 4,300 members.",
    ),
    # Two measures with no conversion between them.
    (
        "number",
        "The convoy was on the road for 40 hours.",
        "The convoy was on the road for 900 km.",
    ),
    # A year against a month.
    ("date", "The port reopened to ships in 2021.", "The port reopened to ships in March."),
    # A team against its nickname, a country against a person, in other positions.
    (
        "entity",
        "Italy lost to Spain in the semi-final on penalties.",
        "The Azzurri were beaten by La Roja in a shoot-out in the semi-final.",
    ),
    (
        "entity",
        "The aid package was announced by Prime Minister Rutte on Friday.",
        "On Friday the Netherlands announced its aid package.",
    ),
    # A negation of something the other claim does not state: it may say it another way.
    (
        "negation",
        "Twelve bridges no longer function after the storm.",
        "Twelve bridges were put out of service by the storm.",
    ),
]


@pytest.mark.parametrize(("kind", "a", "b"), UNCERTAIN)
def test_a_conflict_between_values_of_two_kinds_is_uncertain(kind, a, b):
    found = kinds(a, b)
    assert f"uncertain {kind}" in found, found
    assert kind not in found
    assert is_soft(f"uncertain {kind}: ...")


HARD = [
    # The same figure in another currency or unit is a changed unit, not a conversion.
    ("number", "The fine was set at $38 million.", "The fine was set at €38 million."),
    # Two rates, however each is given.
    ("number", "Rates rose by 0.5 percentage points.", "Rates rose by 2 percent."),
    # A figure of 100 or less may be a share ("half" is read as 50).
    (
        "number",
        "The strike was backed by 72 percent of members.",
        "The strike was backed by 60 members.",
    ),
    (
        "number",
        "About 3,000 troops were sent to the border.",
        "About 30,000 troops were sent to the border.",
    ),
    ("date", "The port reopened to ships in 2019.", "The port reopened to ships in 2020."),
    # Two names of one kind, or two names in one position, are two actors.
    (
        "entity",
        "The contract for the new trains went to Siemens.",
        "The new trains will be built by Alstom.",
    ),
    ("entity", "Protesters gathered in Lyon on Sunday.", "Protesters gathered in Paris on Sunday."),
    (
        "entity",
        "The law was signed by Congress and the governor.",
        "The law was signed by Senator Jones and the governor.",
    ),
    # A negation of what the other claim states, or put into an otherwise kept sentence.
    (
        "negation",
        "The budget was not approved by the council in its vote on Tuesday.",
        "On Tuesday the council voted to approve the budget.",
    ),
    (
        "negation",
        "Almost 300 marines were killed in the attack.",
        "Almost 300 marines were not slain in the attack.",
    ),
    ("negation", "Unemployment rose to 3.4 percent.", "Unemployment did not go up to 3.4%."),
]


@pytest.mark.parametrize(("kind", "a", "b"), HARD)
def test_a_conflict_between_values_of_one_kind_stays_hard(kind, a, b):
    found = kinds(a, b)
    assert kind in found, found


def test_name_kinds_come_from_places_capitals_runs_and_titles():
    f = features(
        "Yesterday Prime Minister Rutte said officials of the FDIC were meeting in Kampala."
    )
    assert name_kind("rutte", f) == "person"  # after a title
    assert name_kind("fdic", f) == "org"  # written in capitals
    assert name_kind("kampala", f) == "place"  # after "in"
    f = features("A loan from the Bank of Japan was signed by Kenya with Hans Kluge watching.")
    assert name_kind("japan", f) == "org"  # in a run with "Bank"
    assert name_kind("kenya", f) == "place"  # places.py
    assert name_kind("kluge", f) == "person"  # two plain names
    f = features("The striker moved from Southampton to a bigger club last summer.")
    assert name_kind("southampton", f) == "name"  # no kind known: a town, a club


def test_an_uncertain_conflict_may_be_suggested_but_never_auto_linked():
    a = "The club paid $50 million for the striker from the Portuguese champions."
    b = "The club paid £41 million for the striker from the Portuguese champions."
    result = match_score(a, b)
    assert result.decision == "suggest", result
    assert any(r.startswith("uncertain number") for r in result.reasons)
    # The same pair with one figure changed in one currency is another claim.
    c = "The club paid $60 million for the striker from the Portuguese champions."
    assert match_score(a, c).decision == "none", match_score(a, c)
