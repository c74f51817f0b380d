"""Embedding cells: ``EmbeddingCell`` (centroids per embedding model) and
``ClaimEmbedding.cell`` (the nearest one), an inverted-file index over the stored vectors
that matching reads the nearest stored claims from (``claims/matching/cells.py``). Empty
until ``manage.py build_embedding_cells`` runs; a nullable column, added in place."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0029_fill_match_wording"),
    ]

    operations = [
        migrations.CreateModel(
            name="EmbeddingCell",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("model", models.CharField(max_length=16)),
                ("number", models.PositiveSmallIntegerField()),
                ("centroid", models.BinaryField()),
                (
                    "size",
                    models.PositiveIntegerField(
                        default=0, help_text="Vectors in the cell when built."
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="claimembedding",
            name="cell",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="claimembedding",
            index=models.Index(
                fields=["model", "cell"], include=["claim", "vector"], name="claimembedding_cell"
            ),
        ),
        migrations.AddConstraint(
            model_name="embeddingcell",
            constraint=models.UniqueConstraint(
                fields=("model", "number"), name="embeddingcell_unique"
            ),
        ),
    ]
