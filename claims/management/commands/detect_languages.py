"""Fill in the language of articles stored without one.

    python manage.py detect_languages [--batch 500]

Ingestion detects a text's language when the page declares none (``claims.ingestion.
language``); articles stored before it did, or whose detection was unsure, have none, so
their ClaimReview has no ``inLanguage`` and the API's ``language`` filter misses them. This
guesses from each such article's text by the same rule (an unsure guess stays empty, and is
tried again on the next run). An article it fills gets a new ``updated_at``, which moves its
claims' sync keys: a syncing consumer sees them again with their language. Safe to stop and
run again.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from claims.ingestion.language import detect_language
from claims.models import Article


class Command(BaseCommand):
    help = "Detect the language of articles stored without one."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="articles per transaction")

    def handle(self, *args, **options):
        batch = max(1, options["batch"])
        blank = Article.objects.filter(language="").exclude(text="").order_by("pk")
        after, seen, filled = 0, 0, 0
        while True:
            rows = list(blank.filter(pk__gt=after).values_list("pk", "text")[:batch])
            if not rows:
                break
            after = rows[-1][0]
            seen += len(rows)
            by_language: dict[str, list[int]] = defaultdict(list)
            for pk, text in rows:
                if language := detect_language(text):
                    by_language[language].append(pk)
            with transaction.atomic():
                now = timezone.now()
                for language, pks in by_language.items():
                    # updated_at moves the articles' claims in the change feed.
                    Article.objects.filter(pk__in=pks, language="").update(
                        language=language, updated_at=now
                    )
            filled += sum(len(pks) for pks in by_language.values())
        self.stdout.write(
            f"filled the language of {filled} of {seen} articles without one "
            f"({seen - filled} left empty: too short or no sure guess)"
        )
