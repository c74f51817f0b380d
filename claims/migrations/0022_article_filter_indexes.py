"""Indexes for the consumer list's ``publisher`` and ``language`` filters, which compare the
upper-cased outlet and language: a rare value is found from the index, and PostgreSQL
gets the expressions' statistics (without them it guessed 0.5% of articles for any value
and planned a common site's page from the articles' side: 1.8 s at 1M claims)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("claims", "0021_claim_verdict_published_at")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                django.db.models.functions.text.Upper("outlet"), name="article_outlet_upper"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                django.db.models.functions.text.Upper("language"), name="article_language_upper"
            ),
        ),
    ]
