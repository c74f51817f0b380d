"""``ArticleRevision``: the texts an article had before a re-ingestion replaced them (see
``claims.ingestion.pipeline``). Nothing to back-fill: earlier replacements kept no text.

The desk's roles read the record, so they may read these too. The permission is granted
here, not through ``claims.roles.CLAIMS_PERMISSIONS``: migration 0002 grants that table and
this model does not exist yet at that point."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

from claims.roles import EDITORS, FACT_CHECKERS, grant


def grant_view(apps, schema_editor):
    grant(
        apps, "claims", {FACT_CHECKERS: ["view_articlerevision"], EDITORS: ["view_articlerevision"]}
    )


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_claim_sync_key")]

    operations = [
        migrations.CreateModel(
            name="ArticleRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField()),
                ("content_hash", models.CharField(max_length=64)),
                ("title", models.CharField(blank=True, max_length=500)),
                ("replaced_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="revisions",
                        to="claims.article",
                    ),
                ),
            ],
            options={
                "ordering": ["-replaced_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["article", "replaced_at"], name="articlerevision_article_time"
                    )
                ],
            },
        ),
        migrations.RunPython(grant_view, migrations.RunPython.noop),
    ]
