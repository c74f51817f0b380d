"""The optional semantic check-worthiness scorer (MiniLM embeddings + the shipped head)."""

import numpy as np
import pytest

from claims import extraction
from claims.extraction import extract
from claims.extraction.model import default_model
from claims.extraction.semantic import (
    ARTIFACT_PATH,
    SemanticCheckworthinessModel,
    configured_model,
    semantic_model,
)

# Hand-written news prose: specific, checkable statements...
CLAIMS = [
    "The unemployment rate fell to 3.4 percent in January, the lowest level since 1969.",
    "The company's revenue grew by 24 percent last year to $2.2 billion.",
    "More than 820,000 people have left the region since the fighting began in March.",
    "The health ministry said 14 hospitals were damaged in the strikes.",
    "Germany spent 2.1 percent of its economic output on defence in 2024.",
]
# ...and sentences with nothing to check.
NOT_CLAIMS = [
    "Patience will be essential, and so will courage.",
    "What happens next is anyone's guess.",
    "Thank you all for coming tonight.",
    "I think we should keep talking to each other.",
    "Let us hope for the best.",
]


def test_the_shipped_head_loads_without_the_extra():
    model = SemanticCheckworthinessModel.load(ARTIFACT_PATH)
    assert 0.0 < model.threshold < 1.0
    assert model.meta["trained_on"].startswith("ClaimBuster")
    assert "dev-test" in model.meta["threshold_tuned_on"]
    assert model.members and all(layers[0][0].shape[0] == 384 for layers in model.members)
    assert model.members[0][-1][0].shape[1] == 1  # one logit out
    assert ARTIFACT_PATH.stat().st_size < 1024 * 1024


def test_linear_is_the_default_extractor(settings):
    assert settings.EXTRACTOR == "linear"
    assert configured_model() is default_model()


def test_the_setting_selects_the_semantic_scorer_and_its_threshold(settings):
    settings.EXTRACTOR = "semantic"
    assert configured_model() is semantic_model()
    assert semantic_model().threshold == extraction.CHECKWORTHY_THRESHOLD


def test_scores_are_probabilities():
    scores = semantic_model().score_many(CLAIMS + NOT_CLAIMS)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert semantic_model().score(CLAIMS[0]) == pytest.approx(scores[0], abs=1e-5)


def test_checkworthy_news_sentences_rank_above_non_claims():
    model = semantic_model()
    claims = np.asarray(model.score_many(CLAIMS))
    others = np.asarray(model.score_many(NOT_CLAIMS))
    assert claims.min() > others.max(), (claims, others)
    assert (claims >= model.threshold).all()
    assert (others < model.threshold).all()


def test_extract_uses_the_semantic_scorer_when_configured(settings, seed_text):
    settings.EXTRACTOR = "semantic"
    model = configured_model()
    assert model is semantic_model()
    sentences = extract(seed_text)
    linear = extract(seed_text, default_model())
    # Same segments, attribution and flags; only the scores (and decisions) come from the head.
    assert [(s.start, s.end, s.kind, s.claimant) for s in sentences] == [
        (s.start, s.end, s.kind, s.claimant) for s in linear
    ]
    prose = [s for s in sentences if s.kind == "sentence"]
    expected = model.score_many([s.text for s in prose])
    assert [s.score for s in prose] == pytest.approx(expected, abs=1e-5)
    assert all(s.checkworthy == (s.score >= model.threshold) for s in prose)
    opinion = next(s for s in prose if s.text.startswith("Coordination will be crucial"))
    assert not opinion.checkworthy
