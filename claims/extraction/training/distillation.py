"""The teacher's scores that the default (linear) model is distilled from.

The linear model sees n-grams and cues; the LoRA scorer (``extraction/lora.py``) sees what
MiniLM makes of the whole sentence, and generalizes better from the debate transcripts it
was trained on to news prose, but scores ~100 sentences per CPU-second, not thousands. So
the linear model is trained against a blend of each training sentence's label and the LoRA
head's probability for it (``linear.soft_targets``): the teacher's view of which sentences
resemble check-worthy ones rides along in the cheap model's weights.

The teacher's logits (the adapted head alone, not its fusion with the linear model, which
would feed the student its own output) for the ClaimBuster training sentences, in
``load_training`` order, are shipped as ``checkworthiness_teacher.npz`` (one float32 per
sentence and a digest of the sentences they belong to; no text), so that
``train_checkworthiness`` reproduces the default model without the ``semantic`` extra.
``train_checkworthiness --teacher`` recomputes them (needs the extra; ~5 minutes on two
cores) from the shipped adapters, which depend on nothing but the data.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import numpy as np

from ..model import ModelFormatError, read_artifact, write_artifact
from .datasets import Example

TEACHER_PATH = Path(__file__).with_name("checkworthiness_teacher.npz")
COMMAND = "train_checkworthiness --teacher"


def sentences_digest(examples: list[Example]) -> str:
    """SHA-256 over the training sentences and labels in order: the scores fit only them."""
    digest = hashlib.sha256()
    for e in examples:
        digest.update(f"{e.label}\t{e.text}\n".encode())
    return digest.hexdigest()


def compute_teacher_logits(examples: list[Example]) -> np.ndarray:
    """The shipped LoRA head's logit for every example (needs the ``semantic`` extra)."""
    from ..lora import LoRACheckworthinessModel

    teacher = LoRACheckworthinessModel.load()
    teacher.mix = 1.0  # the adapted head alone
    return teacher.logits([e.text for e in examples]).astype(np.float32)


def write_teacher_logits(examples: list[Example], path: Path = TEACHER_PATH) -> dict:
    started = time.perf_counter()
    logits = compute_teacher_logits(examples)
    meta = {
        "teacher": "checkworthiness_lora.npz, adapted head logit (mix 1.0)",
        "n_sentences": len(examples),
        "sentences_sha256": sentences_digest(examples),
        "seconds": round(time.perf_counter() - started, 1),
    }
    write_artifact(path, {"logits": logits}, meta)
    return meta


def read_teacher_logits(examples: list[Example], path: Path = TEACHER_PATH) -> np.ndarray:
    """The shipped logits, refused if they were computed for other training sentences."""
    meta, arrays = read_artifact(path, command=COMMAND)
    if meta.get("sentences_sha256") != sentences_digest(examples):
        raise ModelFormatError(
            f"{path.name} was computed for other training sentences; run `manage.py {COMMAND}`"
        )
    return arrays["logits"].astype(np.float64)
