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


# --- a share against its remainder ---------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a word that names the rest
        (
            "The river town's flood barrier is only 35 per cent finished.",
            "Nearly two thirds of the river town's flood barrier is still outstanding, "
            "with the rest yet to be built.",
        ),
        # a negation the other claim lacks
        (
            "Power has been restored to 75 per cent of homes on the island.",
            "A quarter of the island's homes still do not have power.",
        ),
        # "un-" before a word the other claim gives
        (
            "Only 40 per cent of the county's roads have been cleared of snow.",
            "Three fifths of the county's roads remain uncleared of snow.",
        ),
        # a bound turned round
        (
            "Fewer than 5 per cent of the league's players are left-handed.",
            "More than 95% of the league's players throw with a hand other than the left.",
        ),
    ],
)
def test_a_share_against_its_remainder_is_one_figure(a, b):
    found = kinds(a, b)
    assert "number" not in found
    assert "negation" not in found
    assert "direction" not in found


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # no word says either claim counts the rest
        (
            "Power has been restored to 75 per cent of homes on the island.",
            "Power has been restored to 25 per cent of homes on the island.",
        ),
        # both claims count the rest
        (
            "Two thirds of the seats in the new stadium remain empty.",
            "A third of the seats in the new stadium remain empty.",
        ),
        # shares that do not add up to the whole
        (
            "Power has been restored to 75 per cent of homes on the island.",
            "A third of the island's homes still do not have power.",
        ),
    ],
)
def test_a_share_that_is_no_remainder_stays_a_conflict(a, b):
    assert {"number", "negation"} & kinds(a, b)
    assert match_score(a, b).decision != "auto"


# --- a half-year, a few more names -------------------------------------------------------


def test_the_first_half_of_a_year_is_its_first_six_months():
    a = "The brewer sold 3.1 million barrels in the first half of 2019."
    b = "In the first six months of 2019 the brewer sold 3.1 million barrels."
    assert "number" not in kinds(a, b)
    # Another period stays another figure; a half of anything else is no period.
    assert "number" in kinds(
        a, "In the first nine months of 2019 the brewer sold 3.1 million barrels."
    )
    assert "number" in kinds(
        "Half of the brewer's barrels were sold abroad in 2019.",
        "A third of the brewer's barrels were sold abroad in 2019.",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The UAE pledged $2 billion to the regional development fund.",
            "The Emirates pledged two billion dollars to the regional development fund.",
        ),
        (
            "The Postal Service delivered 1.1 billion parcels over the holiday season.",
            "The USPS delivered 1.1 billion parcels over the holiday season.",
        ),
    ],
)
def test_a_body_named_another_way_is_no_entity_conflict(a, b):
    assert not {"entity", "uncertain entity"} & kinds(a, b)


def test_another_country_of_the_gulf_stays_an_entity_conflict():
    a = "The UAE pledged $2 billion to the regional development fund."
    b = "Bahrain pledged $2 billion to the regional development fund."
    assert {"entity", "uncertain entity", "changed name"} & kinds(a, b)
    assert match_score(a, b).decision == "none"


# --- a number in a name, speeds, a fall in other words -------------------------------------


def test_a_number_joined_to_a_name_is_no_figure():
    a = "Two thirds of the town's adults have had a Covid-19 booster."
    b = "Two thirds of the town's adults have had a booster against the coronavirus."
    assert "number" not in kinds(a, b)
    assert "extra number" not in kinds(a, b)
    # A year after a hyphen is still a date; a figure before a hyphen still a figure.
    assert "date" in kinds(
        "The plant closed in mid-2019 after a fire.", "The plant closed in mid-2018 after a fire."
    )
    assert "number" in kinds(
        "The council approved a 5-year plan for the harbour.",
        "The council approved a 7-year plan for the harbour.",
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Gusts reached 90 mph on the coast.", "Gusts of about 145 km/h hit the coast.", True),
        (
            "Gusts reached 90 mph on the coast.",
            "Gusts of about 145 kilometres per hour hit the coast.",
            True,
        ),
        ("Gusts reached 90 mph on the coast.", "Gusts of 78 knots hit the coast.", True),
        ("Gusts reached 90 mph on the coast.", "Gusts of about 90 km/h hit the coast.", False),
    ],
)
def test_speeds_in_two_units_are_compared_converted(a, b, same):
    assert ("number" not in kinds(a, b)) is same


def test_slipped_is_a_fall():
    a = "The jobless rate fell to 4.2% in May while wages rose 3%."
    b = "Wages rose 3% in May and the jobless rate slipped to 4.2%."
    assert "direction" not in kinds(a, b)
    assert "direction" in kinds(
        "The jobless rate rose to 4.2% in May.", "The jobless rate slipped to 4.2% in May."
    )


# --- a negated comparison that states a superlative ----------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # irregular: "worst" / "as bad as", under a negation of the whole set
        (
            "The storm was the worst to hit the valley in more than 30 years.",
            "No storm in over three decades had been as bad for the valley as this one.",
        ),
        # "nowhere" negates a set of places
        (
            "The harbour city has the most expensive rents in the country.",
            "Nowhere in the country are rents pricier than in the harbour city.",
        ),
        # size: "largest" / "this many"
        (
            "It is the largest layoff at the mill since it opened in 1961.",
            "The mill has not laid off this many workers in the six decades it has operated.",
        ),
    ],
)
def test_a_negated_comparison_that_states_a_superlative_is_no_negation(a, b):
    assert not {"negation", "uncertain negation"} & kinds(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a comparison with one thing, not with a set or a span
        (
            "The storm was the worst to hit the valley in more than 30 years.",
            "The storm was not as bad for the valley as last winter's.",
        ),
        # the superlative itself negated
        (
            "The storm was the worst to hit the valley in more than 30 years.",
            "The storm was not the worst to hit the valley in more than 30 years.",
        ),
    ],
)
def test_a_negated_comparison_with_one_thing_stays_a_negation(a, b):
    assert {"negation", "uncertain negation"} & kinds(a, b)
