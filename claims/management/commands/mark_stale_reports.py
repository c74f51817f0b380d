"""Mark stale the anonymous reports nobody confirmed in time (the ledger's sweep, which
beat runs every ``REPORT_STALE_SWEEP_SECONDS`` when there is a broker).

    python manage.py mark_stale_reports

For the embedded setup (no broker, so no beat): run it from cron. Safe to run twice.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.claimants.ledger import mark_stale_reports


class Command(BaseCommand):
    help = "Mark stale the anonymous reports open longer than ANONYMOUS_REPORT_STALE_DAYS."

    def handle(self, *args, **options):
        total = 0
        while marked := mark_stale_reports():
            total += marked
        days = settings.ANONYMOUS_REPORT_STALE_DAYS
        self.stdout.write(f"{total} report(s) open for more than {days} days marked stale.")
