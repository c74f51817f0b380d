"""Fill a PostgreSQL database with a realistic claim record, fast (COPY), for the benchmarks.

    .venv/bin/python bench/generate_data.py --claims 100000 \\
        [--database-url postgres://postgres@127.0.0.1:5432/bench_load] [--fresh]

``--claims`` is the total wanted: the database is migrated, then topped up to that many
claims (so 10k -> 100k -> 1M runs add only what is missing); ``--fresh`` drops it first.

What a top-up writes, per claim, in the mix a desk that triages its pipeline output has:
about one article per 8 claims (text, outlet, author, dates); claims in every status
(candidate 30%, dismissed 12%, duplicate 5% of a published claim, queued 12%, in review 4%,
pending approval 3%, published 34%, of which 12% carry a correction (two revisions, the
first superseded) and 3% were reopened and wait in the queue again with their verdict still
public); verdict revisions with ratings across the scale, their cited sources, the events
of every step, a queue entry for each triaged claim and an open assignment for each claim
in review. The sync key (``Claim.synced_at``) is written as its triggers would.

Speed: one COPY per table per chunk, with the session in ``replica`` replication role (no
FK or user triggers run during the load; the rows are consistent by construction) and the
full-text GIN indexes (claim matching, the claims list's search) rebuilt once at the end.
The verdict's date (``Claim.verdict_published_at``) is written as its triggers would too.
``match_text`` is the lower-cased text rather than ``claims.matching.normalize`` (~0.4 ms a
claim). Prints rows/s.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.report import django_env, record

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_load"
CHUNK = 20_000
REVIEWERS = 16
EDITORS = 4

STATUS_MIX = [
    ("candidate", 30),
    ("dismissed", 12),
    ("duplicate", 5),
    ("queued", 12),
    ("in_review", 4),
    ("pending_approval", 3),
    ("published", 34),
]
OUTLETS = ["Example News", "The Daily Sample", "Placeholder Post", "Test Herald", "Mock Times"]
CLAIMANTS = ["the minister", "EU sources", "a company spokesperson", "the envoy", "officials", ""]
SUBJECTS = [
    "unemployment",
    "gas prices",
    "border crossings",
    "the deficit",
    "vaccination rates",
    "crime",
    "rents",
    "exports",
    "the armistice line",
    "emissions",
]
VERBS = ["rose by", "fell by", "doubled to", "reached", "stayed near", "dropped below"]
PLACES = ["the capital", "the north", "coastal regions", "the eurozone", "rural districts"]
RATING_WEIGHTS = {
    "false": 20,
    "mostly_false": 18,
    "mixed": 15,
    "mostly_true": 17,
    "true": 15,
    "misleading": 10,
    "unverifiable": 5,
}


def ensure_database(url: str, *, fresh: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_people() -> dict:
    """Users, groups and the queue every triaged claim waits in (ORM; idempotent)."""
    from django.contrib.auth.models import Group, User

    from claims.models import Rating
    from reviewers.models import ReviewQueue

    def user(name: str, group: str) -> User:
        u, created = User.objects.get_or_create(username=name)
        if created:
            u.set_unusable_password()
            u.save()
        u.groups.add(Group.objects.get(name=group))
        return u

    checkers = [user(f"bench-checker-{i}", "fact-checkers") for i in range(REVIEWERS)]
    editors = [user(f"bench-editor-{i}", "editors") for i in range(EDITORS)]
    user("bench-consumer", "api-consumers")
    queue = ReviewQueue.objects.filter(is_default=True).first() or ReviewQueue.objects.first()
    queue.members.add(*checkers)
    ratings = dict(Rating.objects.values_list("slug", "id"))
    return {
        "checkers": [u.pk for u in checkers],
        "editors": [u.pk for u in editors],
        "queue": queue.pk,
        "ratings": ratings,
    }


class Ids:
    def __init__(self, cur, tables):
        self.next = {}
        for table in tables:
            cur.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
            self.next[table] = cur.fetchone()[0] + 1

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


TABLES = {
    "claims_article": (
        "id",
        "url",
        "canonical_url",
        "origin",
        "title",
        "outlet",
        "author",
        "published_at",
        "language",
        "text",
        "content_hash",
        "status",
        "error",
        "created_at",
        "updated_at",
    ),
    "claims_claim": (
        "id",
        "article_id",
        "text",
        "text_hash",
        "span_start",
        "span_end",
        "claimant",
        "sourcing",
        "checkworthiness",
        "flags",
        "status",
        "assignee_id",
        "published_verdict_id",
        "canonical_id",
        "created_at",
        "updated_at",
        "match_text",
        "synced_at",
        "verdict_published_at",
    ),
    "claims_verdict": (
        "id",
        "claim_id",
        "version",
        "rating_id",
        "headline",
        "summary",
        "rationale",
        "author_id",
        "created_at",
        "state",
        "decided_by_id",
        "decided_at",
        "decision_note",
        "published_at",
    ),
    "claims_sourcelink": (
        "id",
        "claim_id",
        "url",
        "title",
        "kind",
        "stance",
        "added_by_id",
        "added_at",
    ),
    "claims_citation": ("id", "verdict_id", "source_id"),
    "claims_claimevent": (
        "id",
        "claim_id",
        "actor_id",
        "kind",
        "from_status",
        "to_status",
        "verdict_id",
        "note",
        "data",
        "created_at",
    ),
    "reviewers_queueentry": (
        "id",
        "claim_id",
        "queue_id",
        "entered_at",
        "due_at",
        "priority_at",
        "waiting",
    ),
    "reviewers_assignment": (
        "id",
        "claim_id",
        "reviewer_id",
        "queue_id",
        "assigned_by_id",
        "assigned_at",
        "lease_expires_at",
        "ended_at",
        "end_reason",
    ),
}


class Chunk:
    """The rows of one chunk of claims, built in memory and then copied table by table."""

    def __init__(self, ids: Ids, people: dict, rng: random.Random, now: datetime):
        self.ids, self.people, self.rng, self.now = ids, people, rng, now
        self.rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
        # (claim id, updated_at, its verdict's published_at)
        self.published: list[tuple[int, datetime, datetime]] = []
        self.statuses = [s for s, _ in STATUS_MIX]
        self.weights = [w for _, w in STATUS_MIX]
        self.rating_slugs = list(RATING_WEIGHTS)
        self.rating_weights = list(RATING_WEIGHTS.values())

    def moment(self, start: datetime, max_hours: float) -> datetime:
        return start + timedelta(seconds=self.rng.random() * max_hours * 3600)

    def article(self) -> tuple[int, datetime]:
        rng, aid = self.rng, self.ids.take("claims_article")
        created = self.now - timedelta(days=rng.random() * 730)
        updated = self.moment(created, 2)
        outlet = rng.choice(OUTLETS)
        host = outlet.lower().replace(" ", "") + ".example"
        url = f"https://{host}/{created:%Y/%m}/story-{aid}"
        text = " ".join(self.sentence(aid * 10 + i) for i in range(6))
        self.rows["claims_article"].append(
            (
                aid,
                url,
                url,
                "url",
                f"Story {aid}: {rng.choice(SUBJECTS)} in {rng.choice(PLACES)}",
                outlet,
                f"Reporter {aid % 97}",
                created - timedelta(hours=3),
                "en",
                text,
                hashlib.sha256(f"bench-article-{aid}".encode()).hexdigest(),
                "done",
                "",
                created,
                updated,
            )
        )
        return aid, updated

    def sentence(self, n: int) -> str:
        rng = self.rng
        return (
            f"{rng.choice(SUBJECTS).capitalize()} in {rng.choice(PLACES)} {rng.choice(VERBS)} "
            f"{n % 9973} units in {2000 + n % 26}, {rng.choice(CLAIMANTS) or 'the report'} said."
        )

    def event(self, claim_id, actor, kind, frm, to, at, verdict_id=None, note=""):
        self.rows["claims_claimevent"].append(
            (
                self.ids.take("claims_claimevent"),
                claim_id,
                actor,
                kind,
                frm,
                to,
                verdict_id,
                note,
                "{}",
                at,
            )
        )

    def verdict(self, claim_id, version, state, author, editor, at, published):
        vid = self.ids.take("claims_verdict")
        slug = self.rng.choices(self.rating_slugs, self.rating_weights)[0]
        decided = at + timedelta(hours=2) if state != "proposed" else None
        self.rows["claims_verdict"].append(
            (
                vid,
                claim_id,
                version,
                self.people["ratings"][slug],
                f"Rated {slug.replace('_', ' ')} (v{version})",
                "What the records show, in two sentences, with the figures that matter.",
                "",
                author,
                at,
                state,
                editor if decided else None,
                decided,
                "",
                decided if published else None,
            )
        )
        return vid, decided

    def source(self, claim_id, n, author, at) -> int:
        sid = self.ids.take("claims_sourcelink")
        self.rows["claims_sourcelink"].append(
            (
                sid,
                claim_id,
                f"https://evidence.example.org/{claim_id}/{n}",
                f"Evidence {n} for claim {claim_id}",
                "primary_document",
                "supports",
                author,
                at,
            )
        )
        return sid

    def claim(self, article_id: int, article_updated: datetime, position: int) -> None:
        rng, people = self.rng, self.people
        cid = self.ids.take("claims_claim")
        status = rng.choices(self.statuses, self.weights)[0]
        if status == "duplicate" and not self.published:
            status = "candidate"
        text = self.sentence(cid)
        created = article_updated + timedelta(seconds=30 + position)
        t = created
        checker = rng.choice(people["checkers"])
        editor = rng.choice(people["editors"])
        assignee = published_verdict = canonical = entry = verdict_at = None
        claimant = rng.choice(CLAIMANTS)
        self.event(cid, None, "created", "", "candidate", t)
        reopened = corrected = False
        if status == "dismissed":
            t = self.moment(t, 48)
            self.event(cid, editor, "dismissed", "candidate", "dismissed", t, note="Opinion.")
        elif status == "duplicate":
            canonical, canonical_updated, verdict_at = rng.choice(self.published)
            t = self.moment(t, 48)
            self.event(cid, editor, "merged", "candidate", "duplicate", t)
        elif status != "candidate":
            t = self.moment(t, 24)
            self.event(cid, editor, "triaged", "candidate", "queued", t)
            due = t + timedelta(hours=48)
            priority = due - timedelta(hours=12 * rng.random())
            # Written below, once the final status says whether the claim still waits.
            entry = (self.ids.take("reviewers_queueentry"), cid, people["queue"], t, due, priority)
        if status in ("in_review", "pending_approval", "published"):
            t = self.moment(t, 24)
            assignee = checker
            self.event(cid, checker, "assigned", "queued", "in_review", t)
            taken = t
            sources = [self.source(cid, n, checker, self.moment(t, 2)) for n in (1, 2)]
            t += timedelta(hours=3)
            for _ in sources:
                self.event(cid, checker, "source_added", "", "", t)
            if status == "in_review":
                self.rows["reviewers_assignment"].append(
                    (
                        self.ids.take("reviewers_assignment"),
                        cid,
                        checker,
                        people["queue"],
                        None,
                        taken,
                        self.now + timedelta(hours=24),
                        None,
                        "",
                    )
                )
        if status in ("pending_approval", "published"):
            corrected = status == "published" and rng.random() < 0.12
            state = (
                "proposed"
                if status == "pending_approval"
                else ("superseded" if corrected else "approved")
            )
            vid, decided = self.verdict(cid, 1, state, checker, editor, t, status == "published")
            self.rows["claims_citation"].append((self.ids.take("claims_citation"), vid, sources[0]))
            self.event(cid, checker, "proposed", "in_review", "pending_approval", t, vid)
            if status == "pending_approval":
                self.rows["reviewers_assignment"].append(
                    (
                        self.ids.take("reviewers_assignment"),
                        cid,
                        checker,
                        people["queue"],
                        None,
                        taken,
                        self.now + timedelta(hours=24),
                        None,
                        "",
                    )
                )
            else:
                t = verdict_at = decided
                self.event(cid, editor, "approved", "pending_approval", "published", t, vid)
                published_verdict = vid
                if corrected:
                    t = self.moment(t, 24 * 30)
                    self.event(cid, editor, "reopened", "published", "queued", t, note="New data.")
                    t = self.moment(t, 24)
                    vid2, decided = self.verdict(cid, 2, "approved", checker, editor, t, True)
                    for sid in sources:
                        self.rows["claims_citation"].append(
                            (self.ids.take("claims_citation"), vid2, sid)
                        )
                    self.event(cid, checker, "proposed", "in_review", "pending_approval", t, vid2)
                    t = verdict_at = decided
                    self.event(cid, editor, "approved", "pending_approval", "published", t, vid2)
                    published_verdict = vid2
                assignee = None
                if rng.random() < 0.03:  # reopened, waiting again, verdict still public
                    reopened = True
                    t = self.moment(t, 24 * 30)
                    self.event(cid, editor, "reopened", "published", "queued", t, note="Check.")
        final = "queued" if reopened else status
        if entry is not None:
            self.rows["reviewers_queueentry"].append((*entry, final == "queued"))
        updated = t
        synced = max(updated, article_updated)
        if canonical is not None:
            synced = max(synced, canonical_updated)
        span = position * 120
        self.rows["claims_claim"].append(
            (
                cid,
                article_id,
                text,
                hashlib.sha256(text.lower().encode()).hexdigest(),
                span,
                span + len(text),
                claimant,
                "named" if claimant else "unattributed",
                round(rng.random(), 3),
                "[]",
                final,
                assignee,
                published_verdict,
                canonical,
                created,
                updated,
                text.lower(),
                synced,
                verdict_at,
            )
        )
        if status == "published" and not reopened:
            self.published.append((cid, updated, verdict_at))


def copy_chunk(cur, chunk: Chunk) -> int:
    total = 0
    for table, columns in TABLES.items():
        rows = chunk.rows[table]
        if not rows:
            continue
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        total += len(rows)
    return total


def generate(database_url: str, claims: int, *, fresh: bool = False, seed: int = 8) -> dict:
    """Top the database up to ``claims`` claims. Returns the figures it printed."""
    ensure_database(database_url, fresh=fresh)
    django_env(database_url)
    import django

    django.setup()
    import psycopg
    from django.core.management import call_command
    from django.db import connection

    from claims import search
    from claims.matching.retrieval import ensure_index

    call_command("migrate", verbosity=0)
    people = setup_people()
    connection.close()
    with psycopg.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM claims_claim")
        existing = cur.fetchone()[0]
        missing = claims - existing
        if missing <= 0:
            print(f"{existing:,} claims already there; nothing to add")
            return {"claims": existing, "added": 0}
        print(f"{existing:,} claims there; adding {missing:,} ...", flush=True)
        rng = random.Random(seed + existing)
        ids = Ids(cur, TABLES)
        now = datetime.now(UTC)
        cur.execute("SET session_replication_role = replica")
        cur.execute("DROP INDEX IF EXISTS claim_match_vector_gin")
        for sql in search.POSTGRES_DROP:  # the claims list's search indexes, likewise
            cur.execute(sql)
        conn.commit()
        started = time.perf_counter()
        rows = added = 0
        chunk = Chunk(ids, people, rng, now)
        while added < missing:
            chunk.rows = {table: [] for table in TABLES}
            target = min(CHUNK, missing - added)
            made = 0
            while made < target:
                article_id, article_updated = chunk.article()
                for position in range(min(rng.randint(4, 12), target - made)):
                    chunk.claim(article_id, article_updated, position)
                    made += 1
            rows += copy_chunk(cur, chunk)
            conn.commit()
            added += made
            elapsed = time.perf_counter() - started
            total = existing + added
            print(
                f"  {total:>10,} claims {rows:>11,} rows {rows / elapsed:>9,.0f} rows/s", flush=True
            )
        load_seconds = time.perf_counter() - started
        for table in TABLES:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cur.execute("SET session_replication_role = origin")
        conn.commit()
    index_started = time.perf_counter()
    ensure_index(connection)  # the GIN index of claim matching, over the whole table
    search.ensure_index(connection)
    with psycopg.connect(database_url, autocommit=True) as conn:
        for table in TABLES:
            conn.execute(f"VACUUM ANALYZE {table}")
    index_seconds = time.perf_counter() - index_started
    figures = {
        "claims": existing + added,
        "added": added,
        "rows": rows,
        "load_s": round(load_seconds, 1),
        "rows_per_s": round(rows / load_seconds),
        "claims_per_s": round(added / load_seconds),
        "index_and_analyze_s": round(index_seconds, 1),
    }
    print(
        f"added {added:,} claims ({rows:,} rows) in {load_seconds:.1f} s: "
        f"{figures['rows_per_s']:,} rows/s, {figures['claims_per_s']:,} claims/s; "
        f"GIN index + VACUUM ANALYZE {index_seconds:.1f} s"
    )
    record("generate_data", f"{existing:,} -> {existing + added:,} claims", figures)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True, help="total claims wanted")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    args = parser.parse_args()
    generate(args.database_url, args.claims, fresh=args.fresh)


if __name__ == "__main__":
    main()
