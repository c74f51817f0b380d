"""Candidate retrieval: the few stored claims worth scoring against a text, from an index.

``match_score`` compares two texts; comparing a new claim with every stored claim grows with
the table. Retrieval asks a full-text index for the ``limit`` claims sharing the most (and
rarest) groups of nearby content words with the text (``term_groups``), then ``rank``
re-scores only those with ``match_score``.

The index is built on ``Claim.match_text`` (``normalize(text)``: "fourteen million" and "14m"
are both ``14000000``, "Britain" is ``uk``), kept in step by the database itself:

- PostgreSQL: a stored generated column ``match_vector = to_tsvector('english', match_text)``
  with a GIN index. The query asks for claims holding three nearby content words of the
  text, and two only if that finds too few; ranked by ``ts_rank``.
- SQLite: pairs of nearby content words, in an FTS5 external-content table
  ``claims_claim_match_fts`` (porter stemmer) with triggers on insert, update of
  ``match_text`` and delete, ranked by ``bm25``. A migration that makes Django rebuild
  ``claims_claim`` drops its triggers, so ``ensure_index`` (run after every ``migrate``)
  puts them back and rebuilds the index if they were missing.
- Any other database: the most recently updated ``FALLBACK_POOL`` claims (slow to grow, but
  correct); the project runs on the two above.

Only claims that can be a canonical are candidates: not dismissed, not a duplicate
(a duplicate's text is found through its canonical, which said the same thing first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from django.db import connection as default_connection
from django.db.models import Case, IntegerField, When

from claims.models import Claim

from .features import NEGATIONS, STOPWORDS
from .normalize import normalize
from .score import MatchResult, match_score

# How many retrieved claims are re-ranked. match_score runs at ~15k pairs/s on cached
# features, a few thousand on new texts: 50 keeps a lookup in the low milliseconds.
CANDIDATES = 50
# Terms of the query: a long claim's first content words are enough to find its repeats.
MAX_TERMS = 32
PAIR_WINDOW = 3
# PostgreSQL asks for triples first and falls back to pairs only when triples find fewer
# than this many claims: on a large table, pairs of common words match thousands of rows.
ENOUGH_STRICT = 10
FALLBACK_POOL = 500
EXCLUDED_STATUSES = (Claim.Status.DISMISSED, Claim.Status.DUPLICATE)

FTS_TABLE = "claims_claim_match_fts"
_TERM = re.compile(r"[^\W_]+")  # letters and digits only: safe inside both query syntaxes

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON claims_claim BEGIN
      INSERT INTO {FTS_TABLE}(rowid, match_text) VALUES (new.id, new.match_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON claims_claim BEGIN
      INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, match_text)
      VALUES ('delete', old.id, old.match_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF match_text ON claims_claim
    BEGIN
      INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, match_text)
      VALUES ('delete', old.id, old.match_text);
      INSERT INTO {FTS_TABLE}(rowid, match_text) VALUES (new.id, new.match_text);
    END""",
)
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "match_text, content='claims_claim', content_rowid='id', tokenize='porter unicode61')"
)
POSTGRES_CREATE = (
    "ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS match_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, match_text)) STORED",
    "CREATE INDEX IF NOT EXISTS claim_match_vector_gin ON claims_claim USING gin (match_vector)",
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS claim_match_vector_gin",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS match_vector",
)


def ensure_index(connection=default_connection) -> bool:
    """Create the vendor's index if missing (idempotent). True if anything was (re)built."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{FTS_TABLE}_a_"],
            )
            if cursor.fetchone()[0] == len(SQLITE_TRIGGERS):
                return False
            cursor.execute(SQLITE_CREATE)
            for sql in SQLITE_TRIGGERS:
                cursor.execute(sql)
            # Rows written while the triggers were missing: re-read the whole table.
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return True
        if connection.vendor == "postgresql":
            for sql in POSTGRES_CREATE:
                cursor.execute(sql)
            return True
    return False


def drop_index(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            for sql in POSTGRES_DROP:
                cursor.execute(sql)


def query_terms(text: str) -> list[str]:
    """The text's distinct content words, normalized, in order (at most ``MAX_TERMS``)."""
    seen: dict[str, None] = {}
    for token in normalize(text).split():
        if token in STOPWORDS or token in NEGATIONS:
            continue
        for term in _TERM.findall(token):
            seen.setdefault(term, None)
    return list(seen)[:MAX_TERMS]


def term_groups(terms: Sequence[str], size: int = 2) -> list[tuple[str, ...]]:
    """What the index is asked for: rows holding ALL words of a group of ``size`` nearby terms.

    A single-word OR matches a large share of the table through its common words, and the
    rank is then computed for every one of those rows; requiring two (or three) of the
    claim's words, within ``PAIR_WINDOW`` positions of each other so that a reordered or
    partly reworded claim still shares many groups, keeps the matching rows few. A text
    with fewer terms than ``size`` asks for all of them.
    """
    if len(terms) <= size:
        return [tuple(terms)] if terms else []
    return [
        tuple(terms[i] for i in group)
        for group in combinations(range(len(terms)), size)
        if group[-1] - group[0] <= PAIR_WINDOW
    ]


