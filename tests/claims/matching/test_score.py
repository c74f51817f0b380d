"""match_score: paraphrases match; claims a fact-checker would check separately never auto-link."""

import re
from pathlib import Path

import pytest

from claims.matching import (
    DEFAULT_AUTO_THRESHOLD,
    DEFAULT_SUGGEST_THRESHOLD,
    match_score,
    thresholds,
)

SEED_ARTICLE = (
    Path(__file__).resolve().parents[4] / "shared" / "fixtures" / ("seed-article-buffer-zone.txt")
)


def seed_sentence(fragment: str) -> str:
    """The sentence of the seed article that contains ``fragment`` (read at test time)."""
    for line in SEED_ARTICLE.read_text(encoding="utf-8").splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+|(?<=[.!?][”\"])\s+", line.strip()):
            if fragment in sentence:
                return sentence
    raise AssertionError(f"seed article has no sentence with {fragment!r}")


# (claim, the same claim with one checkable difference, kind of conflict)
CONFLICTS = [
    (
        "Palantir's software predicts enemy movements for the Ukrainian army in real time",
        "Palantir's software does not predict enemy movements for the Ukrainian army in real time",
        "negation",
    ),
    (
        "Palantir's software predicts enemy movements for the Ukrainian army in real time",
        "Palantir's software never predicts enemy movements for the Ukrainian army in real time",
        "negation",
    ),
    (
        "Ukraine isn't a NATO member and cannot rely on the protection of Article 5",
        "Ukraine is a NATO member and can rely on the protection of Article 5",
        "negation",
    ),
    (
        "Last year the national unemployment rate rose to 3.4 percent, the ministry said",
        "Last year the national unemployment rate rose to 2.1 percent, the ministry said",
        "number",
    ),
    (
        "Last year the national unemployment rate rose to 3.4 percent, the ministry said",
        "Last year the national unemployment rate fell to 3.4 percent, the ministry said",
        "direction",
    ),
    (
        "The number of migrants crossing the border increased sharply in the last twelve months",
        "The number of migrants crossing the border decreased sharply in the last twelve months",
        "direction",
    ),
    (
        "There are more teachers in public schools today than there were ten years ago",
        "There are fewer teachers in public schools today than there were ten years ago",
        "direction",
    ),
    (
        "The American company, founded by Peter Thiel and led by Alexander Karp, sells software",
        "The American company, founded by Alexander Karp and led by Peter Thiel, sells software",
        "roles",
    ),
    (
        "Imports of steel from China to the United States doubled over the past decade",
        "Imports of steel from the United States to China doubled over the past decade",
        "roles",
    ),
    (
        "An armed truce has been in place on the Korean Peninsula since 1953, officials said",
        "An armed truce has been in place on the Korean Peninsula since 1963, officials said",
        "date",
    ),
    (
        "London and Paris have already expressed willingness to send troops to western Ukraine",
        "London and Berlin have already expressed willingness to send troops to western Ukraine",
        "entity",
    ),
    (
        "Germany and Italy are pressing for clarity on the chain of command of the mission",
        "Germany and Spain are pressing for clarity on the chain of command of the mission",
        "entity",
    ),
]


@pytest.mark.parametrize(("a", "b", "kind"), CONFLICTS)
def test_a_conflict_is_never_auto_linked(a, b, kind):
    for x, y in ((a, b), (b, a)):
        result = match_score(x, y)
        assert result.decision != "auto"
        assert result.score < DEFAULT_AUTO_THRESHOLD
        assert any(r.startswith(kind) for r in result.reasons), result.reasons


@pytest.mark.parametrize(("a", "b", "kind"), CONFLICTS)
def test_a_conflict_is_never_auto_linked_even_with_a_low_auto_threshold(a, b, kind):
    result = match_score(a, b, suggest_threshold=0.1, auto_threshold=0.2)
    assert result.decision == "suggest"
    assert result.score < 0.2


def test_number_format_and_alias_differences_are_not_conflicts():
    a = "The UK gave Ukraine $20m in military aid in 2023, up 14% on the year before"
    b = (
        "In 2023 Britain gave Ukraine 20 million dollars in military aid, "
        "up 14 percent on the year before"
    )
    result = match_score(a, b)
    assert result.decision == "auto", result
    assert not result.reasons


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Taxes went up.", "Taxes went up."),
        ("Palantir predicts enemy movements", "Palantir predicts enemy movements."),
        ("The EU is divided", "The European Union is divided"),
    ],
)
def test_short_claims_are_never_auto_linked(a, b):
    result = match_score(a, b, suggest_threshold=0.1, auto_threshold=0.5)
    assert result.decision == "suggest"
    assert any(r.startswith("short claim") for r in result.reasons)


