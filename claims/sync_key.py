"""``Claim.synced_at``: a claim's place in the consumer change feed, stored and indexed.

A claim changes for consumers when it changes, when its canonical claim changes (a duplicate
shows the canonical's verdict) or when its article's metadata changes, so

    synced_at = greatest(claim.updated_at, canonical.updated_at, article.updated_at)

Computed per query, that expression cannot use an index, and the change feed then sorts the
whole public record for every page. Stored, it is one index scan (``claim_sync_order``).

It is kept by database triggers rather than by ``save()`` overrides: every path that moves
one of those ``updated_at`` values (``save``, ``QuerySet.update``, ``bulk_update``,
``bulk_create``, raw SQL, a ``psql`` session) passes through the table, and the workflow's
transitions cost no extra query. The rules, the same on both vendors:

- writing a claim's ``updated_at``, ``article_id`` or ``canonical_id`` (or inserting it)
  recomputes that claim's key;
- a change of a claim's ``updated_at`` recomputes the keys of its duplicates;
- a change of an article's ``updated_at`` recomputes the keys of its claims.

A Python object saved through the ORM does not see the value the trigger wrote (except on
insert with PostgreSQL, through ``RETURNING``); the selectors read it fresh.

SQLite drops a table's triggers when a migration rebuilds the table, so
:func:`ensure_triggers` runs after every ``migrate`` too (see ``claims.models``).
"""

from __future__ import annotations

from django.db import connection as default_connection

from claims.triggers import TriggerSet

POSTGRES_CREATE = (
    # BEFORE: a claim's own key. GREATEST ignores NULLs (no article, no canonical).
    """
    CREATE OR REPLACE FUNCTION claims_claim_sync_key() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.synced_at := GREATEST(
            NEW.updated_at,
            (SELECT a.updated_at FROM claims_article a WHERE a.id = NEW.article_id),
            (SELECT k.updated_at FROM claims_claim k WHERE k.id = NEW.canonical_id)
        );
        RETURN NEW;
    END $$
    """,
    # AFTER: touching synced_at re-runs the BEFORE trigger of each row concerned.
    """
    CREATE OR REPLACE FUNCTION claims_claim_sync_duplicates() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE claims_claim SET synced_at = NULL WHERE canonical_id = NEW.id;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION claims_article_sync_claims() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE claims_claim SET synced_at = NULL WHERE article_id = NEW.id;
        RETURN NULL;
    END $$
    """,
    "DROP TRIGGER IF EXISTS claims_claim_sync_key ON claims_claim",
    """
    CREATE TRIGGER claims_claim_sync_key
    BEFORE INSERT OR UPDATE OF updated_at, article_id, canonical_id, synced_at ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_sync_key()
    """,
    "DROP TRIGGER IF EXISTS claims_claim_sync_duplicates ON claims_claim",
    """
    CREATE TRIGGER claims_claim_sync_duplicates
    AFTER UPDATE OF updated_at ON claims_claim
    FOR EACH ROW WHEN (OLD.updated_at IS DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION claims_claim_sync_duplicates()
    """,
    "DROP TRIGGER IF EXISTS claims_article_sync_claims ON claims_article",
    """
    CREATE TRIGGER claims_article_sync_claims
    AFTER UPDATE OF updated_at ON claims_article
    FOR EACH ROW WHEN (OLD.updated_at IS DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION claims_article_sync_claims()
    """,
)
POSTGRES_DROP = (
    "DROP TRIGGER IF EXISTS claims_claim_sync_key ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_claim_sync_duplicates ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_article_sync_claims ON claims_article",
    "DROP FUNCTION IF EXISTS claims_claim_sync_key()",
    "DROP FUNCTION IF EXISTS claims_claim_sync_duplicates()",
    "DROP FUNCTION IF EXISTS claims_article_sync_claims()",
)


def _sqlite_key(row: str, updated_at: str, article_updated_at: str | None = None) -> str:
    # SQLite's max() is NULL if any argument is; Django stores datetimes as ISO text, which
    # sorts in time order.
    article = article_updated_at or (
        f"(SELECT a.updated_at FROM claims_article a WHERE a.id = {row}.article_id)"
    )
    return (
        f"max({updated_at}, coalesce({article}, {updated_at}), coalesce("
        f"(SELECT k.updated_at FROM claims_claim k WHERE k.id = {row}.canonical_id), {updated_at}))"
    )


# SQLite cannot assign NEW in a BEFORE trigger: AFTER triggers update the row. They do not
# fire themselves again (recursive_triggers is off, SQLite's default), and synced_at is
# not among the columns they watch.
SQLITE_TRIGGERS = {
    "claims_claim_sync_ai": f"""
        CREATE TRIGGER claims_claim_sync_ai AFTER INSERT ON claims_claim BEGIN
            UPDATE claims_claim SET synced_at = {_sqlite_key("NEW", "NEW.updated_at")}
            WHERE id = NEW.id;
        END
    """,
    "claims_claim_sync_au": f"""
        CREATE TRIGGER claims_claim_sync_au
        AFTER UPDATE OF updated_at, article_id, canonical_id ON claims_claim BEGIN
            UPDATE claims_claim SET synced_at = {_sqlite_key("NEW", "NEW.updated_at")}
            WHERE id = NEW.id;
            UPDATE claims_claim SET synced_at = {_sqlite_key("claims_claim", "updated_at")}
            WHERE canonical_id = NEW.id;
        END
    """,
    "claims_article_sync_au": f"""
        CREATE TRIGGER claims_article_sync_au
        AFTER UPDATE OF updated_at ON claims_article
        WHEN OLD.updated_at IS NOT NEW.updated_at BEGIN
            UPDATE claims_claim
            SET synced_at = {_sqlite_key("claims_claim", "updated_at", "NEW.updated_at")}
            WHERE article_id = NEW.id;
        END
    """,
}


def recompute_all(connection=default_connection) -> int:
    """Set every claim's key from scratch (one statement). Returns the rows written."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                UPDATE claims_claim c SET synced_at = GREATEST(
                    c.updated_at,
                    (SELECT a.updated_at FROM claims_article a WHERE a.id = c.article_id),
                    (SELECT k.updated_at FROM claims_claim k WHERE k.id = c.canonical_id))
                """
            )
        else:
            cursor.execute(
                f"UPDATE claims_claim SET synced_at = {_sqlite_key('claims_claim', 'updated_at')}"
            )
        return cursor.rowcount


TRIGGERS = TriggerSet(
    postgres_create=POSTGRES_CREATE,
    postgres_drop=POSTGRES_DROP,
    sqlite=SQLITE_TRIGGERS,
    recompute_all=recompute_all,
)


def ensure_triggers(connection=default_connection) -> bool:
    """Install the triggers if missing (idempotent). True if anything was (re)installed.

    On SQLite, rows written while the triggers were missing (a rebuilt table) get their
    key recomputed."""
    return TRIGGERS.ensure(connection)


def drop_triggers(connection=default_connection) -> None:
    TRIGGERS.drop(connection)
