"""``Claim.match_wording``: the statement's wording as matching's candidate bound reads it
(``claims.matching.stored``); filled by 0029.

As in 0011 and 0017: SQLite rebuilds the table to add a column with a default, and its
rename step fails while ``claims_article_sync_au`` names ``claims_claim``; the sync-key
triggers are taken off around the rebuild and put back after it (the matching index's
triggers come back by ``ensure_index`` after every migrate). PostgreSQL adds the column in
place, without rewriting the table.
"""

from django.db import migrations, models


def _drop_sqlite_sync_triggers(apps, schema_editor):
    from claims import sync_key

    if schema_editor.connection.vendor == "sqlite":
        sync_key.drop_triggers(schema_editor.connection)


def _restore_sqlite_sync_triggers(apps, schema_editor):
    from claims import sync_key

    if schema_editor.connection.vendor == "sqlite":
        sync_key.ensure_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0027_report_contradiction_suggestions")]

    operations = [
        migrations.RunPython(
            _drop_sqlite_sync_triggers, _restore_sqlite_sync_triggers, elidable=False
        ),
        migrations.AddField(
            model_name="claim",
            name="match_wording",
            field=models.TextField(blank=True, db_default="", default="", editable=False),
        ),
        migrations.RunPython(
            _restore_sqlite_sync_triggers, _drop_sqlite_sync_triggers, elidable=False
        ),
    ]
