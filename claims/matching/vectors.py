"""Stored claim embeddings: matching re-ranks candidates without re-embedding them.

A claim's vector is computed once (when matching runs for the new claim, or by
``manage.py embed_claims`` for claims stored before) and kept in ``ClaimEmbedding``. When
candidates are re-ranked, their vectors are read in one query and handed to the re-ranker's
cache; a candidate without a usable row (none yet, another model's, or a statement that
changed since) is embedded on the spot, and stored when the caller may write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from claims import embeddings
from claims.models import Claim, ClaimEmbedding

from . import semantic

DTYPE = np.dtype("<f2")


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def unpack(data: bytes | memoryview) -> np.ndarray:
    vector = np.frombuffer(bytes(data), dtype=DTYPE).astype(np.float32)
    # float16 rounding moves the length by ~1e-4: renormalise so cosine stays a dot.
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _row(claim: Claim, vector: np.ndarray, model: str, cell: int | None) -> ClaimEmbedding:
    return ClaimEmbedding(
        claim_id=claim.pk,
        model=model,
        text_hash=text_hash(claim.statement),
        vector=pack(vector),
        cell=cell,
    )


def prime(claims: Sequence[Claim], *, store: bool = False) -> None:
    """Put the vectors of ``claims``' statements in the re-ranker's cache (one query).

    Missing or stale vectors are computed; with ``store`` they are saved too (the caller
    is in a transaction that may write: matching a new claim, the backfill command).
    """
    if not claims:
        return
    model = embeddings.model_id()
    stored = _current(claims, model, with_vectors=True)
    missing = []
    for claim in claims:
        if claim.pk in stored:
            semantic.remember(claim.statement, unpack(stored[claim.pk]))
        else:
            missing.append(claim)
    if not missing:
        return
    vectors = embeddings.encode([c.statement for c in missing])
    for claim, vector in zip(missing, vectors, strict=True):
        semantic.remember(claim.statement, unpack(pack(vector)))
    if store:
        save(missing, vectors, model)


def _current(claims: Sequence[Claim], model: str, *, with_vectors: bool = False) -> dict:
    """The claims of ``claims`` whose stored vector is current (this model, this statement),
    by id: to their vector bytes with ``with_vectors``, else to None. One query."""
    fields = ("claim_id", "text_hash", "vector") if with_vectors else ("claim_id", "text_hash")
    rows = ClaimEmbedding.objects.filter(
        claim_id__in=[c.pk for c in claims], model=model
    ).values_list(*fields)
    hashes = {c.pk: text_hash(c.statement) for c in claims}
    return {row[0]: row[2] if with_vectors else None for row in rows if row[1] == hashes[row[0]]}


def save(claims: Sequence[Claim], vectors: np.ndarray, model: str | None = None) -> None:
    """Store (or replace) the vectors of ``claims``, each filed in its nearest cell
    (``cells.py``; none before the model's cells are built)."""
    from . import cells

    model = model or embeddings.model_id()
    numbers = cells.assign(vectors, cells.centroids(model))
    ClaimEmbedding.objects.bulk_create(
        [_row(c, v, model, n) for c, v, n in zip(claims, vectors, numbers, strict=True)],
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=["model", "text_hash", "vector", "cell"],
    )


def backfill(claims: Iterable[Claim], *, batch: int = 256) -> int:
    """Embed and store every claim of ``claims`` lacking a current vector; returns how many."""
    model = embeddings.model_id()
    done = 0
    chunk: list[Claim] = []

    def flush() -> int:
        current = _current(chunk, model)
        todo = [c for c in chunk if c.pk not in current]
        if todo:
            save(todo, embeddings.encode([c.statement for c in todo]), model)
        return len(todo)

    for claim in claims:
        chunk.append(claim)
        if len(chunk) >= batch:
            done += flush()
            chunk = []
    if chunk:
        done += flush()
    return done
