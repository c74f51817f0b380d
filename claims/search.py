"""Text search of claims for people: the desk's claims list (``q`` and the claimant filter).

A claim is found when every searchable word of ``q`` is in one of three places:

- its **statement** (the claim text without its attribution frame, or the sentence): through
  the full-text index claim matching already keeps on ``Claim.match_text``
  (``claims.matching.retrieval``: a GIN index on the stored ``match_vector`` on PostgreSQL,
  the FTS5 table on SQLite). ``q`` is normalized the same way first, so "14m" finds
  "fourteen million" and "Britain" finds "UK";
- its **claimant** and the claimant's role, together ("EU sources", "transport director");
- its **article's title**;

or ``q`` is a claim id ("1234"; "#1234" is that claim only). Words are whole words
(stemmed on PostgreSQL: "rates" finds "rate"); stop words are ignored, so a ``q`` of stop
words only finds nothing.

Why three indexes and an OR, not one search column: the statement's index exists already
(matching owns it and keeps it in step), a claim's attribution is not part of its statement
by design, and the title lives on the article. On PostgreSQL each arm is indexed
(``ensure_index`` below) and written so the planner can take either road: combine the three
index scans (``BitmapOr``) when the words are rare, or walk the list's own order and test
each row when they are common. The title arm is ``article_id = ANY(ARRAY(<articles whose
title matches>))``: unlike ``IN (subquery)`` inside an OR, that is an index condition on
``claims_claim.article_id``.

Any other database vendor: substring matches, correct but unindexed.
"""

from __future__ import annotations

import re

from django.db import connection as default_connection
from django.db.models import BooleanField, Expression, F, Func, Q, Subquery, Value
from django.db.models.expressions import Col, RawSQL

from claims.matching.features import NEGATIONS, STOPWORDS
from claims.matching.normalize import normalize
from claims.matching.retrieval import FTS_TABLE, query_terms
from claims.models import Article, Claim

CLAIMANT_INDEX = "claim_claimant_search_gin"
TITLE_INDEX = "article_title_search_gin"
# The indexed expressions. A query uses the index only when it names the same expression,
# so ``_ClaimantVector`` and ``_TitleVector`` below compile to exactly these.
CLAIMANT_VECTOR = "to_tsvector('english'::regconfig, ({claimant} || ' ' || {role}))"
TITLE_VECTOR = "to_tsvector('english'::regconfig, {title})"
POSTGRES_CREATE = (
    f"CREATE INDEX IF NOT EXISTS {CLAIMANT_INDEX} ON claims_claim USING gin "
    f"(({CLAIMANT_VECTOR.format(claimant='claimant', role='claimant_role')}))",
    f"CREATE INDEX IF NOT EXISTS {TITLE_INDEX} ON claims_article USING gin "
    f"(({TITLE_VECTOR.format(title='title')}))",
)
POSTGRES_DROP = (f"DROP INDEX IF EXISTS {CLAIMANT_INDEX}", f"DROP INDEX IF EXISTS {TITLE_INDEX}")

_WORD = re.compile(r"[^\W_]+")  # letters and digits: safe in every query syntax used here
_CLAIM_ID = re.compile(r"#?(\d{1,18})")
MAX_WORDS = 16
MAX_QUERY_CHARS = 300
_FTS_ROWIDS = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"


