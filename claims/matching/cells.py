"""Cells of the embedding space: the stored claims nearest a text, read from a few cells.

Retrieval's word index (``retrieval.py``) finds the stored claims that share rare words with
a text. A rewording that says the same thing in other words ("borrowing costs" for
"interest rates", "the vessel went down" for "the boat sank") shares too few of them and is
never re-ranked at all: on the written development pairs, among 6,601 stored claims, the
index's candidates held the stored claim for 0.940 of the pairs the matcher links on their
own, and with the 10 nearest stored claims by embedding added, 0.998
(``bench/matching_retrieval.py``). Comparing a text with every stored vector grows with the
archive, so the vectors are filed in cells, an inverted-file index kept in two tables:

* ``EmbeddingCell``: per embedding model, centroids of the stored vectors (spherical
  k-means on a sample, ``build``; about ``4 * sqrt(n)`` cells for n vectors);
* ``ClaimEmbedding.cell``: the number of the vector's nearest centroid, indexed with the
  model; set when a vector is stored (``vectors.save``) and for every vector by ``build``.

``nearest(text)`` embeds the text (the re-ranker needs its vector anyway), takes the
``PROBES`` cells whose centroids are nearest it, reads the vectors filed under them (one
query, the same filters as the word index: no dismissed claim, no duplicate) and returns
the ``NEAREST`` claims of highest cosine. Approximate: a claim filed in a cell that was not
probed is not found (the word index may still find it). Before any cell is built, an
archive of at most ``EXACT_UP_TO`` vectors is read whole (exact); a larger one gets no
embedding candidates until ``manage.py build_embedding_cells`` has run (a warning says so).

Cells stay valid as the archive grows (a new vector is filed in the nearest existing cell);
rebuild them when it has grown several times over, so that a probe reads a few hundred
vectors, not thousands (``build`` replaces them in one transaction; readers see the old or
the new ones). No database extension: the same SQL runs on PostgreSQL and SQLite.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable, Sequence

import numpy as np
from django.db import connection, transaction

from claims import embeddings
from claims.models import ClaimEmbedding, EmbeddingCell

from . import semantic
from .vectors import DTYPE, pack, unpack

logger = logging.getLogger(__name__)

# Cells read per text, and stored claims returned (added to the word index's candidates).
# 4 probes found what 8 did on the written pairs (bench/matching_retrieval.py) at half the
# read (bench/matching_speed.py: top-5 p95 48 ms at 1M claims, 53 ms with 8).
PROBES = 4
NEAREST = 10
# The nearest SHORTLIST * NEAREST vectors are checked against the candidate conditions.
SHORTLIST = 3
# Without cells, an archive of at most this many vectors is read whole for each text.
EXACT_UP_TO = 2_000
MAX_CELLS = 32_767  # ClaimEmbedding.cell is a small integer
# Centroids are read again when they may have changed (a build), at most this often.
CACHE_SECONDS = 60.0
# The beat task rebuilds the cells when the archive holds this many times the vectors they
# were built over (or has outgrown EXACT_UP_TO without any).
REBUILD_GROWTH = 4
_cache: dict[str, tuple[float, np.ndarray | None]] = {}
# Models whose archive was found too large to read whole (no cells), and when.
_too_large: dict[str, float] = {}


def cell_count(vectors: int) -> int:
    """How many cells ``build`` makes for an archive of ``vectors``: about 4 sqrt(n), so
    that a cell holds about sqrt(n) / 4 vectors: ``PROBES`` cells read about 1,000 at 1M."""
    return max(1, min(MAX_CELLS, round(4 * math.sqrt(max(vectors, 1)))))


def centroids(model: str | None = None) -> np.ndarray | None:
    """The model's centroids (row i is cell i), or None before any build. Cached for
    ``CACHE_SECONDS`` per process."""
    model = model or embeddings.model_id()
    now = time.monotonic()
    cached = _cache.get(model)
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    rows = list(
        EmbeddingCell.objects.filter(model=model).order_by("number").values_list("centroid")
    )
    matrix = np.stack([unpack(c) for (c,) in rows]) if rows else None
    _cache[model] = (now, matrix)
    return matrix


def forget() -> None:
    """Drop the cached centroids (after a build, and in tests)."""
    _cache.clear()
    _too_large.clear()


def assign(vectors: np.ndarray, cells: np.ndarray | None) -> list[int | None]:
    """The nearest cell of each vector (None for every one without cells)."""
    if cells is None or not len(vectors):
        return [None] * len(vectors)
    return [int(i) for i in np.argmax(np.asarray(vectors) @ cells.T, axis=1)]


def _read(model: str, probed: Sequence[int] | None) -> tuple[np.ndarray, np.ndarray]:
    """(ids, float32 vectors) stored for ``model`` in the ``probed`` cells (every vector,
    up to ``EXACT_UP_TO + 1``, when None). One query; on PostgreSQL one row: the ids and the
    vectors aggregated in the same order (thousands of rows cost the driver far more than
    one bytea of the same bytes)."""
    where, params = "e.model = %s", [model]
    if probed is not None:
        where += f" AND e.cell IN ({', '.join(['%s'] * len(probed))})"
        params += [int(i) for i in probed]
    limit = "" if probed is not None else f" LIMIT {EXACT_UP_TO + 1}"
    if connection.vendor == "postgresql":
        # Results in binary: a bytea of a few MB in text (hex) costs the driver twice the
        # time (2,000 vectors: 9-18 ms against 3-8). Django's own wrapper around the binary
        # cursor, so the query is logged and counted like any other.
        connection.ensure_connection()
        with connection._prepare_cursor(connection.connection.cursor(binary=True)) as cursor:
            cursor.execute(
                "SELECT array_agg(r.claim_id), string_agg(r.vector, ''::bytea) FROM ("
                f"SELECT e.claim_id, e.vector FROM claims_claimembedding e WHERE {where}{limit}"
                ") r",
                params,
            )
            ids, blob = cursor.fetchone()
            ids, blob = ids or [], bytes(blob or b"")
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.claim_id, e.vector FROM claims_claimembedding e WHERE {where}{limit}",
                params,
            )
            rows = cursor.fetchall()
            ids, blob = [pk for pk, _ in rows], b"".join(bytes(v) for _, v in rows)
    vectors = np.frombuffer(blob, dtype=DTYPE).reshape(len(ids), -1).astype(np.float32)
    return np.asarray(ids, dtype=np.int64), vectors


def nearest(
    text: str,
    *,
    k: int = NEAREST,
    exclude: Iterable[int] = (),
    published_only: bool = False,
) -> list[int]:
    """Ids of up to ``k`` stored claims whose vectors are nearest ``text``'s, best first
    (none without cells in an archive larger than ``EXACT_UP_TO``). Two queries: the
    vectors of the probed cells, then which of the ``SHORTLIST * k`` nearest may be
    candidates (``retrieval.claim_conditions``: no dismissed claim, no duplicate, none of
    ``exclude``, published if asked), checked on those few rather than joined to every
    vector read."""
    if k <= 0:
        return []
    model = embeddings.model_id()
    cells = centroids(model)
    if cells is None and time.monotonic() - _too_large.get(model, -CACHE_SECONDS) < CACHE_SECONDS:
        return []
    query = semantic.vector(text)
    probed = None if cells is None else np.argsort(-(cells @ query))[:PROBES]
    ids, vectors = _read(model, probed)
    if cells is None and len(ids) > EXACT_UP_TO:
        _too_large[model] = time.monotonic()
        logger.warning(
            "More than %s stored embeddings and no cells: run manage.py build_embedding_cells"
            " so that matching finds rewordings in other words.",
            EXACT_UP_TO,
        )
        return []
    if not len(ids):
        return []
    # float16 rounding moves a vector's length by ~1e-4: the order by dot is the cosine's.
    order = np.argsort(-(vectors @ query), kind="stable")[: SHORTLIST * k]
    shortlist = [int(pk) for pk in ids[order]]
    from .retrieval import claim_conditions  # (retrieval imports this module)

    where, params = claim_conditions(exclude, published_only)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id FROM claims_claim c WHERE c.id IN ({', '.join(['%s'] * len(shortlist))})"
            f" AND {' AND '.join(where)}",
            [*shortlist, *params],
        )
        allowed = {row[0] for row in cursor.fetchall()}
    return [pk for pk in shortlist if pk in allowed][:k]


def kmeans(
    sample: np.ndarray, k: int, *, iterations: int = 12, seed: int = 0, chunk: int = 8192
) -> np.ndarray:
    """Spherical k-means: ``k`` unit centroids of the unit rows of ``sample`` (deterministic
    for a seed). A cell left empty keeps its centroid."""
    rng = np.random.default_rng(seed)
    k = min(k, len(sample))
    centers = sample[rng.choice(len(sample), size=k, replace=False)].astype(np.float32)
    for _ in range(iterations):
        labels = np.concatenate(
            [
                np.argmax(sample[i : i + chunk] @ centers.T, axis=1)
                for i in range(0, len(sample), chunk)
            ]
        )
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, sample)
        norms = np.linalg.norm(sums, axis=1)
        filled = norms > 0
        centers[filled] = sums[filled] / norms[filled, None]
    return centers


def build(
    *,
    cells: int | None = None,
    sample: int = 100_000,
    iterations: int = 12,
    seed: int = 0,
    batch: int = 5_000,
) -> tuple[int, int]:
    """(Re)build the current model's cells from its stored vectors and file every vector
    under one. Returns (cells, vectors filed). One transaction."""
    model = embeddings.model_id()
    stored = ClaimEmbedding.objects.filter(model=model)
    total = stored.count()
    if not total:
        return 0, 0
    count = min(cells or cell_count(total), total, MAX_CELLS)
    rng = np.random.default_rng(seed)
    ids = list(stored.order_by("claim_id").values_list("claim_id", flat=True))
    chosen = sorted(rng.choice(len(ids), size=min(sample, len(ids)), replace=False))
    picked = [ids[i] for i in chosen]
    vectors = []
    for start in range(0, len(picked), batch):
        rows = stored.filter(claim_id__in=picked[start : start + batch]).values_list("vector")
        vectors += [unpack(v) for (v,) in rows]
    centers = kmeans(np.stack(vectors), count, iterations=iterations, seed=seed)
    filed = 0
    with transaction.atomic():
        EmbeddingCell.objects.filter(model=model).delete()
        counts = np.zeros(len(centers), dtype=np.int64)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), batch):
                rows = list(
                    stored.filter(claim_id__in=ids[start : start + batch]).values_list(
                        "claim_id", "vector"
                    )
                )
                numbers = assign(np.stack([unpack(v) for _, v in rows]), centers)
                np.add.at(counts, numbers, 1)
                cursor.executemany(
                    "UPDATE claims_claimembedding SET cell = %s WHERE claim_id = %s",
                    [(n, pk) for (pk, _), n in zip(rows, numbers, strict=True)],
                )
                filed += len(rows)
        EmbeddingCell.objects.bulk_create(
            EmbeddingCell(
                model=model,
                number=i,
                centroid=pack(c),
                size=int(counts[i]),
            )
            for i, c in enumerate(centers)
        )
    forget()
    _vacuum()
    return len(centers), filed


def _vacuum() -> None:
    """On PostgreSQL, outside a transaction, VACUUM the embeddings after a build: ``_read``
    is an index-only scan (the cell index INCLUDEs ids and vectors), which skips the table
    only for pages its visibility map marks all-visible, and the build rewrote every row.
    Until autovacuum came by, a lookup read a table page per vector (at 1M claims, cells
    lookup p95 55 ms right after a build, 13 ms after the VACUUM)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM claims_claimembedding")


def refresh() -> tuple[int, int] | None:
    """Build the cells if they are due (the beat task): none yet and more than
    ``EXACT_UP_TO`` vectors, or ``REBUILD_GROWTH`` times the vectors they were built over.
    Returns what ``build`` did, or None."""
    model = embeddings.model_id()
    total = ClaimEmbedding.objects.filter(model=model).count()
    built_over = sum(sizes(model))
    if built_over and total < REBUILD_GROWTH * built_over:
        return None
    if not built_over and total <= EXACT_UP_TO:
        return None
    return build()


def sizes(model: str | None = None) -> Sequence[int]:
    """How many vectors each cell held when built (diagnostics)."""
    model = model or embeddings.model_id()
    return list(
        EmbeddingCell.objects.filter(model=model).order_by("number").values_list("size", flat=True)
    )
