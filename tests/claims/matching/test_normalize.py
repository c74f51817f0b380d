"""Normalization: what a reader treats as the same is written the same."""

import pytest

from claims.matching import normalize


@pytest.mark.parametrize(
    "variants",
    [
        ["14 million", "fourteen million", "14m", "14mn", "14,000,000", "14 000 000"],
        ["820,000", "820 000", "820k", "eight hundred and twenty thousand"],
        ["3.4%", "3.4 percent", "3.4 per cent", "3.40 pct"],
        ["$20m", "20 million dollars", "USD 20 million", "US$20 million", "$20,000,000"],
        ["the UK", "Britain", "the United Kingdom", "Great Britain", "U.K."],
        ["the EU", "the Union", "the European Union", "E.U."],
        ["the US", "the U.S.", "the United States", "the United States of America", "USA"],
        ["1.5 billion", "1.5bn", "1,500,000,000"],
        ["twenty-five", "25"],
    ],
)
def test_equivalent_spellings_normalize_alike(variants):
    forms = {normalize(f"They said {v} was the figure.") for v in variants}
    assert len(forms) == 1, forms


def test_different_numbers_stay_different():
    assert normalize("14 million") != normalize("15 million")
    assert normalize("820,000") != normalize("82,000")
    assert normalize("3.4 percent") != normalize("3.4 million")


def test_case_punctuation_quotes_and_contractions():
    assert normalize("Palantir’s software DOESN’T predict “enemy” movements!") == (
        "palantir software does not predict enemy movements"
    )
    assert normalize("They can't.") == normalize("they cannot") == "they can not"


def test_pronoun_us_is_not_the_country():
    assert normalize("let us go") == "let us go"
    assert normalize("the US economy") == "usa economy"


def test_lone_one_stays_a_word_but_compounds_become_numbers():
    assert normalize("no one knows") == "no one knows"
    assert normalize("one hundred and six") == "106"
    assert normalize("a million people") == "1000000 people"


def test_place_names_with_america_in_them_are_not_the_usa():
    assert normalize("Latin America") == "latin america"
    assert normalize("South America") == "south america"