def ensure_index(connection=default_connection) -> bool:
    """PostgreSQL: create the claimant and title indexes if missing (idempotent)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        for sql in POSTGRES_CREATE:
            cursor.execute(sql)
    return True


def drop_index(connection=default_connection) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in POSTGRES_DROP:
                cursor.execute(sql)


def words(text: str) -> list[str]:
    """The searchable words of ``text``, lower case, in order, without stop words."""
    seen = dict.fromkeys(
        w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and w not in NEGATIONS
    )
    return list(seen)[:MAX_WORDS]


def text_search(q: str, *, vendor: str | None = None) -> Q:
    """Claims whose statement, claimant (with role) or article title holds every word of
    ``q``, or whose id ``q`` is. A condition on ``Claim`` (no query of its own)."""
    vendor = vendor or default_connection.vendor
    claim_id = _CLAIM_ID.fullmatch(q.strip())
    if claim_id and q.strip().startswith("#"):
        return Q(pk=int(claim_id.group(1)))
    condition = _nothing()
    if words(q):
        condition = _statement(q, vendor) | claimant_search(q, vendor=vendor) | _title(q, vendor)
    if claim_id:
        condition |= Q(pk=int(claim_id.group(1)))
    return condition


def claimant_search(value: str, *, vendor: str | None = None) -> Q:
    """Claims whose claimant and role, together, hold every word of ``value``: "Witkoff"
    finds "Steve Witkoff", "minister" finds a claimant whose role is "finance minister"."""
    vendor = vendor or default_connection.vendor
    found = words(value)
    if not found:
        return _nothing()
    if vendor == "postgresql":
        return Q(_Matches(_ClaimantVector(F("claimant"), F("claimant_role")), _plain(value)))
    condition = Q()
    for word in found:
        condition &= Q(claimant__icontains=word) | Q(claimant_role__icontains=word)
    return condition


def _nothing() -> Q:
    return Q(pk__in=[])


def _statement(q: str, vendor: str) -> Q:
    if vendor == "postgresql":
        return Q(_Matches(_MatchVector(), _plain(normalize(q))))
    if vendor == "sqlite":
        terms = query_terms(q)
        if not terms:
            return _nothing()
        match = " AND ".join(f'"{t}"' for t in terms)
        return Q(pk__in=RawSQL(_FTS_ROWIDS, [match]))
    condition = Q()
    for word in words(q):
        condition &= Q(claim_text__icontains=word) | Q(text__icontains=word)
    return condition


def _title(q: str, vendor: str) -> Q:
    if vendor == "postgresql":
        titles = Article.objects.filter(_Matches(_TitleVector(F("title")), _plain(q))).order_by()
        return Q(_AnyOf(F("article_id"), Subquery(titles.values("pk"))))
    condition = Q()
    for word in words(q):
        condition &= Q(title__icontains=word)
    return Q(article_id__in=Article.objects.filter(condition).values("pk"))


def _plain(text: str) -> Func:
    """``plainto_tsquery``: every word of ``text``, ANDed; no query syntax is interpreted.
    (Given whole: the parser keeps "3.4" one token, as it did building the index.)"""
    return Func(
        Value(text[:MAX_QUERY_CHARS]),
        function="plainto_tsquery",
        template="%(function)s('english'::regconfig, %(expressions)s)",
    )


class _Matches(Func):
    """``vector @@ query``."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class _ClaimantVector(Func):
    # CLAIMANT_VECTOR, with the columns on the query's alias.
    arg_joiner = " || ' ' || "
    template = "to_tsvector('english'::regconfig, (%(expressions)s))"


class _TitleVector(Func):
    # TITLE_VECTOR, likewise.
    template = "to_tsvector('english'::regconfig, %(expressions)s)"


class _AnyOf(Func):
    """``column = ANY(ARRAY(subquery))``: an index condition on ``column`` even inside OR."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)
        return f"({column_sql} = ANY(ARRAY{subquery_sql}))", (*column_params, *subquery_params)


class _MatchVector(Expression):
    """The claim's ``match_vector`` column (PostgreSQL; created by
    ``claims.matching.retrieval.ensure_index``, not a model field), on whatever alias the
    query gives ``claims_claim``."""

    output_field = BooleanField()  # never selected; only compared with @@

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        return Col(query.get_initial_alias(), _MATCH_VECTOR_FIELD)


def _match_vector_field():
    from django.db import models

    field = models.TextField()
    field.set_attributes_from_name("match_vector")
    field.model = Claim
    return field


_MATCH_VECTOR_FIELD = _match_vector_field()
