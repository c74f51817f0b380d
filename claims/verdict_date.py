"""``Claim.verdict_published_at``: when the verdict that speaks for a claim was published.

That verdict is the claim's own published one or, for a duplicate, its canonical claim's
(``claims.selectors.effective_claim``); the date is the ``published_at`` the API shows as
``verdict.published_at``. Null exactly while no verdict is published: the column is not
null for the ``PUBLISHED`` claims of ``claims.selectors`` and for no others.

Read through two joins (and a ``CASE`` for duplicates), the consumer list's newest-verdict
order and its verdict date filters could use no index: at 1,000,000 claims every page
sorted every published claim. Stored, they walk the partial index ``claim_verdict_order``.

It is kept by database triggers, as ``Claim.synced_at`` is (``claims.sync_key`` says why):

- inserting a claim, or writing its ``status``, ``published_verdict_id``, ``canonical_id``
  (or this column) recomputes it;
- a change of a claim's ``published_verdict_id`` recomputes it for the claim's duplicates.

A verdict's ``published_at`` is written once, on approval, before the claim points at it
(``claims.workflow.verdict_approve``), and never changes afterwards, so no trigger watches
the verdicts table. Like ``synced_at``, a saved Python object does not see the value; the
selectors read it fresh. Bulk loaders that write with triggers off (``bench/generate_data``)
write the column themselves.
"""

from __future__ import annotations

from django.db import connection as default_connection

from claims.triggers import TriggerSet


def _date_of(row: str) -> str:
    """SQL: the verdict date of the claim row ``row`` (NEW, or the table's name)."""
    return (
        "(SELECT v.published_at FROM claims_verdict v WHERE v.id = CASE "
        f"WHEN {row}.status = 'duplicate' AND {row}.canonical_id IS NOT NULL THEN "
        f"(SELECT k.published_verdict_id FROM claims_claim k WHERE k.id = {row}.canonical_id) "
        f"ELSE {row}.published_verdict_id END)"
    )


POSTGRES_CREATE = (
    f"""
    CREATE OR REPLACE FUNCTION claims_claim_verdict_date() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.verdict_published_at := {_date_of("NEW")};
        RETURN NEW;
    END $$
    """,
    # AFTER: writing the column re-runs the BEFORE trigger of each duplicate.
    """
    CREATE OR REPLACE FUNCTION claims_claim_verdict_date_duplicates() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE claims_claim SET verdict_published_at = NULL
        WHERE canonical_id = NEW.id AND status = 'duplicate';
        RETURN NULL;
    END $$
    """,
    "DROP TRIGGER IF EXISTS claims_claim_verdict_date ON claims_claim",
    """
    CREATE TRIGGER claims_claim_verdict_date
    BEFORE INSERT OR UPDATE OF status, published_verdict_id, canonical_id, verdict_published_at
    ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_verdict_date()
    """,
    "DROP TRIGGER IF EXISTS claims_claim_verdict_date_duplicates ON claims_claim",
    """
    CREATE TRIGGER claims_claim_verdict_date_duplicates
    AFTER UPDATE OF published_verdict_id ON claims_claim
    FOR EACH ROW WHEN (OLD.published_verdict_id IS DISTINCT FROM NEW.published_verdict_id)
    EXECUTE FUNCTION claims_claim_verdict_date_duplicates()
    """,
)
POSTGRES_DROP = (
    "DROP TRIGGER IF EXISTS claims_claim_verdict_date ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_claim_verdict_date_duplicates ON claims_claim",
    "DROP FUNCTION IF EXISTS claims_claim_verdict_date()",
    "DROP FUNCTION IF EXISTS claims_claim_verdict_date_duplicates()",
)

# SQLite cannot assign NEW: AFTER triggers update the row, and do not fire themselves again
# (recursive_triggers is off, SQLite's default).
SQLITE_TRIGGERS = {
    "claims_claim_verdict_date_ai": f"""
        CREATE TRIGGER claims_claim_verdict_date_ai AFTER INSERT ON claims_claim BEGIN
            UPDATE claims_claim SET verdict_published_at = {_date_of("NEW")} WHERE id = NEW.id;
        END
    """,
    "claims_claim_verdict_date_au": f"""
        CREATE TRIGGER claims_claim_verdict_date_au
        AFTER UPDATE OF status, published_verdict_id, canonical_id, verdict_published_at
        ON claims_claim BEGIN
            UPDATE claims_claim SET verdict_published_at = {_date_of("NEW")} WHERE id = NEW.id;
            UPDATE claims_claim SET verdict_published_at = {_date_of("claims_claim")}
            WHERE canonical_id = NEW.id AND status = 'duplicate';
        END
    """,
}


def recompute_all(connection=default_connection) -> int:
    """Set every claim's verdict date from scratch (one statement). Returns the rows written."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE claims_claim SET verdict_published_at = {_date_of('claims_claim')}")
        return cursor.rowcount


TRIGGERS = TriggerSet(
    postgres_create=POSTGRES_CREATE,
    postgres_drop=POSTGRES_DROP,
    sqlite=SQLITE_TRIGGERS,
    recompute_all=recompute_all,
)
