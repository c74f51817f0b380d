"""The optional semantic check-worthiness scorer: frozen MiniLM embeddings + a small head.

Selected with the setting ``EXTRACTOR = "semantic"`` (default ``"linear"``); needs the
``semantic`` extra (``claims.embeddings``). The head is shipped in the repository as
``checkworthiness_semantic.npz`` (plain arrays, no pickle) and reproduced by
``python manage.py train_checkworthiness --semantic`` (``training/semantic.py``).

Score of a sentence, with ``e`` its 384-d normalized embedding and ``z_lin`` the shipped
linear model's raw logit (``model.py``):

    x = e                      (or [e ; s * z_lin] if the head takes the linear logit as input)
    z_head = mean over the members of  w2 . relu(W1 x + b1) + b2
    z = mix * z_head + (1 - mix) * z_lin          (late fusion; mix = 1: the head alone)
    score = sigmoid(a * z + b)                    (Platt, fitted on CheckThat! 2024 dev-test)

A member without a hidden layer is a logistic regression. The variant shipped and how it was
chosen are in this package's README. ``EXTRACTOR = "semantic-lora"`` selects the fine-tuned
variant instead (``lora.py``), which reuses this class's fusion and calibration.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .model import (
    CheckworthinessModel,
    ModelFormatError,
    default_model,
    read_artifact,
    write_artifact,
)

ARTIFACT_PATH = Path(__file__).with_name("checkworthiness_semantic.npz")
FORMAT = 1


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # stable for large |z|


class SemanticCheckworthinessModel:
    """Same interface as ``CheckworthinessModel`` (``score``, ``threshold``) plus batches."""

    def __init__(
        self,
        members: Sequence[Sequence[tuple[np.ndarray, np.ndarray]]],
        *,
        linear_scale: float = 0.0,
        mix: float = 1.0,
        calibration: tuple[float, float] = (1.0, 0.0),
        threshold: float = 0.5,
        meta: dict | None = None,
        linear: CheckworthinessModel | None = None,
    ):
        self.members = [
            [(np.asarray(w, np.float32), np.asarray(b, np.float32).reshape(-1)) for w, b in layers]
            for layers in members
        ]
        # Scale of the linear logit as an extra head input (0: not an input).
        self.linear_scale = float(linear_scale)
        # Weight of the head's logit against the linear logit (1: the head alone).
        self.mix = float(mix)
        self.calibration = (float(calibration[0]), float(calibration[1]))
        self.threshold = float(threshold)
        self.meta = meta or {}
        self._linear = linear

    @property
    def linear(self) -> CheckworthinessModel:
        return self._linear or default_model()

    def head_logits(self, x: np.ndarray) -> np.ndarray:
        """The members' mean logit for input rows ``x``."""
        total = np.zeros(len(x), dtype=np.float64)
        for layers in self.members:
            h = x
            for i, (w, b) in enumerate(layers):
                h = h @ w + b
                if i < len(layers) - 1:
                    h = np.maximum(h, 0.0)
            total += h.reshape(-1)
        return total / len(self.members)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """The head's input embeddings of ``texts`` (the packaged MiniLM's, normalized)."""
        from claims.embeddings import encode

        return encode(texts)

    def logits(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Uncalibrated logits (``vectors``: ``self.vectors(texts)``, if already computed)."""
        if vectors is None:
            vectors = self.vectors(texts)
        needs_linear = self.linear_scale or self.mix < 1.0
        lin = np.asarray([self.linear.logit(t) for t in texts]) if needs_linear else None
        x = vectors
        if self.linear_scale:
            x = np.hstack([x, (self.linear_scale * lin)[:, None].astype(np.float32)])
        z = self.head_logits(x)
        return self.mix * z + (1.0 - self.mix) * lin if self.mix < 1.0 else z

    def score_many(self, texts: Sequence[str]) -> list[float]:
        """Calibrated probabilities in [0, 1], the embeddings computed in batches."""
        if not texts:
            return []
        a, b = self.calibration
        return _sigmoid(a * self.logits(texts) + b).tolist()

    def score(self, text: str) -> float:
        return self.score_many([text])[0]

    @classmethod
    def load(cls, path: Path = ARTIFACT_PATH) -> SemanticCheckworthinessModel:
        meta, data = read_artifact(path, command="train_checkworthiness --semantic")
        if meta.get("format") != FORMAT:
            raise ModelFormatError(f"{path} was built for another head layout")
        members = [
            [(data[f"m{m}_w{i}"], data[f"m{m}_b{i}"]) for i in range(depth)]
            for m, depth in enumerate(meta["member_depths"])
        ]
        return cls(
            members,
            linear_scale=meta["linear_scale"],
            mix=meta["mix"],
            calibration=tuple(meta["calibration"]),
            threshold=meta["threshold"],
            meta=meta,
        )

    def save(self, path: Path) -> None:
        """Write the artifact: float16 weights (the head is tiny next to float noise)."""
        meta = {
            **self.meta,
            "format": FORMAT,
            "member_depths": [len(layers) for layers in self.members],
            "linear_scale": self.linear_scale,
            "mix": self.mix,
            "calibration": list(self.calibration),
            "threshold": self.threshold,
        }
        arrays = {}
        for m, layers in enumerate(self.members):
            for i, (w, b) in enumerate(layers):
                arrays[f"m{m}_w{i}"] = w.astype(np.float16)
                arrays[f"m{m}_b{i}"] = b.astype(np.float32)
        write_artifact(path, arrays, meta)


@lru_cache(maxsize=1)
def semantic_model() -> SemanticCheckworthinessModel:
    """The shipped head, loaded once per process (the embedding model loads on first use)."""
    return SemanticCheckworthinessModel.load()


def configured_model() -> CheckworthinessModel | SemanticCheckworthinessModel:
    """The scorer the setting ``EXTRACTOR`` names ("linear" outside a Django project)."""
    try:
        from django.conf import settings

        name = getattr(settings, "EXTRACTOR", "linear")
    except Exception:  # ImproperlyConfigured: extraction used as a library
        name = "linear"
    if name == "semantic-lora":
        from .lora import lora_model

        return lora_model()
    return semantic_model() if name == "semantic" else default_model()
