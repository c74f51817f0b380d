"""Sentence-embedding speed, size and agreement: the committed int8 ONNX model.

    .venv/bin/python bench/embedding_speed.py [--sentences 500] [--data-dir DIR]

Texts: the first ``--sentences`` sentences of CheckThat! 2024 dev-test
(``../shared/data/claim-detection``), read at run time. Prints:

* the model's size on disk and the time to load it in this process;
* milliseconds per sentence embedded alone on one core (``EMBEDDING_THREADS=1``, what the
  matcher does for a query): p50 / p95 / mean, and the peak RSS growth;
* the baseline in the same run, when the optional ``semantic`` extra (torch) is installed:
  the float model through sentence-transformers, one sentence at a time, one thread; and
  the agreement of the two: each int8 vector's cosine to the float one, and how far the
  cosine between two sentences moves (mean, p99, max over all pairs), which is what
  matching reads.

The issue's target: under 10 ms a sentence on one core.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("EMBEDDING_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from claims import embeddings  # noqa: E402

DEFAULT_DIR = REPO.parent / "shared" / "data" / "claim-detection"


def sentences(data_dir: Path, n: int) -> list[str]:
    path = data_dir / "checkthat2024-task1-english" / "CT24_checkworthy_english_dev-test.tsv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return [row["Text"] for _, row in zip(range(n), rows, strict=False)]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(encode_one, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    out, times = [], []
    for text in texts:
        started = time.perf_counter()
        out.append(encode_one(text))
        times.append((time.perf_counter() - started) * 1000)
    return np.array(out), np.array(times)


def summary(times: np.ndarray) -> str:
    p50, p95 = np.percentile(times, [50, 95])
    return f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, mean {times.mean():.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    texts = sentences(args.data_dir, args.sentences)
    size = (embeddings.MODEL_DIR / "model.onnx").stat().st_size / 1e6
    before = rss_mb()
    started = time.perf_counter()
    embeddings.encode(["Warm up."])
    load = time.perf_counter() - started
    print(
        f"int8 ONNX ({embeddings.model_id()}): {size:.1f} MB on disk, loaded in {load:.2f} s, "
        f"peak RSS +{rss_mb() - before:.0f} MB"
    )
    exported, times = timed(lambda t: embeddings.encode([t])[0], texts)
    print(f"int8 ONNX, one sentence at a time, 1 thread, {len(texts)} sentences: {summary(times)}")

    if not embeddings.torch_available():
        print("baseline (float model, sentence-transformers): skipped, the extra is not installed")
        return
    import torch

    torch.set_num_threads(1)
    started = time.perf_counter()
    model = embeddings.sentence_transformer()
    model.encode(["Warm up."])
    print(f"baseline float model (torch) loaded in {time.perf_counter() - started:.2f} s")
    reference, ref_times = timed(
        lambda t: model.encode([t], normalize_embeddings=True, show_progress_bar=False)[0], texts
    )
    print(f"baseline float model, one sentence at a time, 1 thread: {summary(ref_times)}")
    to_reference = (exported * reference).sum(axis=1)
    pairs = np.triu_indices(len(texts), 1)
    moved = np.abs(exported @ exported.T - reference @ reference.T)[pairs]
    print(
        f"agreement: cosine int8 vs float min {to_reference.min():.4f}, mean "
        f"{to_reference.mean():.4f}; pairwise cosine moved mean {moved.mean():.4f}, p99 "
        f"{np.percentile(moved, 99):.4f}, max {moved.max():.4f} over {len(moved)} pairs"
    )


if __name__ == "__main__":
    main()
