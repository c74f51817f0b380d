"""Loading and scoring the shipped check-worthiness model.

The artifact ``checkworthiness_model.npz`` holds two logistic regressions trained on the same
sentences, and a JSON metadata blob (threshold, mix, provenance):

* the main one over the hashed n-gram + news-cue features of ``features.sentence_features``
  (non-zero weights and bias);
* a TF-IDF one over hashed lower-cased words (``features.word_counts``): IDF, weight, bias.

The raw logit is ``mix * main_logit + (1 - mix) * tfidf_logit``; the score is that logit
calibrated by Platt scaling, ``sigmoid(a * logit + b)``, with ``a`` and ``b`` fitted on
CheckThat! 2024 dev-test (metadata ``calibration``), so a score reads as the probability
that a sentence is check-worthy on held-out data rather than on the training debates. The
file is read with ``allow_pickle=False`` and scored in pure Python (a dot product over a
few hundred active features), faster per sentence than building numpy or scipy vectors would be.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from .features import N_BUCKETS, sentence_features, word_counts

ARTIFACT_PATH = Path(__file__).with_name("checkworthiness_model.npz")
FORMAT = 3


def read_artifact(path: Path, *, command: str) -> tuple[dict, dict[str, np.ndarray]]:
    """The JSON metadata and the arrays of a model artifact (an .npz with a ``meta`` member).
    ``command`` is the management command that rebuilds it, named in the error."""
    if not path.exists():
        raise ModelFormatError(f"{path} is missing; run `python manage.py {command}`")
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        arrays = {name: data[name] for name in data.files if name != "meta"}
    return meta, arrays


def write_artifact(path: Path, arrays: dict[str, np.ndarray], meta: dict) -> None:
    """Write what :func:`read_artifact` reads: the arrays, compressed, and ``meta`` as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(
            fh, **arrays, meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
        )


class ModelFormatError(RuntimeError):
    """The artifact is missing or does not match this code."""


class CheckworthinessModel:
    def __init__(
        self,
        weights: list[float],
        bias: float,
        tfidf: dict[int, tuple[float, float]],
        tfidf_bias: float,
        mix: float,
        threshold: float,
        meta: dict | None = None,
        calibration: tuple[float, float] = (1.0, 0.0),
    ):
        self.weights = weights  # dense, N_BUCKETS long: list indexing is the fastest lookup
        self.bias = bias
        self.tfidf = tfidf  # bucket -> (idf, weight), only for words seen in training
        self.tfidf_bias = tfidf_bias
        self.mix = mix
        self.threshold = threshold
        self.meta = meta or {}
        self.calibration = (float(calibration[0]), float(calibration[1]))

    @classmethod
    def from_arrays(
        cls,
        weights,
        bias,
        tfidf_indices,
        idf,
        tfidf_weights,
        tfidf_bias,
        mix,
        threshold,
        meta=None,
        calibration=(1.0, 0.0),
    ) -> CheckworthinessModel:
        tfidf = {
            int(i): (float(d), float(w))
            for i, d, w in zip(tfidf_indices, idf, tfidf_weights, strict=True)
        }
        return cls(
            np.asarray(weights, dtype=np.float64).tolist(),
            float(bias),
            tfidf,
            float(tfidf_bias),
            float(mix),
            float(threshold),
            meta,
            calibration,
        )

    def logit(self, text: str) -> float:
        """The uncalibrated logit (the mix of the two regressions)."""
        w = self.weights
        main = self.bias + sum(w[i] * v for i, v in sentence_features(text).items())
        return self.mix * main + (1.0 - self.mix) * self._tfidf_logit(text)

    def _tfidf_logit(self, text: str) -> float:
        table = self.tfidf
        dot = 0.0
        norm2 = 0.0
        for bucket, count in word_counts(text).items():
            entry = table.get(bucket)
            if entry is None:
                continue
            value = (1.0 + math.log(count)) * entry[0]
            norm2 += value * value
            dot += value * entry[1]
        return self.tfidf_bias + (dot / math.sqrt(norm2) if norm2 else 0.0)

    def score(self, text: str) -> float:
        """Calibrated probability in [0, 1] that the sentence is check-worthy."""
        a, b = self.calibration
        z = a * self.logit(text) + b
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    @classmethod
    def load(cls, path: Path = ARTIFACT_PATH) -> CheckworthinessModel:
        meta, data = read_artifact(path, command="train_checkworthiness")
        if meta.get("n_buckets") != N_BUCKETS or meta.get("format") != FORMAT:
            raise ModelFormatError(f"{path} was built for another feature layout")
        dense = np.zeros(N_BUCKETS, dtype=np.float64)
        dense[data["indices"]] = data["weights"]
        return cls.from_arrays(
            dense,
            data["bias"][0],
            data["tfidf_indices"].tolist(),
            data["tfidf_idf"].tolist(),
            data["tfidf_weights"].tolist(),
            data["tfidf_bias"][0],
            meta["mix"],
            meta["threshold"],
            meta,
            tuple(meta["calibration"]),
        )


@lru_cache(maxsize=1)
def default_model() -> CheckworthinessModel:
    """The shipped model, loaded once per process."""
    return CheckworthinessModel.load()
