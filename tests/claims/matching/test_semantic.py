"""The semantic re-ranker (on by default): blends embeddings in, never lifts a rule."""

import pytest

from claims.matching import match_score, semantic
from claims.matching.score import DEFAULT_AUTO_THRESHOLD, explain
from tests.claims.matching.test_score import CONFLICTS

# The same claim in other words: few shared words, so the lexical score alone misses it.
PARAPHRASE = (
    "The government will cut taxes for small businesses next year, the finance minister said",
    "Small firms will pay less tax from next year, according to the finance minister",
)


@pytest.fixture
def semantic_on(settings):
    settings.MATCH_SEMANTIC = True


def test_on_by_default(settings):
    assert settings.MATCH_SEMANTIC is True
    assert semantic.enabled()
    thresholds = {"suggest_threshold": 0.55, "auto_threshold": 0.96}
    by_default = match_score(*PARAPHRASE, **thresholds)
    settings.MATCH_SEMANTIC = False
    assert by_default.score > match_score(*PARAPHRASE, **thresholds).score


def test_a_paraphrase_in_other_words_scores_higher_with_the_reranker(settings):
    thresholds = {"suggest_threshold": 0.55, "auto_threshold": 0.96}
    settings.MATCH_SEMANTIC = False
    lexical = match_score(*PARAPHRASE, **thresholds)
    settings.MATCH_SEMANTIC = True
    blended = match_score(*PARAPHRASE, **thresholds)
    assert blended.score > lexical.score + 0.05, (lexical, blended)
    assert (lexical.decision, blended.decision) == ("none", "suggest")


def test_an_unrelated_pair_sharing_words_is_not_raised():
    a = "The minister said the new bridge over the river will cost 40 million euros"
    b = "The river flooded the new houses near the bridge, the minister said on Monday"
    lexical = explain(a, b)
    blended = semantic.rerank(a, b, lexical)
    assert blended.components["semantic"] < 0.8
    assert blended.penalized < 0.69


@pytest.mark.usefixtures("semantic_on")
@pytest.mark.parametrize(("a", "b", "kind"), CONFLICTS)
def test_a_conflict_is_never_auto_linked_with_the_reranker(a, b, kind):
    assert semantic.enabled()
    for x, y in ((a, b), (b, a)):
        result = match_score(x, y)
        assert result.decision != "auto"
        assert result.score < DEFAULT_AUTO_THRESHOLD
        assert any(r.startswith(kind) for r in result.reasons), result.reasons
        # Even with every threshold lowered, the rule caps the score.
        low = match_score(x, y, suggest_threshold=0.1, auto_threshold=0.2)
        assert low.decision == "suggest" and low.score < 0.2


@pytest.mark.parametrize(("a", "b", "kind"), CONFLICTS)
def test_the_rerank_keeps_conflicts_and_penalties(a, b, kind):
    lexical = explain(a, b)
    blended = semantic.rerank(a, b, lexical)
    assert blended.conflicts == lexical.conflicts and blended.reasons == lexical.reasons
    assert not blended.auto_allowed
    # The same penalty factor applies to the blended similarity.
    factor = lexical.penalized / lexical.similarity
    assert blended.penalized == pytest.approx(blended.similarity * factor)
    assert blended.similarity == pytest.approx(
        max(
            (1 - semantic.BLEND) * lexical.similarity
            + semantic.BLEND * blended.components["semantic"],
            lexical.similarity,
        )
    )


@pytest.mark.usefixtures("semantic_on")
def test_a_short_claim_is_never_auto_linked_with_the_reranker():
    result = match_score("Taxes went up last year.", "Last year taxes went up.")
    assert result.decision != "auto"
    assert any(r.startswith("short claim") for r in result.reasons)


def test_a_pair_that_cannot_reach_the_floor_skips_the_model():
    # Two names of one kind (people): a hard conflict, so the cosine lift cannot carry it.
    a = "Palantir's software was praised by Peter Thiel for the Ukrainian army"
    b = "The orchestra will perform Ludwig Beethoven's ninth symphony on Sunday evening"
    lexical = explain(a, b)
    assert semantic.rerank(a, b, lexical, floor=0.69) is lexical


@pytest.mark.usefixtures("semantic_on")
def test_the_reranker_never_decides_auto_on_its_own():
    # Lexically below auto, above it once blended: held just below auto, still suggested.
    lexical = explain(*PARAPHRASE).penalized
    result = match_score(*PARAPHRASE, suggest_threshold=0.3, auto_threshold=lexical + 0.05)
    assert semantic.rerank(*PARAPHRASE, explain(*PARAPHRASE)).penalized > lexical + 0.05
    assert result.decision == "suggest"
    assert result.score < lexical + 0.05


@pytest.mark.usefixtures("semantic_on")
def test_a_lexical_auto_link_is_kept_as_it_is(settings):
    a = "The UK gave Ukraine $20m in military aid in 2023, up 14% on the year before"
    b = (
        "In 2023 Britain gave Ukraine 20 million dollars in military aid, "
        "up 14 percent on the year before"
    )
    blended = match_score(a, b)
    settings.MATCH_SEMANTIC = False
    assert blended == match_score(a, b)
    assert blended.decision == "auto"


def test_stored_links_say_the_embeddings_were_blended_in(settings, make_claim, db):
    from claims.models import Article, ClaimEvent, ClaimLink

    settings.MATCH_SEMANTIC = True
    settings.MATCH_SUGGEST_THRESHOLD = 0.55
    known = make_claim(PARAPHRASE[0])
    other = Article.objects.create(
        url="https://other.example.org/tax", title="Tax", content_hash="2" * 64, text="..."
    )
    repeat = make_claim(PARAPHRASE[1], article=other)
    link = ClaimLink.objects.get(claim=repeat)
    assert (link.matched, link.method) == (known, ClaimLink.Method.BLENDED)
    event = ClaimEvent.objects.get(claim=repeat, kind=ClaimEvent.Kind.MATCH_SUGGESTED)
    assert event.data["method"] == "blended"
