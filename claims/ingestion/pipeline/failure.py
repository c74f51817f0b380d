"""Giving up on an article: it ends failed, with the reason in plain words."""

from __future__ import annotations

from django.utils import timezone

from claims.models import Article


def fail_article(*, article_id: int, reason: str) -> bool:
    """Mark an article that is still pending or running as failed, saying why.

    Used when a step gives up (retries exhausted, a time limit, an internal error). An
    article that is already done or failed is left alone. Returns True if it was marked.
    """
    reason = (reason or "").strip() or "Ingestion failed for an unknown reason."
    changed = Article.objects.filter(
        pk=article_id, status__in=(Article.Status.PENDING, Article.Status.RUNNING)
    ).update(status=Article.Status.FAILED, error=reason, updated_at=timezone.now())
    return changed == 1
