"""Indexes of the desk's claims list (``reviewers.selectors.desk_claims_page``).

The list's orders ("newest": ``created_at``; "score": ``checkworthiness``), each with the id
so a page starts at its cursor in the index; the sourcing filter; and, on PostgreSQL only,
the full-text indexes of its search over the claimant (with role) and the article title
(``claims.search``; the statement is searched through the matching index of 0006).
"""

from django.db import migrations, models


def create_search_indexes(apps, schema_editor):
    from claims.search import ensure_index

    ensure_index(schema_editor.connection)


def drop_search_indexes(apps, schema_editor):
    from claims.search import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0012_fill_claim_text")]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["created_at", "id"], name="claim_created_order"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["checkworthiness", "id"], name="claim_score_order"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["sourcing"], name="claim_sourcing"),
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes, elidable=False),
    ]
