"""Benchmark of claim matching speed on PostgreSQL: top-5 matches for a new claim among many.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/matching_speed.py [--sizes 100000 1000000] [--queries 200]

Creates a scratch database next to the one ``DATABASE_URL`` names (``factcheck_bench_<pid>``),
migrates it, bulk-inserts generated claims, and drops it at the end (also on failure).

Stored claims: the check-worthy sentences of ``../shared/data/claim-detection`` (read at run
time, never copied; see ``bench/matching_quality.py``) plus generated ones up to each size:
a real sentence with about 40% of its content words replaced by words drawn from the whole
vocabulary with their real frequencies, so lengths and the word distribution (what the
full-text index sees) stay realistic. A tenth are dismissed or duplicates (not candidates).

Queries, half each: a paraphrase of a stored real sentence (``paraphrase`` of the quality
benchmark: number formats, aliases, synonyms, reordering, ...), and a held-out real sentence
that is not stored. For each: ``candidate_ids`` (the index lookup, 50 candidates) and
``find_similar`` (lookup + loading the candidates + re-ranking with ``match_score``, top 5),
wall time per query, p50 and p95; and recall@5 of the paraphrases (the stored original among
the top 5). Warm cache: every query is run once before the timed run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")

DATA = REPO.parent / "shared" / "data" / "claim-detection"
_WORD = re.compile(r"[A-Za-z]{4,}")


def _normalize_batch(texts: list[str]) -> list[str]:
    from claims.matching import normalize

    return [normalize(t) for t in texts]


def generate(real: list[str], n: int, rng: random.Random) -> list[str]:
    vocab = Counter(w.lower() for s in real for w in _WORD.findall(s))
    words, weights = zip(*vocab.items(), strict=True)
    out = []
    while len(out) < n:
        base = rng.choice(real)
        draws = iter(rng.choices(words, weights, k=64))

        def swap(m: re.Match, draws=draws) -> str:
            return next(draws) if rng.random() < 0.4 else m.group(0)

        out.append(_WORD.sub(swap, base))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def scratch_url(base: str) -> tuple[str, str, str]:
    parts = urlsplit(base)
    name = f"factcheck_bench_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    return admin, urlunsplit(parts._replace(path=f"/{name}")), name


def insert(texts: list[str], rng: random.Random, workers: int) -> float:
    from claims.models import Claim
    from claims.workflow import text_fingerprint

    t0 = time.perf_counter()
    chunks = [texts[i : i + 2000] for i in range(0, len(texts), 2000)]
    with Pool(workers) as pool:
        normalized = [t for chunk in pool.map(_normalize_batch, chunks) for t in chunk]
    rows = []
    for text, match_text in zip(texts, normalized, strict=True):
        r = rng.random()
        status = "dismissed" if r < 0.05 else "queued" if r < 0.3 else "candidate"
        rows.append(
            Claim(text=text, text_hash=text_fingerprint(text), match_text=match_text, status=status)
        )
    Claim.objects.bulk_create(rows, batch_size=5000)
    return time.perf_counter() - t0


def measure(queries: list[tuple[str, str | None]]) -> dict[str, float]:
    from claims.matching.retrieval import candidate_ids, find_similar

    for text, _ in queries:  # warm: plans, caches, features of the query text
        find_similar(text, top=5)
    lookup, full, hits, asked = [], [], 0, 0
    for text, original in queries:
        t0 = time.perf_counter()
        candidate_ids(text)
        lookup.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        found = find_similar(text, top=5)
        full.append((time.perf_counter() - t0) * 1000)
        if original is not None:
            asked += 1
            hits += any(m.claim.text == original for m in found)
    return {
        "lookup_p50": statistics.median(lookup),
        "lookup_p95": percentile(lookup, 0.95),
        "full_p50": statistics.median(full),
        "full_p95": percentile(full, 0.95),
        "recall5": hits / asked if asked else float("nan"),
    }


def explain(text: str) -> None:
    from django.db import connection

    from claims.matching import retrieval

    sql_seen: list[tuple[str, list]] = []
    real_cursor = connection.cursor

    class Spy:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, sql, params):
            sql_seen.append((sql, params))

        def fetchall(self):
            return []

    connection.cursor = Spy
    try:
        retrieval.candidate_ids(text)
    finally:
        connection.cursor = real_cursor
    sql, params = sql_seen[0]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE one lookup")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point at PostgreSQL (the server for the scratch database).")
    admin, url, name = scratch_url(base)

    import psycopg

    with psycopg.connect(admin.replace("postgresql://", "postgres://"), autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        os.environ["DATABASE_URL"] = url
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped scratch database {name}")


def run(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from matching_quality import load_sentences, paraphrase

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    real = load_sentences(args.data_dir)
    rng.shuffle(real)
    held_out, stored_real = real[: args.queries], real[args.queries :]
    queries: list[tuple[str, str | None]] = []
    for original in rng.sample(stored_real, args.queries // 2 * 2):
        p = paraphrase(original, rng, 2)
        if p:
            queries.append((p[0], original))
        if len(queries) == args.queries // 2:
            break
    queries += [(t, None) for t in held_out[: args.queries - len(queries)]]

    print(f"PostgreSQL {connection.pg_version}; {len(stored_real)} real sentences stored, ")
    print(f"{len(queries)} queries ({sum(o is not None for _, o in queries)} paraphrases)")
    stored = 0
    print(
        f"{'claims':>10} {'insert s':>9} {'lookup p50':>11} {'p95':>7} {'top-5 p50':>10} "
        f"{'p95':>7} {'recall@5':>9}"
    )
    for size in sorted(args.sizes):
        batch = stored_real[: max(0, size - stored)] if stored == 0 else []
        batch += generate(stored_real, size - stored - len(batch), rng)
        seconds = insert(batch, rng, args.workers)
        stored = size
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
        m = measure(queries)
        if args.explain:
            explain(queries[0][0])
        print(
            f"{size:>10,} {seconds:>9.1f} {m['lookup_p50']:>9.1f}ms {m['lookup_p95']:>5.1f}ms "
            f"{m['full_p50']:>8.1f}ms {m['full_p95']:>5.1f}ms {m['recall5']:>9.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
