"""tests/db_snapshot.py: the key that says when a migrated snapshot may be reused, and the
copy in and out of a database."""

from __future__ import annotations

import os
import sqlite3

from tests.db_snapshot import restore, save, snapshot_key


def _sources(tmp_path):
    app = tmp_path / "app"
    (app / "migrations").mkdir(parents=True)
    (app / "migrations" / "0001_initial.py").write_text("# the first table\n")
    (app / "roles.py").write_text("EDITORS = 'Editors'\n")
    (app / "weights.bin").write_bytes(b"\x00" * 16)
    return app


def test_the_key_stays_while_nothing_changes(tmp_path):
    app = _sources(tmp_path)
    assert snapshot_key([app]) == snapshot_key([app])


def test_a_changed_or_new_migration_changes_the_key(tmp_path):
    app = _sources(tmp_path)
    before = snapshot_key([app])
    (app / "migrations" / "0001_initial.py").write_text("# the first table, renamed\n")
    changed = snapshot_key([app])
    (app / "migrations" / "0002_more.py").write_text("# a second\n")
    added = snapshot_key([app])
    assert len({before, changed, added}) == 3


def test_a_change_in_code_the_migrations_import_changes_the_key(tmp_path):
    app = _sources(tmp_path)
    before = snapshot_key([app])
    (app / "roles.py").write_text("EDITORS = 'Desk editors'\n")
    assert snapshot_key([app]) != before


def test_a_data_file_of_another_size_or_time_changes_the_key(tmp_path):
    app = _sources(tmp_path)
    before = snapshot_key([app])
    weights = app / "weights.bin"
    weights.write_bytes(b"\x01" * 17)
    resized = snapshot_key([app])
    os.utime(weights, ns=(1, 1))
    assert len({before, resized, snapshot_key([app])}) == 3


def test_a_changed_setting_changes_the_key(tmp_path, settings):
    app = _sources(tmp_path)
    before = snapshot_key([app])
    settings.AUTO_QUEUE_THRESHOLD = 0.123
    assert snapshot_key([app]) != before


def _schema_and_rows(connection: sqlite3.Connection) -> list[str]:
    return list(connection.iterdump())


def test_a_restored_database_has_the_saved_schema_triggers_and_rows(tmp_path):
    made = sqlite3.connect(":memory:")
    made.executescript(
        """
        CREATE TABLE queue (id INTEGER PRIMARY KEY, name TEXT NOT NULL, seen INTEGER);
        CREATE INDEX queue_name ON queue (name);
        CREATE TRIGGER queue_seen AFTER INSERT ON queue
            BEGIN UPDATE queue SET seen = 1 WHERE id = new.id; END;
        INSERT INTO queue (name) VALUES ('General');
        """
    )
    snapshot = tmp_path / "key.sqlite3"
    save(made, snapshot)

    copy = sqlite3.connect(":memory:")
    restore(snapshot, copy)
    assert _schema_and_rows(copy) == _schema_and_rows(made)
    # The trigger is there and works in the copy.
    copy.execute("INSERT INTO queue (name) VALUES ('Politics')")
    assert copy.execute("SELECT name, seen FROM queue ORDER BY id").fetchall() == [
        ("General", 1),
        ("Politics", 1),
    ]


def test_saving_a_snapshot_removes_those_of_other_keys(tmp_path):
    (tmp_path / "old.sqlite3").write_bytes(b"")
    save(sqlite3.connect(":memory:"), tmp_path / "new.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.sqlite3"]
