"""Link existing claims to their claimants (claims stored before claimants existed).

    python manage.py link_claimants [--batch 500]

Claims with a claimant string, no claimant yet and no suggestion waiting for the desk are
read in id order, a batch per transaction; claims of one article are linked with the
claimants that article already named as context, as at extraction. Safe to stop and run
again: a linked claim, or one with a suggestion, is not read again. A claim whose claimant
links to nothing ("he", "the ministry") is read again by the next run (no write).
"""

from __future__ import annotations

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction

from claims.claimants import linking
from claims.claimants.services import claimant_link_claim
from claims.models import Claim


class Command(BaseCommand):
    help = "Link claims without a claimant record to their claimants."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="claims per transaction")

    def handle(self, *args, **options):
        batch = max(1, options["batch"])
        counts: dict[str, int] = defaultdict(int)
        last = 0
        while True:
            with transaction.atomic():
                claims = list(
                    Claim.objects.filter(pk__gt=last, claimant_ref=None)
                    .exclude(claimant="")
                    .exclude(claimant_suggestions__isnull=False)
                    .select_related("article")
                    .order_by("pk")[:batch]
                )
                if not claims:
                    break
                contexts = _contexts({c.article_id for c in claims if c.article_id})
                for claim in claims:
                    context = contexts[claim.article_id] if claim.article_id else set()
                    decision = claimant_link_claim(claim=claim, context=context)
                    counts[decision.action] += 1
                    if decision.claimant_id is not None and claim.article_id:
                        context.add(decision.claimant_id)
                last = claims[-1].pk
        self.stdout.write(
            "linked {link}, new claimants for {new}, suggested {suggest}, nothing to link "
            "{none}".format(**{a: counts[a] for a in linking.ACTIONS})
        )


def _contexts(article_ids: set[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    rows = (
        Claim.objects.filter(article_id__in=article_ids)
        .exclude(claimant_ref=None)
        .values_list("article_id", "claimant_ref_id")
    )
    for article_id, claimant_id in rows:
        found[article_id].add(claimant_id)
    return found
