"""The SQLite test database migrated once and copied, for the inner loop (`make test-fast`).

Each pytest process (each xdist worker) runs every migration into its in-memory SQLite
database: seconds of CPU per worker. With ``--db-snapshot`` the first process to migrate
keeps a copy of the result (schema, triggers, indexes, seeded rows, the cache table) in
pytest's cache directory, under a key that changes with anything the migrations and their
``post_migrate`` receivers may read: every file of the project's packages (the migrations
import the models, roles, matching, extraction and workflow code), the test settings, the
settings' values, Django's version and the dependency locks. A later process with the same
key copies it into its in-memory database with SQLite's backup API instead of migrating.
The copy differs from a fresh migration only in the times the migrations wrote (when each
was applied, when the default queue was made).

Only for an in-memory SQLite test database that migrates: a file database, PostgreSQL or
``--nomigrations`` build as Django does. `make test` (CI) always builds from migrations.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
# What the migrations and their post_migrate receivers can read, besides the settings; and
# the locks the environment is installed from (the other apps' migrations).
SOURCES = (
    ROOT / "claims",
    ROOT / "reviewers",
    ROOT / "factcheck",
    ROOT / "tests" / "settings.py",
    ROOT / "requirements",
)


def _files(paths: Iterable[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def _settings_values() -> list[str]:
    from django.conf import settings

    # The databases differ by worker and are not what the migrations write into.
    return [
        f"{name}={getattr(settings, name)!r}"
        for name in sorted(dir(settings))
        if name.isupper() and name != "DATABASES"
    ]


def snapshot_key(sources: Iterable[Path] = SOURCES) -> str:
    digest = hashlib.sha256()
    for part in (
        sys.version,
        sqlite3.sqlite_version,
        django.__version__,
        *_settings_values(),
    ):
        digest.update(part.encode() + b"\0")
    for path in _files(sources):
        digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
        if path.suffix == ".py":
            digest.update(b"\0" + path.read_bytes() + b"\0")
        else:  # the models' weights and data (30 MB): a change gives another size or time
            stat = path.stat()
            digest.update(f"\0{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def save(connection: sqlite3.Connection, snapshot: Path) -> None:
    """Copy ``connection``'s database to ``snapshot`` (written aside, then renamed: a process
    reading it never sees half of one)."""
    partial = snapshot.with_name(f"{snapshot.name}.{os.getpid()}.partial")
    target = sqlite3.connect(partial)
    try:
        connection.backup(target)
    finally:
        target.close()
    os.replace(partial, snapshot)
    for stale in snapshot.parent.glob("*.sqlite3"):  # made under another key: never read again
        if stale != snapshot:
            stale.unlink(missing_ok=True)


def restore(snapshot: Path, connection: sqlite3.Connection) -> None:
    """Replace ``connection``'s database by the one in ``snapshot``."""
    source = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    try:
        source.backup(connection)
    finally:
        source.close()


def install(directory: Path):
    """Make Django's SQLite test database creation use a snapshot in ``directory`` (made by
    the first process that migrates). Returns a function that undoes it."""
    from django.conf import settings
    from django.db.backends.sqlite3.creation import DatabaseCreation

    original = DatabaseCreation.create_test_db

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        name = self._get_test_db_name()
        if (
            not self.is_in_memory_db(name)
            or self.connection.settings_dict["TEST"]["MIGRATE"] is False
            or settings.MIGRATION_MODULES  # --nomigrations
        ):
            return original(self, verbosity, autoclobber, serialize, keepdb)
        snapshot = directory / f"{snapshot_key()}.sqlite3"
        if not snapshot.exists():
            name = original(self, verbosity, autoclobber, serialize, keepdb)
            save(self.connection.connection, snapshot)
            return name
        # What create_test_db does, with the copy in place of migrate and createcachetable.
        self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        restore(snapshot, self.connection.connection)
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        return name

    DatabaseCreation.create_test_db = create_test_db

    def uninstall() -> None:
        DatabaseCreation.create_test_db = original

    return uninstall