def test_a_claim_whose_subject_is_a_pronoun_is_never_auto_linked():
    # "Google said it would cut ..." and "Meta said it would cut ...": the claims read the
    # same once the frames are gone, but "it" is two companies.
    a = "it would cut 12,000 jobs, about 6% of its workforce"
    result = match_score(a, a)
    assert result.decision == "suggest", result
    assert any(r.startswith("pronoun subject") for r in result.reasons)
    named = "Google would cut 12,000 jobs, about 6% of its workforce"
    assert match_score(named, named).decision == "auto"


# Short paraphrases that only say a change or a bound in other words ("rose" / "went up",
# "more than" / "over"): at least a suggestion, never auto-linked (under 8 words).
SHORT_SYNONYMS = [
    ("Unemployment rose to 3.4 percent.", "Unemployment went up to 3.4%."),
    ("Prices fell by 10 percent.", "Prices went down 10%."),
    ("Exports dropped to 2 billion euros.", "Exports declined to 2bn euros."),
    ("Wages climbed 3 percent.", "Wages grew by 3%."),
    ("Rents have gone up annually.", "Rents increased every year."),
    ("Over 40,000 people left.", "More than forty thousand people left."),
    ("Fewer than 500 remained.", "Under 500 remained."),
]


@pytest.mark.parametrize(("a", "b"), SHORT_SYNONYMS)
def test_short_paraphrases_in_other_words_are_suggested_not_auto_linked(a, b):
    for x, y in ((a, b), (b, a)):
        result = match_score(x, y)
        assert result.decision == "suggest", result
        assert any(r.startswith("short claim") for r in result.reasons)


# The same pairs with a checkable difference: synonyms must not hide it.
SHORT_SYNONYM_CONFLICTS = [
    ("Unemployment rose to 3.4 percent.", "Unemployment went down to 3.4%.", "direction"),
    ("Unemployment rose to 3.4 percent.", "Unemployment went up to 2.1%.", "number"),
    ("Unemployment rose to 3.4 percent.", "Unemployment did not go up to 3.4%.", "negation"),
    ("Prices fell by 10 percent.", "Prices went up 10%.", "direction"),
    ("Over 40,000 people left.", "Fewer than 40,000 people left.", "direction"),
]


@pytest.mark.parametrize(("a", "b", "kind"), SHORT_SYNONYM_CONFLICTS)
def test_synonyms_never_hide_a_conflict(a, b, kind):
    for x, y in ((a, b), (b, a)):
        result = match_score(x, y)
        assert result.decision == "none", result
        assert any(r.startswith(kind) for r in result.reasons), result.reasons


# Paraphrases of the seed article's claims, as another outlet could write them.
SEED_PARAPHRASES = [
    (
        "led by Alexander Karp",
        "Palantir is an American firm specializing in data analytics and artificial "
        "intelligence; it was founded by Peter Thiel, who is close to Trump, and is led by "
        "Alexander Karp.",
    ),
    (
        "Korean Peninsula for more than 70 years",
        "For over seventy years an armed truce has been in place on the Korean Peninsula.",
    ),
    (
        "is not a NATO member",
        "Ukraine isn't a member of NATO and therefore can't rely on the automatic protection "
        "that Article 5 guarantees.",
    ),
    (
        "London and Paris have already",
        "London and Paris have already said they are willing to send troops to western "
        "Ukraine, so this is not only a theoretical scenario.",
    ),
    (
        "Its systems combine satellite imagery",
        "Its systems combine drone surveillance, satellite imagery and intelligence reports "
        "to predict enemy movements, streamline supply chains and coordinate troop deployment "
        "in real time.",
    ),
    (
        "Germany and Italy are pressing",
        "Fearing an open-ended commitment, Germany and Italy are pressing for clarity on the "
        "chain of command, the specific tasks and the time frame of the potential mission.",
    ),
]


@pytest.mark.parametrize(("fragment", "paraphrase"), SEED_PARAPHRASES)
def test_paraphrases_of_seed_article_claims_reach_at_least_suggest(fragment, paraphrase):
    original = seed_sentence(fragment)
    result = match_score(original, paraphrase)
    assert result.decision in {"suggest", "auto"}, (result, original)


def test_unrelated_claims_from_the_seed_article_do_not_match():
    a = seed_sentence("led by Alexander Karp")
    b = seed_sentence("Germany and Italy are pressing")
    assert match_score(a, b).decision == "none"


def test_thresholds_come_from_settings(settings):
    settings.MATCH_SUGGEST_THRESHOLD = 0.3
    settings.MATCH_AUTO_THRESHOLD = 0.4
    assert thresholds() == (0.3, 0.4)
    a = "Germany and Italy are pressing for clarity on the chain of command of the mission"
    b = "Germany and Italy want clarity about who commands the mission and for how long"
    assert match_score(a, b).decision == "auto"


def test_default_thresholds_without_settings(settings):
    del settings.MATCH_SUGGEST_THRESHOLD
    del settings.MATCH_AUTO_THRESHOLD
    assert thresholds() == (DEFAULT_SUGGEST_THRESHOLD, DEFAULT_AUTO_THRESHOLD)
