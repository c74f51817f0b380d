"""Candidate retrieval: the few stored claims worth scoring against a text, from an index.

``match_score`` compares two texts; comparing a new claim with every stored claim grows with
the table. Retrieval asks a full-text index for the ``limit`` claims sharing the most
informative words with the text, then ``rank`` re-scores only those with ``match_score``.

The index is built on ``Claim.match_text`` (``normalize(claim.statement)``: "fourteen
million" and "14m" are both ``14000000``, "Britain" is ``uk``), kept in step by the database
itself:

- PostgreSQL: a stored generated column ``match_vector = to_tsvector('english', match_text)``
  with a GIN index. The query is built from the text's ``RARE_TERMS`` rarest words, by the
  document frequencies ANALYZE keeps for the column anyway (``pg_stats``, no table of our
  own): claims holding two of them (one only if that finds too few), at most ``RANK_POOL``
  of them ranked by ``ts_rank`` against all the text's words; when more hold two, the ones
  holding three (then four) fill the pool first. Common words ("said", "percent", "year")
  match a large share of a big table: asking for them, or ranking every row they match, is
  what made the lookup grow with the table.
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

from claims.models import Claim

from . import cells, semantic, stored, vectors
from .claimants import same_claimant
from .features import NEGATIONS, STOPWORDS
from .normalize import normalize
from .score import BOUND_MARGIN, MatchResult, best_score, match_score, thresholds

# How many retrieved claims are re-ranked. match_score runs at a few thousand pairs/s on new
# texts (analysis dominates), so re-ranking was most of a lookup's time at 50; at 20 the
# paraphrase recall@5 of bench/matching_speed.py at 1M claims is the same, at 10 lower.
CANDIDATES = 20
# Terms of the query: a long claim's first content words are enough to find its repeats.
MAX_TERMS = 32
PAIR_WINDOW = 3
# PostgreSQL: the query is built from the text's RARE_TERMS rarest words (document
# frequencies from the planner's statistics on the index column): claims holding any two of
# them, ranked by how many of all the text's words they hold. Only when that finds fewer
# than ENOUGH_STRICT claims, claims holding any one of them. Either way at most RANK_POOL
# index hits are ranked: a text of common words only cannot make a lookup rank the table.
# When more than RANK_POOL hold two, the claims holding three, then four, fill it first.
RARE_TERMS = 4
ENOUGH_STRICT = 10
RANK_POOL = 500
# ANALYZE keeps 10 x this many most common lexemes of the column (default target 100:
# 1,000 lexemes, each in more than ~0.2% of a 30,000-row sample); 400 knows 4,000 of them.
STATISTICS_TARGET = 400
FALLBACK_POOL = 500
EXCLUDED_STATUSES = (Claim.Status.DISMISSED, Claim.Status.DUPLICATE)

FTS_TABLE = "claims_claim_match_fts"
GIN_INDEX = "claim_match_vector_gin"
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
    f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON claims_claim USING gin (match_vector)",
    f"ALTER TABLE claims_claim ALTER COLUMN match_vector SET STATISTICS {STATISTICS_TARGET}",
)
POSTGRES_DROP = (
    f"DROP INDEX IF EXISTS {GIN_INDEX}",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS match_vector",
)


# The PostgreSQL lookup, one statement. ``terms``: the text's words as the index stores them
# (``to_tsvector`` of each: stemmed, stop words gone), with their document frequency from
# ``pg_stats`` (0 for a lexeme rarer than the ones ANALYZE keeps). ``rare``: the rarest few.
# Then ``pool``: the claims holding two rare words, if there are at most RANK_POOL of them.
# If there are more, cutting the index hits at RANK_POOL would keep the first ones in the
# table's physical order (a LIMIT without an order), and an updated row is written anew at
# the table's end: a status change could drop a claim out of the pool. So the claims holding
# three rare words come first, then (if those are too many as well) four: each stricter
# tier is asked only when the one before it overflowed (a one-time filter, evaluated before
# any scan), and the pool takes RANK_POOL rows, strictest tier first (in a tier, in the
# table's order, as the scan found them). ``strict`` ranks the pool by ``ts_rank`` against
# all the text's words; ``loose`` runs only if that found too few and asks for one rare
# word. Lexemes are quoted for the tsquery syntax (quotes and backslashes doubled).
_QUOTED = r"'''' || replace(replace({0}.lexeme, '\', '\\'), '''', '''''') || ''''"
_RARE_CTES = (
    "WITH stats AS ("
    " SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs"
    " FROM pg_stats s WHERE s.schemaname = current_schema()"
    " AND s.tablename = 'claims_claim' AND s.attname = 'match_vector'),"
    " terms AS MATERIALIZED ("
    " SELECT t.lexeme, min(w.ord) AS ord"
    " FROM unnest(%s::text[]) WITH ORDINALITY AS w(word, ord)"
    " CROSS JOIN LATERAL unnest(to_tsvector('english'::regconfig, w.word)) AS t"
    " GROUP BY t.lexeme),"
    " rare AS MATERIALIZED ("
    " SELECT terms.lexeme, terms.ord FROM terms LEFT JOIN stats ON true"
    " ORDER BY coalesce(stats.freqs[array_position(stats.elems, terms.lexeme)], 0), terms.ord"
    " LIMIT %s)"
)
# Tiers of the pool: the claims holding k of the rare words, k = 2 .. RARE_TERMS.
TIERS = tuple(range(2, RARE_TERMS + 1))


def _groups_of(k: int) -> str:
    """SQL: the tsquery of every k rare words together (NULL if there are fewer than k)."""
    joins = " JOIN ".join(
        f"rare r{i}" + (f" ON r{i - 1}.ord < r{i}.ord" if i else "") for i in range(k)
    )
    held = " || ' & ' || ".join(_QUOTED.format(f"r{i}") for i in range(k))
    return f"(SELECT string_agg('(' || {held} || ')', ' | ') FROM {joins})::tsquery AS g{k}"


def _tier(k: int) -> str:
    """SQL: the first RANK_POOL + 1 index hits of tier ``k``, asked only if tier k - 1
    overflowed. Parameters: (RANK_POOL,) the conditions, the limit."""
    overflowed = f"(SELECT count(*) FROM hits{k - 1}) > %s AND " if k > TIERS[0] else ""
    return (
        f" hits{k} AS MATERIALIZED (SELECT c.id, c.match_vector, {k} AS tier, c.ctid AS at"
        f" FROM claims_claim c WHERE {overflowed}c.match_vector @@ (SELECT g{k} FROM q)"
        " AND {cond} LIMIT %s)"
    )


POSTGRES_LOOKUP = (
    _RARE_CTES + ","
    " q AS MATERIALIZED (SELECT "
    + ", ".join(_groups_of(k) for k in TIERS)
    + ", (SELECT string_agg("
    + _QUOTED.format("rare")
    + ", ' | ') FROM rare)::tsquery AS singles,"
    " (SELECT string_agg("
    + _QUOTED.format("terms")
    + ", ' | ') FROM terms)::tsquery AS anyq),"
    + ",".join(_tier(k) for k in TIERS)
    + ", pool AS ("
    " SELECT d.id, d.match_vector FROM (SELECT DISTINCT ON (u.id) u.*"
    " FROM ("
    + " UNION ALL ".join(f"SELECT * FROM hits{k}" for k in TIERS)
    + ") u ORDER BY u.id, u.tier DESC) d ORDER BY d.tier DESC, d.at LIMIT %s),"
    " strict AS MATERIALIZED ("
    " SELECT p.id, ts_rank(p.match_vector, (SELECT anyq FROM q)) AS r FROM pool p"
    " ORDER BY r DESC, p.id DESC LIMIT %s),"
    " loose AS ("
    " SELECT h.id, ts_rank(h.match_vector, (SELECT anyq FROM q)) AS r FROM ("
    " SELECT c.id, c.match_vector FROM claims_claim c"
    " WHERE (SELECT count(*) FROM strict) < %s"
    " AND c.match_vector @@ (SELECT singles FROM q) AND {cond} LIMIT %s) h"
    " ORDER BY r DESC, h.id DESC LIMIT %s) "
    "SELECT id FROM (SELECT id, 0 AS tier, r FROM strict"
    " UNION ALL SELECT id, 1 AS tier, r FROM loose) u "
    "GROUP BY id ORDER BY min(tier), max(r) DESC, id DESC LIMIT %s"
)


def rare_terms(text: str, k: int = RARE_TERMS, connection=default_connection) -> list[str]:
    """PostgreSQL: the lexemes the lookup builds its query from for ``text`` (diagnostics)."""
    sql = _RARE_CTES + " SELECT lexeme FROM rare ORDER BY ord"
    with connection.cursor() as cursor:
        cursor.execute(sql, [query_tokens(text), k])
        return [row[0] for row in cursor.fetchall()]


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


def query_tokens(text: str) -> list[str]:
    """Like ``query_terms``, but tokens are kept whole ("3.4"): PostgreSQL parses them."""
    seen = dict.fromkeys(
        t for t in normalize(text).split() if t not in STOPWORDS and t not in NEGATIONS
    )
    return list(seen)[:MAX_TERMS]


def term_groups(terms: Sequence[str], size: int = 2) -> list[tuple[str, ...]]:
    """What the SQLite index is asked for: rows holding ALL words of a group of ``size``
    nearby terms.

    A single-word OR matches a large share of the table through its common words, and the
    rank is then computed for every one of those rows; requiring two of the claim's words,
    within ``PAIR_WINDOW`` positions of each other so that a reordered or partly reworded
    claim still shares many groups, keeps the matching rows few. A text with fewer terms
    than ``size`` asks for all of them.
    """
    if len(terms) <= size:
        return [tuple(terms)] if terms else []
    return [
        tuple(terms[i] for i in group)
        for group in combinations(range(len(terms)), size)
        if group[-1] - group[0] <= PAIR_WINDOW
    ]


def claim_conditions(exclude: Iterable[int], published_only: bool) -> tuple[list[str], list]:
    """SQL conditions on ``claims_claim c`` (and their parameters) for a candidate: a
    possible canonical (not dismissed, not a duplicate), not in ``exclude``, published if
    asked. Shared by the word index and the embedding cells."""
    exclude = [int(pk) for pk in exclude]
    where = ["c.status NOT IN (%s, %s)"]
    params: list = list(EXCLUDED_STATUSES)
    if exclude:
        where.append(f"c.id NOT IN ({', '.join(['%s'] * len(exclude))})")
        params += exclude
    if published_only:
        where.append("c.published_verdict_id IS NOT NULL")
    return where, params


def lookup_sql(
    text: str,
    *,
    limit: int = CANDIDATES,
    exclude: Iterable[int] = (),
    published_only: bool = False,
    vendor: str | None = None,
) -> tuple[str, list] | None:
    """The one statement ``candidate_ids`` runs for ``text`` (None: nothing to look up)."""
    terms = query_terms(text)
    if not terms or limit <= 0:
        return None
    vendor = vendor or default_connection.vendor
    where, params = claim_conditions(exclude, published_only)
    if vendor == "postgresql":
        cond = " AND ".join(where)
        tokens = query_tokens(text)
        tiers: list = []
        for k in TIERS:
            tiers += ([RANK_POOL] if k > TIERS[0] else []) + [*params, RANK_POOL + 1]
        return POSTGRES_LOOKUP.format(cond=cond), [
            tokens,
            RARE_TERMS,
            *tiers,
            RANK_POOL,
            limit,
            ENOUGH_STRICT,
            *params,
            RANK_POOL,
            limit,
            limit,
        ]
    groups = term_groups(terms)
    if vendor == "sqlite":
        query = " OR ".join("(" + " AND ".join(f'"{t}"' for t in g) + ")" for g in groups)
        sql = (
            f"SELECT c.id FROM {FTS_TABLE} f JOIN claims_claim c ON c.id = f.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND {' AND '.join(where)} "
            f"ORDER BY bm25({FTS_TABLE}), c.id DESC LIMIT %s"
        )
        return sql, [query, *params, limit]
    sql = (
        f"SELECT c.id FROM claims_claim c WHERE {' AND '.join(where)} "
        "ORDER BY c.updated_at DESC LIMIT %s"
    )
    return sql, [*params, FALLBACK_POOL]


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
    statement = lookup_sql(
        text,
        limit=limit,
        exclude=exclude,
        published_only=published_only,
        vendor=connection.vendor,
    )
    if statement is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return [row[0] for row in cursor.fetchall()]


def candidates(
    text: str,
    *,
    limit: int = CANDIDATES,
    exclude: Iterable[int] = (),
    published_only: bool = False,
) -> list[int]:
    """What ``find_similar`` re-ranks: the word index's candidates, then (with the embedding
    re-ranker on) the ``cells.NEAREST`` stored claims nearest ``text`` by embedding that
    the index did not return: a rewording in other words shares too few rare words to be
    found by the index (``cells.py``)."""
    ids = candidate_ids(text, limit=limit, exclude=exclude, published_only=published_only)
    if semantic.enabled() and query_terms(text):
        near = cells.nearest(text, exclude=exclude, published_only=published_only)
        ids = list(dict.fromkeys([*ids, *near]))
    return ids


@dataclass(frozen=True, slots=True)
class Match:
    claim: Claim
    result: MatchResult

    @property
    def score(self) -> float:
        return self.result.score


def rank(
    text: str,
    claims: Iterable[Claim],
    *,
    top: int | None = None,
    store: bool = False,
    claimant: str = "",
    claimant_ref: int | None = None,
) -> list[Match]:
    """Re-score ``claims`` (their ``statement``: the claim without its attribution frame)
    against ``text`` with ``match_score``; keep suggest and auto, best first (ties: the
    older claim, which is the likelier canonical).

    ``claimant`` / ``claimant_ref``: who said ``text`` (a name, a ``Claimant`` id); a
    candidate with the same claimant (``claimants.same_claimant``) is raised a little.

    With the re-ranker on, the candidates' stored vectors are read first (one query);
    ``store`` saves the ones that had to be computed.

    A candidate whose best possible score (``best_score``) is under "suggest" is dropped
    without running the conflict detectors: its decision is "none" whatever they find. The
    bound reads the candidate's stored wording (``Claim.match_wording``, ``stored.py``)
    when it is current, instead of analyzing its text.
    """
    claims = list(claims)
    if semantic.enabled():
        vectors.prime(claims, store=store)
    suggest = thresholds()[0]
    found = []
    for claim in claims:
        same = bool(claimant or claimant_ref) and same_claimant(
            claimant, claim.claimant, ref_a=claimant_ref, ref_b=claim.claimant_ref_id
        )
        best = best_score(
            text,
            claim.statement,
            suggest_threshold=suggest,
            same_claimant=same,
            wording_b=stored.of(claim),
        )
        if best < suggest - BOUND_MARGIN:
            continue
        result = match_score(text, claim.statement, same_claimant=same)
        if result.decision != "none":
            found.append(Match(claim, result))
    found.sort(key=lambda m: (-m.score, m.claim.pk))
    return found[:top] if top is not None else found


def in_order(queryset, ids: Sequence[int]) -> list:
    """The rows of ``queryset`` with ``ids``, in that order (one query). Sorted here: an
    ``ORDER BY CASE`` of 20 ids cost the ORM 1.5-2 ms a lookup to build, the database none."""
    if not ids:
        return []
    position = {pk: i for i, pk in enumerate(ids)}
    return sorted(queryset.filter(pk__in=ids), key=lambda row: position[row.pk])


def find_similar(
    text: str,
    *,
    top: int = 5,
    exclude: Iterable[int] = (),
    published_only: bool = False,
    queryset=None,
    limit: int = CANDIDATES,
    store: bool = False,
    claimant: str = "",
    claimant_ref: int | None = None,
) -> list[Match]:
    """The best ``top`` stored claims matching ``text`` (decision suggest or auto).

    Queries: the index lookup, with the re-ranker on the embedding cells' (``candidates``),
    then the candidate rows (``queryset``, default all claims: pass a selector's queryset to
    load what the caller renders). ``claimant`` / ``claimant_ref``: who said ``text``, a
    signal that may raise a candidate (``rank``).
    """
    ids = candidates(text, limit=limit, exclude=exclude, published_only=published_only)
    if not ids:
        return []
    rows = in_order(queryset if queryset is not None else Claim.objects.all(), ids)
    return rank(text, rows, top=top, store=store, claimant=claimant, claimant_ref=claimant_ref)
