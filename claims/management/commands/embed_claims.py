"""Store the sentence embedding of every claim that lacks a current one.

    python manage.py embed_claims [--batch 256]

Matching stores a new claim's vector when it arrives; this fills claims stored before
(after an upgrade, or after the embedding model changed: vectors of another model are
replaced). A million claims take about an hour on one core (the time per sentence:
``bench/embedding_speed.py``, README "Benchmarks"). Safe to stop and run again; it resumes
where it stopped.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from claims.matching import vectors
from claims.models import Claim


class Command(BaseCommand):
    help = "Store the sentence embedding of every claim lacking a current one."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=256, help="claims per transaction")

    def handle(self, *args, **options):
        batch = max(1, options["batch"])
        claims = Claim.objects.only("pk", "text", "claim_text").order_by("pk").iterator(batch)
        done = vectors.backfill(claims, batch=batch)
        total = Claim.objects.count()
        self.stdout.write(f"embedded {done} claims ({total} in all)")
