"""``Claim.removed_at`` / ``removed_reason`` (the change feed's tombstones) and the
``claim.removed`` webhook event.

As in 0011: SQLite rebuilds the table to add a column with a default, and its rename step
fails while ``claims_article_sync_au`` names ``claims_claim``; the sync-key triggers are taken
off around the rebuild and put back after it. PostgreSQL adds the columns in place. No row
is back-filled: a claim hidden before this migration left no record of having been public.
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
        ("claims", "0016_claimevent_note_added"),
    ]

    operations = [
        migrations.RunPython(
            _drop_sqlite_sync_triggers, _restore_sqlite_sync_triggers, elidable=False
        ),
        migrations.AddField(
            model_name="claim",
            name="removed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="claim",
            name="removed_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("merged", "Merged into a claim that is not public"),
                    ("dismissed", "Dismissed"),
                    ("unpublished", "No longer public"),
                ],
                db_default="",
                default="",
                editable=False,
                max_length=12,
            ),
        ),
        migrations.RunPython(
            _restore_sqlite_sync_triggers, _drop_sqlite_sync_triggers, elidable=False
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="event",
            field=models.CharField(
                choices=[
                    ("verdict.published", "A claim's first verdict was published"),
                    ("verdict.corrected", "A published verdict was replaced by a new one"),
                    ("claim.created", "A claim entered the public record (pending)"),
                    ("claim.removed", "A claim left the public record (a tombstone)"),
                ],
                max_length=32,
            ),
        ),
    ]
