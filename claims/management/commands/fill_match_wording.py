"""Store the matching wording (``Claim.match_wording``) of every claim lacking a current one.

    python manage.py fill_match_wording [--batch 1000]

A claim's wording is written when it is saved; it goes stale when the matching code it is
computed by changes (``claims.matching.stored.version``). A stale one is not read (the
candidate is analyzed afresh, slower, same decision): run this after an upgrade that
changed matching. About a millisecond a claim on one core. Safe to stop and run again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from claims.matching import stored
from claims.models import Claim


class Command(BaseCommand):
    help = "Store the matching wording of every claim lacking a current one."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000, help="claims per update")

    def handle(self, *args, **options):
        batch = max(1, options["batch"])
        claims = Claim.objects.only("pk", "text", "claim_text", "match_wording").order_by("pk")
        done = stored.backfill(claims.iterator(batch), batch=batch)
        self.stdout.write(f"stored the wording of {done} claims ({Claim.objects.count()} in all)")
