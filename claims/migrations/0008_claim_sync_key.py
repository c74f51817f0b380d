"""``Claim.synced_at``: the stored, indexed change-feed position, kept by triggers (see
``claims.sync_key``), filled here for the claims stored before it."""

import django.db.models.functions.datetime
from django.db import migrations, models


def fill_and_install(apps, schema_editor):
    from claims import sync_key

    # Triggers first, then one set-based UPDATE: nothing written in between is missed.
    sync_key.ensure_triggers(schema_editor.connection)
    sync_key.recompute_all(schema_editor.connection)


def drop(apps, schema_editor):
    from claims import sync_key

    sync_key.drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_match_index")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="synced_at",
            field=models.DateTimeField(
                db_default=django.db.models.functions.datetime.Now(), editable=False
            ),
        ),
        migrations.RunPython(fill_and_install, drop, elidable=False),
        migrations.RemoveIndex(model_name="claim", name="claim_sync_order"),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["synced_at", "id"], name="claim_sync_order"),
        ),
    ]