def _tsquery(groups: list[tuple[str, ...]]) -> str:
    return " | ".join("(" + " & ".join(g) + ")" for g in groups)


def candidate_ids(
    text: str,
    *,
    limit: int = CANDIDATES,
    exclude: Iterable[int] = (),
    published_only: bool = False,
    connection=default_connection,
) -> list[int]:
    """Ids of up to ``limit`` canonical-capable claims sharing words with ``text``, best
    first by the index's own rank. One query."""
    terms = query_terms(text)
    if not terms or limit <= 0:
        return []
    exclude = [int(pk) for pk in exclude]
    where = ["c.status NOT IN (%s, %s)"]
    params: list = list(EXCLUDED_STATUSES)
    if exclude:
        where.append(f"c.id NOT IN ({', '.join(['%s'] * len(exclude))})")
        params += exclude
    if published_only:
        where.append("c.published_verdict_id IS NOT NULL")
    vendor = connection.vendor
    groups = term_groups(terms)
    if vendor == "postgresql":
        # One statement: the pairs branch runs only if the triples found too few (its
        # condition is a one-time filter, evaluated before any scan).
        cond = " AND ".join(where)
        sql = (
            "WITH strict AS MATERIALIZED ("
            " SELECT c.id, ts_rank(c.match_vector, q) AS r"
            " FROM claims_claim c, to_tsquery('english'::regconfig, %s) q"
            f" WHERE c.match_vector @@ q AND {cond} ORDER BY r DESC, c.id DESC LIMIT %s),"
            " loose AS ("
            " SELECT c.id, ts_rank(c.match_vector, q) AS r"
            " FROM claims_claim c, to_tsquery('english'::regconfig, %s) q"
            " WHERE (SELECT count(*) FROM strict) < %s"
            f" AND c.match_vector @@ q AND {cond} ORDER BY r DESC, c.id DESC LIMIT %s) "
            "SELECT id FROM (SELECT id, 0 AS tier, r FROM strict"
            " UNION ALL SELECT id, 1 AS tier, r FROM loose) u "
            "GROUP BY id ORDER BY min(tier), max(r) DESC, id DESC LIMIT %s"
        )
        strict = _tsquery(term_groups(terms, 3))
        loose = _tsquery(groups)
        params = [strict, *params, limit, loose, ENOUGH_STRICT, *params, limit, limit]
    elif vendor == "sqlite":
        query = " OR ".join("(" + " AND ".join(f'"{t}"' for t in g) + ")" for g in groups)
        sql = (
            f"SELECT c.id FROM {FTS_TABLE} f JOIN claims_claim c ON c.id = f.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND {' AND '.join(where)} "
            f"ORDER BY bm25({FTS_TABLE}), c.id DESC LIMIT %s"
        )
        params = [query, *params, limit]
    else:
        sql = (
            f"SELECT c.id FROM claims_claim c WHERE {' AND '.join(where)} "
            "ORDER BY c.updated_at DESC LIMIT %s"
        )
        params = [*params, FALLBACK_POOL]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


@dataclass(frozen=True, slots=True)
class Match:
    claim: Claim
    result: MatchResult

    @property
    def score(self) -> float:
        return self.result.score


def rank(text: str, claims: Iterable[Claim], *, top: int | None = None) -> list[Match]:
    """Re-score ``claims`` against ``text`` with ``match_score``; keep suggest and auto,
    best first (ties: the older claim, which is the likelier canonical)."""
    found = []
    for claim in claims:
        result = match_score(text, claim.text)
        if result.decision != "none":
            found.append(Match(claim, result))
    found.sort(key=lambda m: (-m.score, m.claim.pk))
    return found[:top] if top is not None else found


def in_order(queryset, ids: Sequence[int]):
    """``queryset`` restricted to ``ids``, in that order (one query)."""
    if not ids:
        return queryset.none()
    order = Case(*(When(pk=pk, then=i) for i, pk in enumerate(ids)), output_field=IntegerField())
    return queryset.filter(pk__in=ids).order_by(order)


def find_similar(
    text: str,
    *,
    top: int = 5,
    exclude: Iterable[int] = (),
    published_only: bool = False,
    queryset=None,
    limit: int = CANDIDATES,
) -> list[Match]:
    """The best ``top`` stored claims matching ``text`` (decision suggest or auto).

    Two queries: the index lookup, then the candidate rows (``queryset``, default all claims:
    pass a selector's queryset to load what the caller renders).
    """
    ids = candidate_ids(text, limit=limit, exclude=exclude, published_only=published_only)
    if not ids:
        return []
    rows = in_order(queryset if queryset is not None else Claim.objects.all(), ids)
    return rank(text, rows, top=top)
