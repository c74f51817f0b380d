"""``Claim.claim_text``, ``claimant_role`` and ``cue`` (filled for existing rows by 0012).

SQLite adds a NOT NULL column by rebuilding the table, and its rename step fails while a
trigger of another table names ``claims_claim`` (``claims_article_sync_au``, see
``claims.sync_key``): the sync-key triggers are taken off around the rebuild and put back
after it (which recomputes every key, as after any rebuild). PostgreSQL adds the columns in
place and keeps its triggers; nothing is done there.
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
    dependencies = [
        ("claims", "0010_claimlink_method_blended"),
    ]

    operations = [
        migrations.RunPython(
            _drop_sqlite_sync_triggers, _restore_sqlite_sync_triggers, elidable=False
        ),
        migrations.AddField(
            model_name="claim",
            name="claim_text",
            field=models.TextField(blank=True, default="", db_default=""),
        ),
        migrations.AddField(
            model_name="claim",
            name="claimant_role",
            field=models.CharField(blank=True, default="", db_default="", max_length=300),
        ),
        migrations.AddField(
            model_name="claim",
            name="cue",
            field=models.CharField(blank=True, default="", db_default="", max_length=60),
        ),
        migrations.RunPython(
            _restore_sqlite_sync_triggers, _drop_sqlite_sync_triggers, elidable=False
        ),
    ]
