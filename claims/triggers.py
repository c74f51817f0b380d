"""Installing a set of database triggers that keep a derived column of a claim in step.

The columns themselves and why they are kept by triggers are in ``claims.sync_key``
(``Claim.synced_at``) and ``claims.verdict_date`` (``Claim.verdict_published_at``); this is
what they share: installing the same rules on PostgreSQL and SQLite, and putting them back
on SQLite, which drops a table's triggers when a migration rebuilds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection as default_connection


@dataclass(frozen=True)
class TriggerSet:
    # PostgreSQL: statements that (re)create the functions and triggers (``CREATE OR
    # REPLACE``, ``DROP TRIGGER IF EXISTS`` first), and those that drop them.
    postgres_create: tuple[str, ...]
    postgres_drop: tuple[str, ...]
    # SQLite: ``CREATE TRIGGER`` statements by trigger name.
    sqlite: dict[str, str]
    # Sets the column of every claim from scratch (one statement); returns the rows written.
    recompute_all: Callable[..., int]

    def _sqlite_installed(self, cursor) -> set[str]:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({', '.join(['%s'] * len(self.sqlite))})",
            list(self.sqlite),
        )
        return {row[0] for row in cursor.fetchall()}

    def ensure(self, connection=default_connection) -> bool:
        """Install the triggers if missing (idempotent). True if anything was (re)installed.

        On SQLite, rows written while the triggers were missing (a rebuilt table) get the
        column recomputed."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # CREATE OR REPLACE: cheap, and it keeps the definitions current. PostgreSQL
                # keeps triggers across ALTER TABLE, so no row can have been missed.
                for sql in self.postgres_create:
                    cursor.execute(sql)
                return True
            if connection.vendor != "sqlite":
                return False
            missing = set(self.sqlite) - self._sqlite_installed(cursor)
            if not missing:
                return False
            for name in sorted(missing):
                cursor.execute(self.sqlite[name])
        self.recompute_all(connection)
        return True

    def drop(self, connection=default_connection) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for sql in self.postgres_drop:
                    cursor.execute(sql)
            elif connection.vendor == "sqlite":
                for name in self.sqlite:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
