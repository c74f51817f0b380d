"""Figures written another way: currencies and Indian scales, units and their conversions,
percentage and basis points, hedges that bound a figure, ranges, multiples, ordinals and vague
amounts; and the real figure conflicts those rules must keep (claims/matching/quantities.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.matching.conflicts import find_conflicts
from claims.matching.features import features
from claims.matching.normalize import normalize
from claims.matching.quantities import (
    ABOVE,
    BELOW,
    EXACT,
    IMPLIED,
    VAGUE,
    Quantity,
    compatible,
)


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in find_conflicts(features(a), features(b))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rs 4.3 lakh crore", "inr 4300000000000"),
        ("₹4.3 trillion", "inr 4300000000000"),
        ("Rs. 650 crore", "inr 6500000000"),
        ("650 crore rupees", "inr 6500000000"),
        ("₹6,50,00,00,000", "inr 6500000000"),  # lakh digit groups
        ("Rs 3,25,000", "inr 325000"),
        ("N12.6trn", "ngn 12600000000000"),
        ("12.6 trillion naira", "ngn 12600000000000"),
        ("₦12.6tn", "ngn 12600000000000"),
        ("one and a half million", "1500000"),
        ("three and a half thousand", "3500"),
        ("four point two billion", "4200000000"),
        ("seven and a half per cent", "7.5 percent"),
        ("1,200 km²", "1200 square km"),
        ("31.5 °C", "31.5 degrees celsius"),
        ("88.7°F", "88.7 degrees fahrenheit"),
        ("between 20-25 percent", "between 20 to 25 percent"),
    ],
)
def test_currencies_scales_and_units_are_canonical(text, expected):
    assert normalize(text) == expected
    assert normalize(normalize(text)) == normalize(text)


def test_a_hyphen_between_words_or_a_capital_n_word_is_left_alone():
    assert normalize("a 7-2 vote") == "a 7 to 2 vote"
    assert normalize("COVID-19 cases") == "covid 19 cases"
    assert normalize("Nations agreed") == "nations agreed"


SAME = [
    # currencies, Indian and Nigerian scales
    (
        "The state set aside Rs 4.3 lakh crore for roads.",
        "The state set aside ₹4.3 trillion for roads.",
    ),
    ("The scheme pays up to Rs 3 lakh a family.", "The scheme pays up to ₹300,000 a family."),
    (
        "Lagos approved a N3.3trn budget for next year.",
        "Lagos approved a 3.3 trillion naira budget for next year.",
    ),
    ("The levy is $0.42 per gallon.", "The levy is 42 cents per gallon."),
    # basis points and percentage points
    (
        "The bank cut rates by 25 basis points.",
        "The bank cut rates by a quarter of a percentage point.",
    ),
    (
        "The bank raised rates by 75 basis points.",
        "The bank raised rates by three-quarters of a percentage point.",
    ),
    ("The bank raised rates by 0.5 percentage points.", "The bank raised rates by 50bp."),
    ("The bank raised rates by half a percentage point.", "Rates went up 0.5 points."),
    ("Floods hit 32 of the 35 districts.", "Floods hit 32 out of 35 districts."),
    # units converted
    (
        "The blaze scorched 12,000 acres of forest.",
        "The blaze scorched about 4,900 hectares of forest.",
    ),
    ("The reservoir covers 26 square kilometres.", "The reservoir covers 2,600 hectares."),
    ("The storm surge reached 3 metres.", "The storm surge reached nearly 10 feet."),
    ("Sea levels rose by 21 centimetres.", "Sea levels rose by 210 millimetres."),
    ("The glacier shed 30 gigatons of ice.", "The glacier shed 30 billion tonnes of ice."),
    (
        "The city recorded 40.3 °C on Tuesday.",
        "The city recorded 104.5 degrees Fahrenheit on Tuesday.",
    ),
    (
        "The planet has warmed by 1.1 degrees Celsius.",
        "The planet has warmed by about 2 degrees Fahrenheit.",
    ),
    ("The strike lasted 18 months.", "The strike lasted a year and a half."),
    ("The mine has been shut for a quarter of a century.", "The mine has been shut for 25 years."),
    ("The case took 11 months.", "The case took nearly a year."),
    # hedges that bound a figure
    ("Officials counted 8,460 ballots.", "Officials counted more than 8,400 ballots."),
    ("Officials counted 8,460 ballots.", "Officials counted almost 8,500 ballots."),
    ("The flood displaced 13 families.", "The flood displaced more than a dozen families."),
    ("The index closed 4.62 percent lower.", "The index closed 4.6 percent lower."),
    # fractions, shares, multiples, ordinals, vague amounts
    ("Seven out of ten nurses backed the strike.", "70% of nurses backed the strike."),
    ("Three in every 100 loans defaulted.", "3 percent of loans defaulted."),
    ("The fine equals two-tenths of one percent of sales.", "The fine equals 0.2% of sales."),
    ("Rents doubled in the city over ten years.", "Rents rose 100% in the city over ten years."),
    (
        "Rents tripled in the city over ten years.",
        "Rents rose by 200 per cent in the city over ten years.",
    ),
    ("It was the council's ninth budget vote.", "It was the council's 9th budget vote."),
    ("The mayor won her sixty-second vote.", "The mayor won her 62nd vote."),
    ("The clashes injured 35,000 people.", "The clashes injured tens of thousands of people."),
    ("Rebels seized 48 villages in the region.", "Rebels seized dozens of villages in the region."),
    ("The club paid a half-million-pound fee.", "The club paid a £500,000 fee."),
    ("Rates are between 4 and 4.25 per cent.", "Rates are 4-4.25%."),
    (
        "The ocean could rise between 0.3 and 0.6 metres.",
        "The ocean could rise 30 to 60 centimetres.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_figure_written_two_ways_does_not_conflict(a, b):
    found = kinds(a, b)
    assert "number" not in found and "extra number" not in found, find_conflicts(
        features(a), features(b)
    )


DIFFERENT = [
    (
        "The state set aside Rs 4.3 lakh crore for roads.",
        "The state set aside Rs 4.3 crore for roads.",
    ),
    ("Lagos approved a N3.3trn budget.", "Lagos approved a N3.3bn budget."),
    ("The regulator fined the bank €120 million.", "The regulator fined the bank $120 million."),
    ("The regulator fined the bank £12 million.", "The regulator fined the bank £12 billion."),
    ("Unemployment rose by 2 percentage points.", "Unemployment rose by 2 percent."),
    ("The index fell 3.1 percent on Monday.", "The index fell 3.1 points on Monday."),
    ("Rates went up 0.5 points.", "Rates went up 0.5 percent."),
    ("Floods hit 32 of the 35 districts.", "Floods hit 23 out of 35 districts."),
    ("One out of 6 residents lives in poverty.", "One out of 16 residents lives in poverty."),
    ("2 out of 6 residents live in poverty.", "2 out of 16 residents live in poverty."),
    ("The bank cut rates by 25 basis points.", "The bank cut rates by half a percentage point."),
    ("The blaze scorched 12,000 acres of forest.", "The blaze scorched 12,000 hectares of forest."),
    ("Sea levels rose by 21 centimetres.", "Sea levels rose by 21 millimetres."),
    ("The city recorded 40.3 °C on Tuesday.", "The city recorded 40.3 °F on Tuesday."),
    ("The strike lasted 18 months.", "The strike lasted two years."),
    ("Officials counted 8,460 ballots.", "Officials counted more than 8,500 ballots."),
    ("Officials counted 8,460 ballots.", "Officials counted almost 8,400 ballots."),
    ("Officials counted 8,460 ballots.", "Officials counted 8,000 ballots."),
    ("More than 1,000 people left.", "Fewer than 1,000 people left."),
    ("Rents doubled in the city over ten years.", "Rents rose 50% in the city over ten years."),
    ("It was the council's ninth budget vote.", "It was the council's eighth budget vote."),
    ("The clashes injured 3,500 people.", "The clashes injured tens of thousands of people."),
    ("Seven out of ten nurses backed the strike.", "Seven out of twenty nurses backed the strike."),
    ("Rates are 4.1 per cent.", "Rates are 4.7 per cent."),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_a_real_figure_conflict_stays_a_conflict(a, b):
    assert "number" in kinds(a, b), find_conflicts(features(a), features(b))


def test_an_unstated_multiple_or_ordinal_is_no_extra_figure():
    # "nearly doubles" says nothing the figures do not: not a figure in one claim only.
    a = "Spending nearly doubles to $95m from $49m."
    b = "Spending rises to $95m from $49m."
    assert not {k for k in kinds(a, b) if "number" in k}
    assert not kinds("It was the club's fourth title.", "It was a title for the club.") & {
        "extra number"
    }


def test_a_bound_is_no_direction():
    # "more than 2,000" bounds the figure; the fall is "down" / "shed".
    a = "The index closed down 2,013 points at 23,851."
    b = "The index shed more than 2,000 points to close at 23,851."
    assert "direction" not in kinds(a, b)
    assert "direction" in kinds("Over 40,000 people left.", "Fewer than 40,000 people left.")


def test_compatible_reads_kinds_and_units():
    assert compatible(Quantity(Decimal(111000), ABOVE), Quantity(Decimal(111693)))
    assert not compatible(Quantity(Decimal(111000), ABOVE), Quantity(Decimal(110693)))
    assert compatible(Quantity(Decimal(33000), BELOW), Quantity(Decimal(32705)))
    assert not compatible(Quantity(Decimal(33000), BELOW), Quantity(Decimal(33100)))
    assert compatible(Quantity(Decimal(20000), VAGUE, "", Decimal(99999)), Quantity(Decimal(40000)))
    assert compatible(
        Quantity(Decimal(2), IMPLIED, "times"), Quantity(Decimal(100), EXACT, "percent")
    )
    assert not compatible(
        Quantity(Decimal(5), EXACT, "percent"), Quantity(Decimal(5), EXACT, "point")
    )
    assert compatible(
        Quantity(Decimal(25), EXACT, "basis point"),
        Quantity(Decimal("0.25"), EXACT, "percentage point"),
    )
    # A figure without a unit is compared by value.
    assert compatible(Quantity(Decimal(5), EXACT, "percent"), Quantity(Decimal(5)))


# Figures in two units of one measure, converted (hours, minutes and fortnights too; a hedged
# figure rounds by half a step): no figure conflict, and the unit words are no "changed unit".
CONVERTED = [
    ("The ferry service has run for three decades.", "The ferry service has run for 30 years."),
    ("The siege of the port lasted 48 hours.", "The siege of the port lasted two days."),
    (
        "Talks on the budget dragged on for a fortnight.",
        "Talks on the budget dragged on for two weeks.",
    ),
    (
        "The outage lasted 90 minutes across the region.",
        "The outage lasted an hour and a half across the region.",
    ),
    ("Water rose 1 metre in the old town.", "Water rose about 3 feet in the old town."),
    ("The queue of lorries stretched 10 km.", "The queue of lorries stretched about 6 miles."),
    (
        "Ministers met for the summit six months ago.",
        "Ministers met for the summit half a year ago.",
    ),
]


@pytest.mark.parametrize(("a", "b"), CONVERTED)
def test_a_figure_converted_to_another_unit_is_no_conflict(a, b):
    assert not find_conflicts(features(a), features(b))


MEASURED_APART = [
    ("The siege of the port lasted 48 hours.", "The siege of the port lasted three days."),
    ("The queue of lorries stretched 10 km.", "The queue of lorries stretched 10 miles."),
    ("Water rose about 3 feet in the old town.", "Water rose 2 metres in the old town."),
    (
        "Talks on the budget dragged on for a fortnight.",
        "Talks on the budget dragged on for three weeks.",
    ),
]


@pytest.mark.parametrize(("a", "b"), MEASURED_APART)
def test_a_converted_figure_that_differs_stays_a_conflict(a, b):
    assert "number" in kinds(a, b), find_conflicts(features(a), features(b))


def test_a_unit_without_a_figure_is_still_a_changed_unit():
    a, b = (
        "The clinic opens every day for walk-in patients.",
        "The clinic opens every week for walk-in patients.",
    )
    assert "changed unit" in kinds(a, b)


def test_one_figure_in_two_temperature_units_is_still_a_changed_unit():
    a = "The heatwave pushed the regional average up by 0.2 degrees Celsius."
    b = "The heatwave pushed the regional average up by 0.2 degrees Fahrenheit."
    assert find_conflicts(features(a), features(b))


# A share of a stated total in one claim, the count it makes in the other.
SHARE_AND_COUNT = [
    (
        "The breach exposed the data of 4% of the bank's 50 million clients.",
        "About two million of the bank's 50 million clients had their data exposed.",
    ),
    (
        "Some 12 per cent of its 3,400 staff will lose their jobs, the firm said.",
        "The firm will cut about 400 of its 3,400 staff.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SHARE_AND_COUNT)
def test_a_share_of_a_total_is_the_count_it_makes(a, b):
    assert "number" not in kinds(a, b), find_conflicts(features(a), features(b))


def test_a_count_the_share_does_not_make_stays_a_conflict():
    a = "The breach exposed the data of 4% of the bank's 50 million clients."
    b = "About five million of the bank's 50 million clients had their data exposed."
    assert "number" in kinds(a, b)
    # "4%" is 3.5-4.5%: 2.4 million is outside it, an exact 2.1 million inside.
    b = "The data of 2.4 million of the bank's 50 million clients was exposed."
    assert "number" in kinds(a, b)
    b = "The data of 2.1 million of the bank's 50 million clients was exposed."
    assert "number" not in kinds(a, b)


# General forms of a figure: a span of time named by its unit, half bounded by a hedge.
SPANS_AND_HALVES = [
    (
        "Rents have risen over the past decade in every district of the city.",
        "Rents have risen over the last ten years in every district of the city.",
    ),
    (
        "The new drug cut relapses by more than half in the trial.",
        "Relapses fell by over 50% among patients on the new drug in the trial.",
    ),
    (
        "Nearly half of the region's farms have no access to broadband.",
        "Some 48% of the region's farms have no access to broadband.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SPANS_AND_HALVES)
def test_a_span_or_a_bounded_half_is_the_figure_it_names(a, b):
    assert not find_conflicts(features(a), features(b))


def test_a_span_or_a_bounded_half_still_conflicts_with_another_figure():
    a = "Rents have risen over the past decade in every district of the city."
    assert "number" in kinds(a, a.replace("the past decade", "the past five years"))
    a = "The new drug cut relapses by more than half in the trial."
    assert "number" in kinds(a, "The new drug cut relapses by 30% in the trial.")


# --- 2026-12-07: forms found on the second development set (general English and units) ---


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "past" before a figure bounds it from below, as "passed" does.
        ("The flood toll rose to 2,317 on Friday.", "The flood toll climbed past 2,300 on Friday."),
        # A nautical mile is 1.852 km.
        (
            "The tanker sank 30 nautical miles off the cape.",
            "The tanker sank some 56 km off the cape.",
        ),
        # A change and its amount: "from X to Y" is "by Y - X to Y".
        (
            "The council raised the fee from 40 to 55 dollars.",
            "The council raised the fee by 15 dollars to 55.",
        ),
        (
            "The bank cut its rate from 4.5% to 4.25%.",
            "The bank cut its rate by a quarter point to 4.25%.",
        ),
        (
            "The pension age rises to 67 from 66 in 2028.",
            "The pension age rises by one year to 67 in 2028.",
        ),
    ],
)
def test_figures_said_another_way_do_not_conflict(a, b):
    assert not kinds(a, b) & {"number", "changed unit"}, kinds(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "the past 5 years" is a span, not a bound: 5 and 7 stay two figures.
        ("Prices rose in the past 5 years.", "Prices rose in the past 7 years."),
        # A change by another amount is another claim.
        (
            "The council raised the fee from 40 to 55 dollars.",
            "The council raised the fee by 20 dollars to 55.",
        ),
        (
            "The bank cut its rate from 4.5% to 4%.",
            "The bank cut its rate by a quarter point to 4%.",
        ),
        # "the first" against "the second" is another ordinal.
        (
            "It was the first strike in the union's history.",
            "It was the second strike in the union's history.",
        ),
        # Nautical miles and kilometres: the figures decide.
        ("The tanker sank 30 nautical miles off the cape.", "The tanker sank 30 km off the cape."),
    ],
)
def test_other_figures_still_conflict(a, b):
    assert "number" in kinds(a, b), kinds(a, b)


def test_first_is_an_ordinal_only_after_the_or_its_and_never_a_figure_of_its_own():
    assert (
        kinds("It was the first strike in a decade.", "It was a strike, the only one in a decade.")
        == set()
    )
    assert Quantity(Decimal(1), IMPLIED, "") in features("It was the first strike.").quantities
    assert not features("First, the union voted.").quantities


def test_a_unit_in_the_singular_of_a_compound_is_the_same_unit():
    assert "changed unit" not in kinds(
        "The city declared two days of mourning after the fire.",
        "The city declared a two-day period of mourning after the fire.",
    )
    assert "changed unit" in kinds(
        "The city declared two days of mourning after the fire.",
        "The city declared two weeks of mourning after the fire.",
    )
