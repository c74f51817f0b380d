"""The optional LoRA check-worthiness scorer: MiniLM fine-tuned through low-rank adapters.

Selected with the setting ``EXTRACTOR = "semantic-lora"``; needs the ``semantic`` extra
(``claims.embeddings``). Instead of a head on frozen embeddings (``semantic.py``), the
packaged all-MiniLM-L6-v2 encoder itself is adapted: every attention layer's query and value
projections ``W`` get a trained rank-``r`` update, applied at load time on a private copy
of the packaged model (the shared one, used by matching, is left untouched)::

    W x  ->  W x + (alpha / r) * B (A x)          (A: r x 384, B: 384 x r)

The sentence vector is the mean of the adapted token states (max 64 tokens), a linear head
gives ``z_head``, and fusion, calibration and threshold are as in ``semantic.py``::

    z = mix * z_head + (1 - mix) * z_lin ;  score = sigmoid(a * z + b)

The adapters and the head are shipped as ``checkworthiness_lora.npz`` (plain arrays, no
pickle, a few hundred KiB) and reproduced by
``python manage.py train_checkworthiness --semantic --lora`` (``training/lora.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .model import ModelFormatError, read_artifact, write_artifact
from .semantic import SemanticCheckworthinessModel

ARTIFACT_PATH = Path(__file__).with_name("checkworthiness_lora.npz")
FORMAT = 1
MAX_TOKENS = 64
BATCH_SIZE = 64
PROJECTIONS = ("query", "value")
_lock = threading.Lock()


def lora_linear(base, rank: int, alpha: float):
    """``base`` (a torch ``Linear``) plus a trainable low-rank update; ``base`` stays frozen."""
    import torch

    class LoRALinear(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.base = base
            self.scale = alpha / rank
            # A starts random and B at zero, so training starts from the unchanged model.
            self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) / base.in_features**0.5)
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x):
            return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale

    return LoRALinear()


def adapted_encoder(rank: int, alpha: float):
    """``(bert, tokenizer)``: a private copy of the packaged MiniLM with adapters in place."""
    import copy

    from claims.embeddings import sentence_transformer

    with _lock:
        bert = copy.deepcopy(sentence_transformer()[0].auto_model)
    tokenizer = sentence_transformer().tokenizer
    for p in bert.parameters():
        p.requires_grad_(False)
    for layer in bert.encoder.layer:
        attention = layer.attention.self
        for name in PROJECTIONS:
            setattr(attention, name, lora_linear(getattr(attention, name), rank, alpha))
    return bert, tokenizer


def adapters(bert):
    """``(layer index, projection name, LoRALinear)`` for every adapter of ``bert``."""
    return [
        (i, name, getattr(layer.attention.self, name))
        for i, layer in enumerate(bert.encoder.layer)
        for name in PROJECTIONS
    ]


def mean_pooled(bert, tokenizer, texts: Sequence[str]):
    """The mean of the adapted token states of each text (a torch tensor, one row per text)."""
    enc = tokenizer(
        list(texts), padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
    )
    states = bert(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).to(states.dtype)
    return (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


class LoRACheckworthinessModel(SemanticCheckworthinessModel):
    """The semantic scorer's fusion and calibration, with an adapted encoder + linear head."""

    def __init__(self, arrays: dict[str, np.ndarray], *, rank: int, alpha: float, **kwargs):
        head = [(arrays["head_w"].reshape(-1, 1), arrays["head_b"].reshape(-1))]
        super().__init__([head], **kwargs)
        self.arrays = arrays
        self.rank, self.alpha = int(rank), float(alpha)
        self._encoder = None

    def encoder(self):
        """The adapted MiniLM, built on first use (loading the packaged model if needed)."""
        if self._encoder is None:
            import torch

            bert, tokenizer = adapted_encoder(self.rank, self.alpha)
            with torch.no_grad():
                for i, name, module in adapters(bert):
                    module.a.copy_(
                        torch.from_numpy(self.arrays[f"l{i}_{name}_a"].astype(np.float32))
                    )
                    module.b.copy_(
                        torch.from_numpy(self.arrays[f"l{i}_{name}_b"].astype(np.float32))
                    )
            bert.eval()
            self._encoder = (bert, tokenizer)
        return self._encoder

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled adapted states, ``(len(texts), 384)`` float32 (not normalized)."""
        import torch

        bert, tokenizer = self.encoder()
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), BATCH_SIZE):
                out.append(mean_pooled(bert, tokenizer, texts[i : i + BATCH_SIZE]).numpy())
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, 384), np.float32)

    @classmethod
    def load(cls, path: Path = ARTIFACT_PATH) -> LoRACheckworthinessModel:
        meta, arrays = read_artifact(path, command="train_checkworthiness --semantic --lora")
        if meta.get("format") != FORMAT:
            raise ModelFormatError(f"{path} was built for another adapter layout")
        return cls(
            arrays,
            rank=meta["rank"],
            alpha=meta["alpha"],
            mix=meta["mix"],
            calibration=tuple(meta["calibration"]),
            threshold=meta["threshold"],
            meta=meta,
        )

    def save(self, path: Path) -> None:
        """Write the artifact: float16 adapter and head weights, float32 biases."""
        meta = {
            **self.meta,
            "format": FORMAT,
            "rank": self.rank,
            "alpha": self.alpha,
            "mix": self.mix,
            "calibration": list(self.calibration),
            "threshold": self.threshold,
        }
        arrays = {
            k: v.astype(np.float32 if k == "head_b" else np.float16) for k, v in self.arrays.items()
        }
        write_artifact(path, arrays, meta)


@lru_cache(maxsize=1)
def lora_model() -> LoRACheckworthinessModel:
    """The shipped adapters, loaded once per process (the encoder is built on first use)."""
    return LoRACheckworthinessModel.load()
