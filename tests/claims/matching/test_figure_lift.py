"""What the figure rules add to the cosine lift (``figure_lift``, session 18): figures both
claims state raise the cosine the lift reads, a figure in one claim only lowers it. Sentences
written for these tests."""

import pytest

from claims.matching import figure_lift, match_score, semantic
from claims.matching.score import BOUND_MARGIN, best_score, explain, thresholds

# The same claim, its figures restated in other forms and most words changed: the cosine
# alone did not carry it before session 18, the figures the rules read as one do.
RATE = (
    "The central bank has raised its main rate by 2.75 percentage points since January, to 6.5%.",
    "Borrowing costs have climbed 275 basis points this year and now stand at 6.5 per cent.",
)
PLANT = (
    "The steelworks, which employs 3,200 people, will close by the end of next year.",
    "A plant with a workforce of 3,200 is to shut down before the end of 2027.",
)
# Another claim on the same story, with a figure of its own.
TUNNEL = (
    "The harbour tunnel will cost 2.3 billion euros and open in 2031.",
    "Engineers said the tunnel under the bay would take years to finish.",
)


@pytest.fixture
def semantic_on(settings):
    settings.MATCH_SEMANTIC = True


@pytest.mark.parametrize("pair", [RATE, PLANT])
def test_a_rewording_that_restates_the_figures_is_suggested(semantic_on, monkeypatch, pair):
    assert match_score(*pair).decision == "suggest"
    # Before session 18 (the cosine alone, at the value its rule gave then) it was not.
    monkeypatch.setattr(figure_lift, "FIGURE_LIFT", 0.0)
    monkeypatch.setattr(semantic, "COSINE_SUGGEST", 0.50)
    assert match_score(*pair).decision == "none"


def test_figures_both_claims_state_raise_the_lift_up_to_two(semantic_on):
    assert figure_lift.evidence(*RATE, explain(*RATE).conflicts) == pytest.approx(
        figure_lift.FIGURE_LIFT * figure_lift.MAX_PAIRED
    )
    assert figure_lift.evidence(*PLANT, explain(*PLANT).conflicts) == pytest.approx(
        figure_lift.FIGURE_LIFT
    )


def test_a_figure_in_one_claim_only_lowers_the_lift(semantic_on):
    conflicts = explain(*TUNNEL).conflicts
    assert any(c.startswith("extra number") for c in conflicts)
    assert figure_lift.evidence(*TUNNEL, conflicts) == pytest.approx(-figure_lift.FIGURE_LIFT)
    assert match_score(*TUNNEL).decision == "none"


def test_claims_without_figures_read_the_cosine_as_it_is():
    a = "The mayor wants the old harbour turned into a park"
    b = "A park should replace the disused docks, the city's leader says"
    assert figure_lift.evidence(a, b, ()) == 0.0


def test_a_vague_amount_or_a_multiple_is_no_stated_figure():
    a = "Rents in the capital have doubled and thousands of families have moved out"
    b = "Thousands of households left the capital after rents doubled"
    assert figure_lift.evidence(a, b, ()) == 0.0


def test_the_figures_never_make_a_pair_auto(semantic_on):
    result = match_score(*RATE)
    assert result.decision != "auto"
    assert result.score < thresholds()[1]


@pytest.mark.parametrize("pair", [RATE, PLANT, TUNNEL])
def test_the_retrieval_bound_still_bounds_the_score(semantic_on, pair):
    suggest, _ = thresholds()
    bound = best_score(*pair, suggest_threshold=suggest)
    assert bound + BOUND_MARGIN >= match_score(*pair).score


def test_an_ordinal_word_past_twelfth_is_the_figure_in_digits():
    a = "The city ranked sixteenth among the country's most expensive places to rent."
    b = "The city is the 16th most expensive place to rent in the country."
    assert not any(c.startswith("extra number") for c in explain(a, b).conflicts)
    other = "The city is the 18th most expensive place to rent in the country."
    assert any(c.startswith("number") for c in explain(a, other).conflicts)


def test_the_stored_wording_keeps_the_figures_and_the_bound_is_the_same(semantic_on):
    from claims.matching import stored
    from claims.matching.features import features

    suggest, _ = thresholds()
    for a, b in (RATE, PLANT, TUNNEL):
        kept = stored.decode(stored.encode(b), b)
        assert kept.figures == features(b).quantities
        assert best_score(a, b, suggest_threshold=suggest, wording_b=kept) == best_score(
            a, b, suggest_threshold=suggest
        )
