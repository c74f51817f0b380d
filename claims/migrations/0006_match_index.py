"""The full-text index of candidate retrieval, per database vendor (see
``claims.matching.retrieval``), and ``match_text`` for the claims stored before it."""

from django.db import migrations


def backfill_and_index(apps, schema_editor):
    from claims.matching.normalize import normalize
    from claims.matching.retrieval import ensure_index

    Claim = apps.get_model("claims", "Claim")
    pending = Claim.objects.using(schema_editor.connection.alias).filter(match_text="")
    batch = []
    for claim in pending.only("id", "text").iterator(chunk_size=1000):
        claim.match_text = normalize(claim.text)
        batch.append(claim)
        if len(batch) == 1000:
            Claim.objects.bulk_update(batch, ["match_text"])
            batch = []
    if batch:
        Claim.objects.bulk_update(batch, ["match_text"])
    ensure_index(schema_editor.connection)


def drop(apps, schema_editor):
    from claims.matching.retrieval import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_claim_links")]

    operations = [migrations.RunPython(backfill_and_index, drop, elidable=False)]
