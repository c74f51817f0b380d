""""Checked before?" end to end on pairs written by people: retrieval, then the re-ranking.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/matching_retrieval.py [--generated N] [--keep]

``bench/matching_pairs.py`` scores each written pair on its own: it says whether the matcher
would link the two claims if it compared them. A desk (``find_matches_for``) and a consumer
(``GET /api/v1/claims/match/``) first ask the index for ``CANDIDATES`` claims and re-rank
only those, so a rewording that shares too few rare words with its stored claim is never
compared at all. This bench measures that loss on the written development pairs:

* stored: the first side of every pair (its claim, as the extractor's ``claim_text`` would
  be), the second side of every different-claim pair (a near-miss on the same story, as a
  desk's archive holds them), the real check-worthy sentences of ``../shared/data/
  claim-detection`` and, with ``--generated N``, N generated sentences (a real one with 40%
  of its words redrawn, ``matching_speed.generate``). Every stored claim gets its real
  embedding (the committed model, one text per run, as matching writes them);
* asked: the second side of every same-claim pair, through ``find_similar`` as the API
  does (the frame removed, its speaker as the claimant signal), and the pair alone through
  ``match_score`` as ``matching_pairs.py`` does.

Printed per set: same-claim pairs the pair alone finds (suggest or auto), the share of those
whose stored claim is among the word index's candidates (``indexed``), among the candidates
re-ranked (``ranked``: the index's and the nearest claims of the embedding cells, as
``find_similar`` asks; with ``--nearest K`` the K nearest by embedding over every stored
vector instead, exact: the most an approximate index could add; ``--no-cells``: the index's
alone, as before the cells), and in the top 5 of the re-ranking (what a user sees); then
the near-misses wrongly returned. The cells are built afresh for each run. Held-out files are
never read unless named with ``--pairs``. PostgreSQL only (the production shape); the
scratch database is dropped after the run unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")

LABELS = REPO / "bench" / "labels"
DEVELOPMENT = (
    "matching-pairs.jsonl:tune",
    "matching-pairs-numbers.jsonl",
    *(f"matching-pairs-dev{n}.jsonl" for n in range(2, 10)),
)
COLUMNS = (
    "text, claim_text, text_hash, claimant, sourcing, flags, status, created_at, updated_at,"
    " match_text, match_wording"
)


def pair_sets(names: list[str]) -> dict[str, list[dict]]:
    from matching_pairs import load

    out = {}
    for name in names:
        file, _, half = name.partition(":")
        out[name] = load(LABELS / file, half or "all")
    return out


def store(texts: list[str]) -> dict[str, int]:
    """COPY each text in as a claim (its claim text: the frame removed), index it, embed it.
    The claim ids by text."""
    from django.db import connection

    from claims.embeddings import encode, model_id
    from claims.matching import normalize, stored
    from claims.matching.query import claim_of
    from claims.matching.retrieval import ensure_index
    from claims.matching.vectors import pack, text_hash
    from claims.workflow import text_fingerprint

    claims = [claim_of(t) for t in texts]
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY claims_claim ({COLUMNS}) FROM STDIN") as copy:
            for n, (text, claim) in enumerate(zip(texts, claims, strict=True), 1):
                claim_text = "" if claim == text else claim
                row = (text, claim_text, text_fingerprint(text), "", "unattributed", "[]")
                copy.write_row(
                    (*row, "queued", "now", "now", normalize(claim), stored.encode(claim))
                )
                if n % 20_000 == 0:
                    print(f"  stored {n:,}", file=sys.stderr, flush=True)
        cursor.execute("SELECT id, text FROM claims_claim")
        ids = {text: pk for pk, text in cursor.fetchall()}
    ensure_index(connection)
    model = model_id()
    with connection.cursor() as cursor:
        sql = "COPY claims_claimembedding (claim_id, model, text_hash, vector) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for n, (text, claim) in enumerate(zip(texts, claims, strict=True), 1):
                vector = encode([claim])[0]
                copy.write_row((ids[text], model, text_hash(claim), pack(vector)))
                if n % 20_000 == 0:
                    print(f"  embedded {n:,}", file=sys.stderr, flush=True)
        cursor.execute("ANALYZE claims_claim")
        cursor.execute("ANALYZE claims_claimembedding")
    return ids


class Nearest:
    """The ``k`` stored claims nearest ``text`` by embedding cosine, over every stored
    vector (exact, in memory): what an approximate index could add to the lexical
    candidates at best."""

    def __init__(self, k: int):
        import numpy as np
        from django.db import connection

        from claims.matching.vectors import unpack

        self.k = k
        with connection.cursor() as cursor:
            cursor.execute("SELECT claim_id, vector FROM claims_claimembedding ORDER BY claim_id")
            rows = cursor.fetchall()
        self.ids = np.array([pk for pk, _ in rows])
        self.matrix = np.stack([unpack(v) for _, v in rows]) if rows else np.zeros((0, 384))

    def __call__(self, text: str) -> list[int]:
        import numpy as np

        from claims.embeddings import encode_one

        if not self.k:
            return []
        cosines = self.matrix @ encode_one(text)
        return self.ids[np.argsort(-cosines)[: self.k]].tolist()


def find(text: str, claimant: str, nearest: Nearest, exclude: tuple[int, ...] = ()) -> tuple:
    """(the index's candidate ids, the ids re-ranked, the top-5 matches): as
    ``find_similar`` (the index and the embedding cells, ``retrieval.candidates``), or with
    ``nearest`` the index and the exact nearest claims by embedding."""
    from claims.matching.retrieval import candidate_ids, candidates, in_order, rank
    from claims.models import Claim

    lexical = candidate_ids(text, exclude=exclude)
    if nearest.k:
        ids = [pk for pk in dict.fromkeys(lexical + nearest(text)) if pk not in exclude]
    else:
        ids = candidates(text, exclude=exclude)
    found = rank(text, in_order(Claim.objects.all(), ids), top=5, claimant=claimant)
    return lexical, ids, found


def measure(pairs: list[dict], ids: dict[str, int], nearest: Nearest) -> dict[str, float | int]:
    from claims.matching import semantic
    from claims.matching.claimants import same_claimant
    from claims.matching.query import framed
    from claims.matching.score import match_score

    same = [p for p in pairs if p["same"]]
    alone = retrieved = widened = shown = 0
    for p in same:
        (a, who_a), (b, who_b) = framed(p["a"]), framed(p["b"])
        if match_score(a, b, same_claimant=same_claimant(who_a, who_b)).decision == "none":
            continue
        alone += 1
        target = ids[p["a"]]
        lexical, candidates, found = find(b, who_b, nearest)
        retrieved += target in lexical
        widened += target in candidates
        shown += any(m.claim.pk == target for m in found)
    wrong = 0
    different = [p for p in pairs if not p["same"]]
    for p in different:
        b, who_b = framed(p["b"])
        # The near-miss itself is stored too: ask whether the first side is wrongly shown.
        target = ids[p["a"]]
        found = find(b, who_b, nearest, exclude=(ids[p["b"]],))[2]
        wrong += any(m.claim.pk == target for m in found)
    semantic._vectors.clear()
    return {
        "same": len(same),
        "alone": alone,
        "retrieved": retrieved,
        "widened": widened,
        "shown": shown,
        "different": len(different),
        "wrong": wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", nargs="+", default=list(DEVELOPMENT))
    parser.add_argument("--generated", type=int, default=0, help="generated claims stored")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the database")
    parser.add_argument(
        "--nearest",
        type=int,
        default=0,
        help="instead of the embedding cells, the K nearest stored claims (exact)",
    )
    parser.add_argument(
        "--cells", type=int, default=None, help="build N embedding cells (default 4 sqrt(n))"
    )
    parser.add_argument(
        "--no-cells", action="store_true", help="measure without embedding cells (as before)"
    )
    parser.add_argument("--probes", type=int, default=None, help="cells read per text")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point at PostgreSQL (the server for the scratch database).")
    parts = urlsplit(base)
    admin = urlunsplit(parts._replace(path="/postgres"))
    name = f"bench_retrieval_{args.generated}" if args.keep else f"bench_retrieval_{os.getpid()}"

    import psycopg

    with psycopg.connect(admin, autocommit=True) as c:
        fresh = not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if fresh:
            c.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        run(args, fresh)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args, fresh: bool) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from matching_quality import DATA, load_sentences
    from matching_speed import generate

    from claims.matching.retrieval import CANDIDATES, RANK_POOL

    sets = pair_sets(args.pairs)
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, text FROM claims_claim")
        ids = {text: pk for pk, text in cursor.fetchall()}
    if fresh or not ids:
        texts = dict.fromkeys(p["a"] for pairs in sets.values() for p in pairs)
        texts.update(dict.fromkeys(p["b"] for ps in sets.values() for p in ps if not p["same"]))
        real = load_sentences(DATA)
        texts.update(dict.fromkeys(real))
        texts.update(dict.fromkeys(generate(real, args.generated, random.Random(args.seed))))
        ids = store(list(texts))
    print(
        f"{len(ids):,} stored claims ({args.generated:,} generated); "
        f"{CANDIDATES} candidates re-ranked, pool {RANK_POOL}"
    )
    from claims.matching import cells
    from claims.models import EmbeddingCell

    EmbeddingCell.objects.all().delete()
    if args.probes:
        cells.PROBES = args.probes
    if args.no_cells:
        cells.nearest = lambda *args, **kwargs: []  # the index alone
    elif not args.nearest:
        built, filed = cells.build(cells=args.cells)
        print(f"{built} embedding cells built over {filed:,} vectors, {cells.PROBES} probed")
    nearest = Nearest(args.nearest)
    if args.nearest:
        print(f"candidates: the index's and the {args.nearest} nearest by embedding (exact)")
    print(
        f"{'set':<34} {'same':>5} {'alone':>6} {'indexed':>8} {'ranked':>8} {'top 5':>6}"
        f" {'different':>9} {'wrongly shown':>13}"
    )
    keys = ("same", "alone", "retrieved", "widened", "shown", "different", "wrong")
    total = dict.fromkeys(keys, 0)
    for name, pairs in sets.items():
        m = measure(pairs, ids, nearest)
        for key in total:
            total[key] += m[key]
        print(_row(name, m))
    print(_row("all", total))


def _row(name: str, m: dict) -> str:
    alone = max(m["alone"], 1)
    return (
        f"{name:<34} {m['same']:>5} {m['alone'] / max(m['same'], 1):>6.3f}"
        f" {m['retrieved'] / alone:>8.3f} {m['widened'] / alone:>8.3f} {m['shown'] / alone:>6.3f}"
        f" {m['different']:>9} {m['wrong'] / max(m['different'], 1):>13.3f}"
    )


if __name__ == "__main__":
    main()
