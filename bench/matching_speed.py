"""Benchmark of claim matching speed on PostgreSQL: top-5 matches for a new claim among many.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_matching \\
        .venv/bin/python bench/matching_speed.py [--sizes 100000 1000000] [--queries 200] \\
        [--repeat 3] [--keep] [--explain N] [--touch]

One database per size on the server ``DATABASE_URL`` names. Without ``--keep``: scratch
databases ``factcheck_bench_<pid>_<size>``, dropped at the end (also on failure). With
``--keep``: ``<name>_<size>`` (``<name>`` from ``DATABASE_URL``), created if missing and kept,
so a later run reuses the claims stored and only adds what a size lacks.

Stored claims: the check-worthy sentences of ``../shared/data/claim-detection`` (read at run
time, never copied; see ``bench/matching_quality.py``) plus generated ones up to each size:
a real sentence with about 40% of its content words replaced by words drawn from the whole
vocabulary with their real frequencies, so lengths and the word distribution (what the
full-text index sees) stay realistic. About 5% are dismissed (not candidates). Rows go in
with ``COPY``, the GIN index dropped during the load and rebuilt after, then ``ANALYZE``.

Queries, half each: a paraphrase of a stored real sentence (``paraphrase`` of the quality
benchmark: number formats, aliases, synonyms, reordering, ...), and a held-out real sentence
that is not stored. For each, wall time per query, p50 and p95, database cache warm (every
query runs once before the timed runs), ``--repeat`` timed runs:

- ``lookup``: ``candidate_ids`` (the index lookup, ``CANDIDATES`` ids, one SQL statement);
- ``top-5``: ``find_similar`` (lookup + loading the candidates + re-ranking with
  ``match_score``), timed with the matcher's caches emptied before each query, so the new
  claim and every candidate are analyzed afresh (a cold worker: the upper bound);
- baseline in the same run: ``previous``, the query shape before the rare-terms lookup
  (triples of nearby content words, pairs when triples find under 10, every hit ranked,
  50 candidates), lookup alone and with the same loading and re-ranking;
- recall@5 of the paraphrases (the stored original among the top 5), for both.

With ``--touch``, then recall@5 again after a status change of every stored original
(candidate <-> queued, a plain ``UPDATE`` as the workflow's would be; rolled back after):
an updated row is written anew at the table's end, so this shows whether which claims the
lookup ranks depends on where their rows lie (without a ``CLUSTER``).

Then the growth between the smallest and the largest size (p50 and p95 ratios). The load
average is printed with each size: the machine is shared, figures are upper bounds.

``--quick`` (building a database): the generated claims are drawn the same way from the
real sentences' normal forms (``match_text``), and each is stored as its own text and
``match_text``, without a wording: normalizing and analyzing a million generated texts
takes about an hour on 2 shared cores, this a few minutes. Use it with ``--wordings
retrieved``, and time the second run (the first fills the retrieved claims' wordings).

Every stored claim has its ``match_wording`` (``claims.matching.stored``), as saving it
writes it: computed with ``match_text`` during the load, or, for a database loaded by code
without the column, by ``use_database`` (every stale row, ``--workers`` processes; or with
``--wordings retrieved`` only the claims the queries retrieve, which is all the timed code
reads: seconds instead of about 20 minutes at 1M).

The embedding re-ranker is on (``MATCH_SEMANTIC``, the default): every stored claim gets a
row in ``claims_claimembedding`` as matching would have written it. The real sentences get
their real vectors (embedded by the committed model during the load); the generated ones get
random unit vectors, since embedding a million generated sentences would take an hour and
their vectors only need to be read, not to be right (quality is ``matching_pairs.py``'s
business). So ``top-5`` includes embedding the query (the model, one text, one thread) and
reading the candidates' vectors (one query). ``top-5 lexical`` is the same with
``MATCH_SEMANTIC`` off: the baseline for what the embeddings cost.
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
from itertools import accumulate
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
COPY_COLUMNS = (
    "text, text_hash, claimant, sourcing, flags, status, created_at, updated_at, match_text,"
    " match_wording"
)


def _normalize_batch(texts: list[str]) -> list[tuple[str, str]]:
    """``match_text`` and ``match_wording`` of each text, as saving the claim writes them."""
    from claims.matching import normalize, stored

    return [(normalize(t), stored.encode(t)) for t in texts]


def _wording_batch(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    from claims.matching import stored

    return [(pk, stored.encode(text)) for pk, text in rows]


def generate(real: list[str], n: int, rng: random.Random) -> list[str]:
    vocab = Counter(w.lower() for s in real for w in _WORD.findall(s))
    words, weights = zip(*vocab.items(), strict=True)
    cumulative = list(accumulate(weights))  # what choices() would sum up on every call
    out = []
    while len(out) < n:
        base = rng.choice(real)
        draws = iter(rng.choices(words, cum_weights=cumulative, k=64))

        def swap(m: re.Match, draws=draws) -> str:
            return next(draws) if rng.random() < 0.4 else m.group(0)

        out.append(_WORD.sub(swap, base))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def insert_vectors(real: set[str], rng: random.Random) -> None:
    """A ``claims_claimembedding`` row for every claim without one: the real sentences'
    own vectors, random unit vectors for the generated ones."""
    import numpy as np
    from django.db import connection

    from claims.embeddings import DIMENSIONS, encode, model_id
    from claims.matching.vectors import pack, text_hash

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id, c.text FROM claims_claim c LEFT JOIN claims_claimembedding e"
            " ON e.claim_id = c.id WHERE e.claim_id IS NULL ORDER BY c.id"
        )
        rows = cursor.fetchall()
    texts = sorted({t for _, t in rows if t in real})
    vectors = dict(zip(texts, encode(texts), strict=True))
    noise = np.random.default_rng(rng.randrange(2**32))
    model = model_id()
    with connection.cursor() as cursor:
        copy_sql = "COPY claims_claimembedding (claim_id, model, text_hash, vector) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for n, (pk, text) in enumerate(rows, 1):
                vector = vectors.get(text)
                if vector is None:
                    vector = noise.standard_normal(DIMENSIONS).astype(np.float32)
                    vector /= np.linalg.norm(vector)
                copy.write_row((pk, model, text_hash(text), pack(vector)))
                if n % 100_000 == 0:
                    print(f"  vectors {n:,}", file=sys.stderr, flush=True)
        cursor.execute("ANALYZE claims_claimembedding")


def insert(texts: list[str], rng: random.Random, workers: int, normal: int = 0) -> float:
    """COPY ``texts`` into claims_claim with the GIN index dropped; rebuild it. Seconds.

    ``normal``: the last ``normal`` texts are in normal form already (``--quick``): each is
    its own ``match_text``, stored without a wording (computed when read, or filled by
    ``--wordings retrieved``)."""
    from django.db import connection

    from claims.matching.retrieval import GIN_INDEX, ensure_index
    from claims.workflow import text_fingerprint

    t0 = time.perf_counter()
    cut = len(texts) - normal
    chunks = [texts[i : min(i + 2000, cut)] for i in range(0, cut, 2000)]
    with Pool(workers) as pool:
        normalized = [t for chunk in pool.map(_normalize_batch, chunks) for t in chunk]
    normalized += [(t, "") for t in texts[cut:]]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        with cursor.cursor.copy(f"COPY claims_claim ({COPY_COLUMNS}) FROM STDIN") as copy:
            for n, (text, (match_text, match_wording)) in enumerate(
                zip(texts, normalized, strict=True), 1
            ):
                r = rng.random()
                status = "dismissed" if r < 0.05 else "queued" if r < 0.3 else "candidate"
                row = (text, text_fingerprint(text), "", "unattributed", "[]", status)
                copy.write_row((*row, "now", "now", match_text, match_wording))
                if n % 50_000 == 0:
                    print(f"  copied {n:,}", file=sys.stderr, flush=True)
    ensure_index(connection)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    return time.perf_counter() - t0


def previous_candidate_ids(text: str, limit: int = 50) -> list[int]:
    """Baseline: the lookup as it was before the rare-terms query (same filters)."""
    from django.db import connection

    from claims.matching.retrieval import EXCLUDED_STATUSES, query_terms, term_groups

    terms = query_terms(text)
    if not terms:
        return []

    def tsq(groups):
        return " | ".join("(" + " & ".join(g) + ")" for g in groups)

    cond = "c.status NOT IN (%s, %s)"
    sql = (
        "WITH strict AS MATERIALIZED ("
        " SELECT c.id, ts_rank(c.match_vector, q) AS r"
        " FROM claims_claim c, to_tsquery('english'::regconfig, %s) q"
        f" WHERE c.match_vector @@ q AND {cond} ORDER BY r DESC, c.id DESC LIMIT %s),"
        " loose AS ("
        " SELECT c.id, ts_rank(c.match_vector, q) AS r"
        " FROM claims_claim c, to_tsquery('english'::regconfig, %s) q"
        " WHERE (SELECT count(*) FROM strict) < 10"
        f" AND c.match_vector @@ q AND {cond} ORDER BY r DESC, c.id DESC LIMIT %s) "
        "SELECT id FROM (SELECT id, 0 AS tier, r FROM strict"
        " UNION ALL SELECT id, 1 AS tier, r FROM loose) u "
        "GROUP BY id ORDER BY min(tier), max(r) DESC, id DESC LIMIT %s"
    )
    params = [tsq(term_groups(terms, 3)), *EXCLUDED_STATUSES, limit]
    params += [tsq(term_groups(terms, 2)), *EXCLUDED_STATUSES, limit, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def previous_find_similar(text: str, top: int = 5):
    from claims.matching.retrieval import in_order, rank
    from claims.models import Claim

    ids = previous_candidate_ids(text)
    return rank(text, in_order(Claim.objects.all(), ids), top=top) if ids else []


def timed(fn, queries, cold: bool = False) -> list[float]:
    """Milliseconds per query. ``cold``: the matcher's text caches are emptied before each
    one, so the re-ranking analyzes the new claim and every candidate afresh, embeds the
    new claim and reads the candidates' vectors from the database."""
    from claims.matching import analyze, features, normalize, semantic, wording

    out = []
    for text, _ in queries:
        if cold:
            for cache in (features, wording, analyze, normalize):
                cache.cache_clear()
            semantic._vectors.clear()
        t0 = time.perf_counter()
        fn(text)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def recall(find, queries) -> float:
    asked = [(t, o) for t, o in queries if o is not None]
    hits = sum(any(m.claim.text == o for m in find(t, top=5)) for t, o in asked)
    return hits / len(asked) if asked else float("nan")


