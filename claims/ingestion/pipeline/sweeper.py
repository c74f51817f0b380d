"""The sweeper: articles whose task was lost (never delivered, or its worker died) are
queued again, each once, by Celery beat."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import Article

from .common import RUNNING_STALE_AFTER, _enqueue_extraction, _enqueue_fetch
from .failure import fail_article

# A pending article untouched for this long is taken to have lost its task message (the
# broker was down when it was enqueued, or the message was lost) and is queued again by
# sweep_stale_articles. Above the fetch task's retry backoff cap (10 minutes), so an article
# waiting for a scheduled retry is not sent twice; a duplicate would be harmless anyway.
PENDING_STALE_AFTER = timedelta(minutes=15)

# Articles queued again per sweep, oldest first; the rest wait for the next sweep.
SWEEP_BATCH_SIZE = 500

logger = logging.getLogger(__name__)


def sweep_stale_articles(*, now: datetime | None = None, limit: int = SWEEP_BATCH_SIZE) -> int:
    """Queue again the articles whose task was lost: never delivered, or its worker died.

    Preconditions: none that raise. ``now`` defaults to the current time (tests pass one).

    Effects: for at most ``limit`` articles, oldest first, that are ``pending`` with
    ``updated_at`` older than :data:`PENDING_STALE_AFTER` (their task never reached the
    broker, e.g. it was down at submission) or ``running`` with ``updated_at`` older than
    :data:`RUNNING_STALE_AFTER` (their worker died, e.g. killed by a hard time limit): the
    article is set to pending with ``updated_at = now`` by a conditional update that matches
    only the status and ``updated_at`` seen, in its own transaction, and its task (fetch for
    a URL article, else extraction) is enqueued when that commits. A concurrent sweep, a
    task that finished meanwhile or a resubmission changes the row first and wins: the
    article is then skipped, so no article is queued twice by overlapping sweeps. If the
    broker is still down, the enqueue fails (logged) and the article, now touched, is tried
    again by a sweep after :data:`PENDING_STALE_AFTER`. A non-URL article with no text (it
    has nothing to extract) is marked failed instead. Returns how many were queued.
    """
    now = now or timezone.now()
    stale = Q(status=Article.Status.PENDING, updated_at__lt=now - PENDING_STALE_AFTER) | Q(
        status=Article.Status.RUNNING, updated_at__lt=now - RUNNING_STALE_AFTER
    )
    seen = list(
        Article.objects.filter(stale)
        .order_by("updated_at", "pk")
        .values_list("pk", "status", "updated_at")[:limit]
    )
    queued = 0
    for article_id, status, updated_at in seen:
        with transaction.atomic():
            claimed = Article.objects.filter(
                pk=article_id, status=status, updated_at=updated_at
            ).update(status=Article.Status.PENDING, updated_at=now)
            if claimed != 1:
                continue  # someone else moved it on since we looked
            row = Article.objects.filter(pk=article_id)
            if row.filter(origin=Article.Origin.URL).exists():
                _enqueue_fetch(article_id)
            elif row.exclude(text="").exists():
                _enqueue_extraction(article_id)
            else:
                fail_article(article_id=article_id, reason="The article has no text to extract.")
                continue
        queued += 1
        logger.info("Queued article %s again (it was %s since %s)", article_id, status, updated_at)
    return queued
