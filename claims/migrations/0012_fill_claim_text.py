"""``Claim.claim_text``, ``claimant_role`` and ``cue`` for the claims stored before them,
by extracting their sentence again (``claims.extraction.extract``).

Only those three columns (and ``match_text``, which follows the claim text) are written:
the stored claimant and sourcing are the record as the desk saw it, and stay. A row the
extractor finds no sentence in keeps its sentence as its claim text. Rows are read by
ascending id, ``BATCH`` at a time, and each batch is written in its own transaction, so a
big table neither holds one long transaction nor a cursor open across writes (SQLite gives
no isolation between the two on one connection); the migration is not atomic, and a run
that stops part way resumes where it stopped (rows still without a claim text).
"""

from __future__ import annotations

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

BATCH = 1000


class _Unscored:
    """A check-worthiness "model" that scores nothing: attribution does not depend on the
    score, and the configured model (perhaps a semantic one) need not be loaded for this."""

    threshold = 1.0

    @staticmethod
    def score(text: str) -> float:
        return 0.0


def extracted_sentence(text: str):
    """The extracted sentence of a stored claim's text: the longest segment of kind
    "sentence" (a dateline or stamp the claim carries is a segment of its own), or None when
    there is none, it covers less than half of the text, or extraction fails."""
    from claims.extraction import extract

    try:
        segments = extract(text, model=_Unscored())
    except Exception:  # an old row must not stop the migration; it keeps its sentence
        logger.exception("Extraction failed on a stored claim's text; claim text = text.")
        return None
    sentences = [s for s in segments if s.kind == "sentence" and s.claim.strip()]
    if not sentences:
        return None
    best = max(sentences, key=lambda s: s.end - s.start)
    return best if 2 * (best.end - best.start) >= len(text.strip()) else None


def fill_claims(Claim, using: str, batch_size: int = BATCH) -> int:
    """Fill the three columns of every claim of ``Claim`` (a historical or the live model)
    whose claim text is empty. Returns the number of rows written."""
    from claims.matching.normalize import normalize
    from claims.workflow import statement_text

    role_length = Claim._meta.get_field("claimant_role").max_length
    cue_length = Claim._meta.get_field("cue").max_length
    fields = ["claim_text", "claimant_role", "cue", "match_text"]
    last_id, written = 0, 0
    while True:
        rows = list(
            Claim.objects.using(using)
            .filter(id__gt=last_id, claim_text="")
            .order_by("id")
            .only("id", "text", "match_text")[:batch_size]
        )
        if not rows:
            return written
        for claim in rows:
            sentence = extracted_sentence(claim.text)
            claim.claim_text = (statement_text(sentence.claim) if sentence else "") or claim.text
            role, cue = (sentence.claimant_role, sentence.cue) if sentence else (None, None)
            claim.claimant_role = (role or "").strip()[:role_length]
            claim.cue = (cue or "").strip()[:cue_length]
            if claim.claim_text != claim.text:
                claim.match_text = normalize(claim.claim_text)
        with transaction.atomic(using=using):
            Claim.objects.using(using).bulk_update(rows, fields)
        written += len(rows)
        last_id = rows[-1].id


def fill(apps, schema_editor):
    fill_claims(apps.get_model("claims", "Claim"), schema_editor.connection.alias)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("claims", "0011_claim_text_role_cue")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=False)]