def finders(candidates: int):
    """``find_similar`` re-ranking ``candidates`` claims, with the embedding re-ranker on and
    with it off (``MATCH_SEMANTIC``), and on without the embedding cells' candidates (the
    word index's alone, as before the cells)."""
    from django.conf import settings

    from claims.matching import cells

    def find_similar(text: str, top: int = 5):
        from claims.matching.retrieval import find_similar

        return find_similar(text, top=top, limit=candidates)

    def lexical_find_similar(text: str, top: int = 5):
        settings.MATCH_SEMANTIC = False
        try:
            return find_similar(text, top=top)
        finally:
            settings.MATCH_SEMANTIC = True

    def indexed_find_similar(text: str, top: int = 5):
        nearest = cells.nearest
        cells.nearest = lambda *args, **kwargs: []
        try:
            return find_similar(text, top=top)
        finally:
            cells.nearest = nearest

    return find_similar, lexical_find_similar, indexed_find_similar


def measure(
    queries, repeat: int, candidates: int, previous: bool = True
) -> dict[str, dict[str, list[float] | float]]:
    """Per method: p50 and p95 of each timed run, and recall@5."""
    from claims.matching import cells
    from claims.matching.retrieval import candidate_ids

    find_similar, lexical_find_similar, indexed_find_similar = finders(candidates)
    methods = {
        "lookup": lambda t: candidate_ids(t, limit=candidates),
        "cells lookup": cells.nearest,
        "top-5": find_similar,
        "top-5 no cells": indexed_find_similar,
        "top-5 lexical": lexical_find_similar,
    }
    if previous:
        methods["previous lookup"] = previous_candidate_ids
        methods["previous top-5"] = previous_find_similar
    for fn in methods.values():  # warm: plans, caches, features of the texts
        timed(fn, queries)
    out: dict[str, dict] = {name: {"p50": [], "p95": []} for name in methods}
    for _ in range(repeat):
        for name, fn in methods.items():
            ms = timed(fn, queries, cold="top-5" in name)
            out[name]["p50"].append(statistics.median(ms))
            out[name]["p95"].append(percentile(ms, 0.95))
    out["top-5"]["recall"] = recall(find_similar, queries)
    out["top-5 lexical"]["recall"] = recall(lexical_find_similar, queries)
    out["top-5 no cells"]["recall"] = recall(indexed_find_similar, queries)
    if previous:
        out["previous top-5"]["recall"] = recall(previous_find_similar, queries)
    return out


