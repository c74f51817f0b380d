"""The optional LoRA check-worthiness scorer (MiniLM + shipped low-rank adapters)."""

import numpy as np
import pytest

from claims import extraction
from claims.embeddings import encode
from claims.extraction.lora import ARTIFACT_PATH, LoRACheckworthinessModel, lora_model
from claims.extraction.semantic import configured_model
from tests.claims.extraction.test_semantic import CLAIMS, NOT_CLAIMS
from tests.claims.semantic_extra import semantic_extra  # noqa: F401 (fixture)

needs_extra = pytest.mark.usefixtures("semantic_extra")


def test_the_shipped_adapters_load_without_the_extra():
    model = LoRACheckworthinessModel.load(ARTIFACT_PATH)
    assert 0.0 < model.threshold < 1.0 and 0.0 < model.mix <= 1.0
    assert model.meta["trained_on"].startswith("ClaimBuster")
    assert "dev-test" in model.meta["threshold_tuned_on"]
    # Six layers x (query, value) x (A, B), rank 8 over 384 dimensions, plus the head.
    for i in range(6):
        for name in ("query", "value"):
            assert model.arrays[f"l{i}_{name}_a"].shape == (model.rank, 384)
            assert model.arrays[f"l{i}_{name}_b"].shape == (384, model.rank)
    assert model.members[0][0][0].shape == (384, 1)
    assert ARTIFACT_PATH.stat().st_size < 1024 * 1024


def test_the_setting_selects_the_lora_scorer_and_its_threshold(settings):
    settings.EXTRACTOR = "semantic-lora"
    assert configured_model() is lora_model()
    assert lora_model().threshold == extraction.CHECKWORTHY_THRESHOLD


@needs_extra
def test_the_adapters_change_the_encoder_and_leave_the_shared_model_alone():
    model = LoRACheckworthinessModel.load(ARTIFACT_PATH)
    before = encode(CLAIMS[:2])
    adapted = model.vectors(CLAIMS[:2])
    # ``encode`` gives the packaged model's normalized mean-pooled states: compare directions.
    cos = (adapted / np.linalg.norm(adapted, axis=1, keepdims=True) * before).sum(1)
    assert (cos < 0.999).all(), cos  # the adapters are applied
    assert np.array_equal(encode(CLAIMS[:2]), before)  # the shared model is untouched


@needs_extra
def test_checkworthy_news_sentences_rank_above_non_claims():
    model = lora_model()
    claims = np.asarray(model.score_many(CLAIMS))
    others = np.asarray(model.score_many(NOT_CLAIMS))
    assert all(0.0 <= s <= 1.0 for s in np.concatenate([claims, others]))
    assert model.score(CLAIMS[0]) == pytest.approx(claims[0], abs=1e-5)
    assert claims.min() > others.max(), (claims, others)
    assert (claims >= model.threshold).all()
    assert (others < model.threshold).all()
