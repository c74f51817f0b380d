"""``Claim.match_wording`` for the claims stored before it (``claims.matching.stored``).

Only rows without one: a stale one (matching code changed since) is ignored by matching and
rewritten by ``manage.py fill_match_wording``."""

from django.db import migrations


def backfill(apps, schema_editor):
    from claims.matching.stored import backfill

    Claim = apps.get_model("claims", "Claim")
    pending = Claim.objects.using(schema_editor.connection.alias).filter(match_wording="")
    backfill(pending.only("id", "text", "claim_text", "match_wording").iterator(chunk_size=1000))


class Migration(migrations.Migration):
    dependencies = [("claims", "0028_claim_match_wording")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False)]