def touched_recall(queries, candidates: int) -> tuple[int, float, float]:
    """Recall@5 (re-ranker on, off) after a status change of the stored originals of the
    paraphrases, in a transaction rolled back after: the rows touched and the recalls."""
    from django.db import connection, transaction

    from claims.workflow import text_fingerprint

    originals = sorted({text_fingerprint(o) for _, o in queries if o is not None})
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE claims_claim SET status = CASE status WHEN 'candidate' THEN 'queued'"
                " ELSE 'candidate' END WHERE text_hash = ANY(%s)"
                " AND status IN ('candidate', 'queued')",
                [originals],
            )
            touched = cursor.rowcount
        find_similar, lexical_find_similar, _ = finders(candidates)
        found = recall(find_similar, queries)
        lexical = recall(lexical_find_similar, queries)
        transaction.set_rollback(True)
    return touched, found, lexical


def explain(text: str) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the statement ``candidate_ids`` runs for ``text``."""
    from django.db import connection

    from claims.matching import retrieval

    sql, params = retrieval.lookup_sql(text, limit=retrieval.CANDIDATES)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the databases")
    parser.add_argument("--explain", type=int, default=0, help="EXPLAIN N lookups per size")
    parser.add_argument("--candidates", type=int, default=None, help="claims re-ranked per text")
    parser.add_argument("--skip-previous", action="store_true", help="no baseline (faster)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="generate in normal form (no normalize or wording per generated row)",
    )
    parser.add_argument(
        "--touch", action="store_true", help="recall@5 after a status change of the originals"
    )
    parser.add_argument(
        "--wordings",
        choices=("all", "retrieved"),
        default="all",
        help="stored wordings to fill in a database loaded without them (use_database)",
    )
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point at PostgreSQL (the server for the scratch database).")
    parts = urlsplit(base)
    admin = urlunsplit(parts._replace(path="/postgres"))
    prefix = parts.path.lstrip("/") if args.keep else f"factcheck_bench_{os.getpid()}"
    names = {size: f"{prefix}_{size}" for size in sorted(args.sizes)}

    import psycopg

    with psycopg.connect(admin, autocommit=True) as c:
        for name in names.values():
            if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                c.execute(f'CREATE DATABASE "{name}"')
    try:
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{names[min(names)]}"))
        run(args, names)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(admin, autocommit=True) as c:
                for name in names.values():
                    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    print(f"dropped scratch database {name}")


def _row(label: str, size: int, m: dict) -> str:
    p50, p95 = m["p50"], m["p95"]
    rec = f"{m['recall']:.3f}" if "recall" in m else ""
    return (
        f"{size:>10,} {label:<16} {statistics.median(p50):>7.1f} {statistics.median(p95):>7.1f}"
        f"   {min(p95):>6.1f}-{max(p95):<6.1f} {rec:>8}"
    )


def fill_wordings(workers: int, ids: list[int] | None = None) -> int:
    """``match_wording`` for the stored claims without a current one (a database loaded
    before the column, or by other matching code), computed by ``workers`` processes and
    written with one ``UPDATE`` from a ``COPY``; only the claims ``ids`` if given. Returns
    how many were written."""
    from django.db import connection

    from claims.matching import stored

    prefix = f'["{stored.version()}",'
    only = "AND id = ANY(%s)" if ids is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, CASE WHEN claim_text <> '' THEN claim_text ELSE text END"
            f" FROM claims_claim WHERE NOT starts_with(match_wording, %s) {only} ORDER BY id",
            [prefix, ids] if ids is not None else [prefix],
        )
        rows = cursor.fetchall()
    if not rows:
        return 0
    chunks = [rows[i : i + 2000] for i in range(0, len(rows), 2000)]
    with Pool(workers) as pool, connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_wording (id bigint, wording text)")
        with cursor.cursor.copy("COPY bench_wording (id, wording) FROM STDIN") as copy:
            for n, chunk in enumerate(pool.imap(_wording_batch, chunks), 1):
                for row in chunk:
                    copy.write_row(row)
                if n % 50 == 0:
                    print(f"  wordings {n * 2000:,}", file=sys.stderr, flush=True)
        cursor.execute(
            "UPDATE claims_claim c SET match_wording = w.wording FROM bench_wording w"
            " WHERE c.id = w.id"
        )
        cursor.execute("DROP TABLE bench_wording")
        # An updated row moves (a new version at the table's end), and the lookup ranks the
        # first RANK_POOL index hits in the table's order: the rows rewritten in the order
        # they were loaded, or the claims just filled would fall out of the pool of texts
        # whose rare words hit more than RANK_POOL rows (recall@5 0.96 -> 0.81 at 1M when
        # the retrieved ones were filled). No ANALYZE: new statistics move the rare words.
        cursor.execute("CLUSTER claims_claim USING claims_claim_pkey")
    return len(rows)


def use_database(name: str, workers: int = 1, retrieved: list[str] | None = None) -> None:
    """Point Django's connection at another database of the same server, migrated (with
    the stored wordings computed by ``workers`` processes before the migration that would
    fill them one by one).

    ``retrieved``: fill only the wordings of the claims these texts retrieve (what the timed
    code reads; the migration's fill is skipped): a database loaded by code without the
    column is measured in seconds instead of the ~20 minutes of a million wordings.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from claims.matching.retrieval import CANDIDATES, candidate_ids

    connection.close()
    connection.settings_dict["NAME"] = name
    applied = MigrationRecorder(connection).applied_migrations()
    fill = ("claims", "0029_fill_match_wording") not in applied
    if fill:
        call_command("migrate", "claims", "0028_claim_match_wording", verbosity=0)
    if retrieved is None:
        fill_wordings(workers)  # (stale ones too: the matching code changed since)
    else:
        ids = sorted({pk for text in retrieved for pk in candidate_ids(text, limit=CANDIDATES)})
        print(
            f"wordings of the {len(ids):,} claims the queries retrieve: "
            f"{fill_wordings(workers, ids):,} written"
        )
        if fill:
            call_command("migrate", "claims", "0029_fill_match_wording", fake=True, verbosity=0)
    call_command("migrate", verbosity=0)


def run(args, names: dict[int, str]) -> None:
    import django

    django.setup()
    from django.db import connection
    from matching_quality import load_sentences, paraphrase

    from claims.matching import cells
    from claims.matching.retrieval import CANDIDATES
    from claims.models import Claim, EmbeddingCell

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

    print(f"PostgreSQL {connection.pg_version}; {len(stored_real)} real sentences stored;")
    print(f"{len(queries)} queries ({sum(o is not None for _, o in queries)} paraphrases);")
    print(f"{args.repeat} timed runs per size: median of the runs' p50 and p95, and p95 range.")
    results = {}
    for size, name in names.items():
        use_database(
            name, args.workers, [t for t, _ in queries] if args.wordings == "retrieved" else None
        )
        stored = Claim.objects.count()
        if stored > size:
            sys.exit(f"{stored:,} claims in {name}, more than {size:,}: use a fresh database.")
        batch = stored_real[: size - stored] if stored == 0 else []
        if args.quick:
            from claims.matching import normalize

            generated = generate(
                [normalize(t) for t in stored_real], size - stored - len(batch), rng
            )
        else:
            generated = generate(stored_real, size - stored - len(batch), rng)
        batch += generated
        normal = len(generated) if args.quick else 0
        seconds = insert(batch, rng, args.workers, normal) if batch else 0.0
        started = time.perf_counter()
        insert_vectors(set(stored_real), rng)
        seconds += time.perf_counter() - started
        if not EmbeddingCell.objects.exists():  # the cells of a database kept from before
            started = time.perf_counter()
            built, filed = cells.build()
            print(
                f"{built} embedding cells over {filed:,} vectors in "
                f"{time.perf_counter() - started:.0f} s",
                flush=True,
            )
        load = os.getloadavg()[0]
        m = measure(
            queries, args.repeat, args.candidates or CANDIDATES, previous=not args.skip_previous
        )
        results[size] = m
        print(
            f"\n{size:,} claims in {name} (inserted {len(batch):,} in {seconds:.0f} s); "
            f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, 2 cores"
        )
        print(
            f"{'claims':>10} {'method':<16} {'p50 ms':>7} {'p95 ms':>7}   {'p95 range':<13} "
            f"{'recall@5':>8}"
        )
        for label, data in m.items():
            print(_row(label, size, data), flush=True)
        if args.touch:
            touched, found, lexical = touched_recall(queries, args.candidates or CANDIDATES)
            print(
                f"after a status change of the {touched} stored originals (rolled back):"
                f" recall@5 {found:.3f}, lexical {lexical:.3f}",
                flush=True,
            )
        for text, _ in queries[: args.explain]:
            print(f"\nEXPLAIN for: {text}")
            explain(text)
    if len(results) > 1:
        small, large = min(results), max(results)
        print(f"\ngrowth {small:,} -> {large:,} claims ({large / small:.0f}x the rows):")
        for label in results[small]:
            a, b = results[small][label], results[large][label]
            r50 = statistics.median(b["p50"]) / statistics.median(a["p50"])
            r95 = statistics.median(b["p95"]) / statistics.median(a["p95"])
            print(f"  {label:<16} p50 x{r50:.2f}  p95 x{r95:.2f}")


if __name__ == "__main__":
    main()
