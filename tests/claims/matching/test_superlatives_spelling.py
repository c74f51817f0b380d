"""A negation that states a superlative, and two spellings of one name: neither makes two
claims different; the negations and names that do still do."""

from __future__ import annotations

import pytest

from claims.matching import match_score
from claims.matching.conflicts import find_conflicts, is_soft
from claims.matching.features import features
from claims.matching.spelling import variants
from claims.matching.superlatives import bases, negated_comparisons, superlatives


def conflicts(a: str, b: str) -> tuple[str, ...]:
    return find_conflicts(features(a), features(b))


def kinds(a: str, b: str) -> set[str]:
    return {c.split(":")[0] for c in conflicts(a, b)}


def tokens(text: str) -> tuple[str, ...]:
    return features(text).tokens


@pytest.mark.parametrize(
    ("word", "base"),
    [("highest", "high"), ("hottest", "hot"), ("larger", "large"), ("heaviest", "heavy")],
)
def test_bases_of_comparatives_and_superlatives(word, base):
    assert base in bases(word)


def test_superlatives_read_est_most_and_a_year_high():
    assert "high" in superlatives(tokens("Mortgage rates hit the highest level in a decade."))
    assert "deadly" in superlatives(tokens("It was the most deadly storm since 1990."))
    assert "high" in superlatives(tokens("Mortgage rates are at a 20 year high."))
    assert "high" not in superlatives(tokens("Mortgage rates are high this spring."))


def test_negated_comparison_needs_a_span_of_time():
    assert negated_comparisons(tokens("Rents have not been this high for 12 years.")) == (
        frozenset({"high"}),
    )
    # "not as high as last year" compares with one year, not with all of a span.
    assert negated_comparisons(tokens("Rents are not as high as in Paris.")) == ()


SAME_CLAIM = [
    (
        "Mortgage rates have not been this high for more than 20 years.",
        "Mortgage rates are the highest in more than 20 years.",
    ),
    (
        "No storm this deadly had hit the island in half a century.",
        "The storm was the most deadly to hit the island in half a century.",
    ),
    (
        "No summer since records began was warmer than 2022 in Spain.",
        "2022 was the warmest summer in Spain since records began.",
    ),
    ("Rents have never been this high in the city's history.", "Rents are at a record high."),
]


@pytest.mark.parametrize(("a", "b"), SAME_CLAIM)
def test_negation_stating_a_superlative_is_not_a_negation_conflict(a, b):
    assert "negation" not in kinds(a, b)
    assert "negation" not in kinds(b, a)


DIFFERENT = [
    # The other claim denies the superlative: still a negation.
    (
        "Mortgage rates have not been this high for 20 years.",
        "Mortgage rates are not the highest in 20 years.",
    ),
    # Another adjective: not the same superlative.
    (
        "Mortgage rates have not been this low for 20 years.",
        "Mortgage rates are the highest in 20 years.",
    ),
    # A comparison with one thing, not a span: "not as high as" is "lower than".
    (
        "Mortgage rates are not as high as in Germany this year.",
        "Mortgage rates are the highest in Germany this year.",
    ),
    # A plain inserted negation.
    ("The storm was the deadliest in 50 years.", "The storm was not the deadliest in 50 years."),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_other_negations_still_conflict(a, b):
    assert "negation" in kinds(a, b)
    assert match_score(a, b).decision != "auto"


@pytest.mark.parametrize(
    ("x", "y"),
    [("marrakesh", "marrakech"), ("romania", "rumania"), ("gaddafi", "gadafi")],
)
def test_spelling_variants(x, y):
    assert variants(x, y) and variants(y, x)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("bolton", "boston"),  # l / s do not sound alike
        ("gambia", "zambia"),  # another first letter
        ("slovenia", "slovakia"),  # two letters
        ("austria", "australia"),
        ("iran", "iraq"),  # too short to tell
    ],
)
def test_different_names_are_not_variants(x, y):
    assert not variants(x, y)


def test_a_spelling_variant_is_a_soft_conflict_never_auto_linked():
    a = "The earthquake struck about 70 kilometres south of Marrakesh on Friday night."
    b = "The earthquake struck about 70 kilometres south of Marrakech on Friday night."
    found = conflicts(a, b)
    assert found == ("spelling variant: marrakech / marrakesh",) or found == (
        "spelling variant: marrakesh / marrakech",
    )
    assert all(is_soft(c) for c in found)
    result = match_score(a, b)
    assert result.decision == "suggest"


def test_a_different_place_is_still_a_changed_name():
    a = "The earthquake struck about 70 kilometres south of Marrakesh on Friday night."
    b = "The earthquake struck about 70 kilometres south of Casablanca on Friday night."
    assert {"entity", "changed name"} & kinds(a, b)
    assert match_score(a, b).decision != "auto"


# 2026-12-07: a negation that quantifies the compared set, and "never before" / "the first".
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "No other port in the region handles more container traffic than Rotterdam.",
            "Rotterdam handles the most container traffic of any port in the region.",
        ),
        (
            "No member state has a higher debt ratio than Greece.",
            "Greece has the highest debt ratio of any member state.",
        ),
        (
            "Never before had the airline cancelled every flight in one day.",
            "The airline cancelled every flight in one day for the first time.",
        ),
        (
            "No woman before her had led the central bank.",
            "She was the first woman to lead the central bank.",
        ),
    ],
)
def test_a_negation_stating_a_superlative_or_a_first_is_no_negation(a, b):
    assert "negation" not in kinds(a, b), conflicts(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "not higher than" compares with one thing: still a negation.
        ("Greece's debt ratio is not higher than Italy's.", "Greece has the highest debt ratio."),
        # "not the first" denies it.
        (
            "She was not the first woman to lead the bank.",
            "She was the first woman to lead the bank.",
        ),
        # A set negation without the other claim's superlative stays a negation.
        ("No member state has a higher debt ratio than Greece.", "Greece has a high debt ratio."),
        # "before" without the other claim's "first" stays a negation.
        ("No lender had failed before the crisis.", "A lender failed before the crisis."),
    ],
)
def test_negations_that_state_no_superlative_still_conflict(a, b):
    assert "negation" in kinds(a, b), conflicts(a, b)
