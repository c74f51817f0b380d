"""Fetching a URL article: claim the row, fetch outside any transaction, store the result
in a new short one (or put the article back for a retry, or fail it)."""

from __future__ import annotations

from dataclasses import replace

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.ingestion import IngestionError
from claims.ingestion.fetch import FetchedPage, TemporaryFetchError, fetch_url
from claims.ingestion.html import parse_html
from claims.ingestion.text import decode_upload
from claims.models import Article

from .common import RUNNING_STALE_AFTER, _enqueue_extraction
from .content import (
    _apply_content,
    _clean_text,
    _Content,
    _content_from_parsed,
    _content_from_text,
    _normalized_or_blank,
)
from .failure import fail_article


def fetch_article(*, article_id: int) -> None:
    """Fetch a pending URL article and store its text and metadata; queue extraction.

    Preconditions: none that raise: an article that is not pending (or abandoned while
    running), not of origin url, or gone, is left alone, so a duplicate task is harmless.

    Effects, in three steps so that no network I/O happens inside a transaction:
    1. claim the row with a conditional update (pending -> running) and commit;
    2. fetch (outside any transaction) and parse: HTML through trafilatura, text/plain
       decoded strictly;
    3. in a new short transaction, if the article is still ours: store text, hash and
       metadata, then queue extraction on commit. If another article already has this
       content, this one is marked failed ("same content as article N") instead.

    A permanent error (refused address, 404, too large, not HTML, no article text, ...)
    marks the article failed with the error's message. A :class:`TemporaryFetchError` puts
    the article back to pending (its message kept in ``error``) and is re-raised, for the
    task to retry; when retries run out the task calls :func:`fail_article`.
    """
    if not _claim_for_fetch(article_id):
        return
    url = Article.objects.filter(pk=article_id).values_list("url", flat=True).first()
    if not url:
        fail_article(article_id=article_id, reason="The article has no address to fetch.")
        return
    try:
        page = fetch_url(url)
        content = _content_from_page(page)
    except TemporaryFetchError as exc:
        _release_for_retry(article_id, exc.message)
        raise
    except IngestionError as exc:
        fail_article(article_id=article_id, reason=exc.message)
        return
    _store_fetched(article_id, content)


def _claim_for_fetch(article_id: int) -> bool:
    """pending -> running, in its own short transaction; False if someone else has it."""
    now = timezone.now()
    claimable = Q(status=Article.Status.PENDING) | Q(
        status=Article.Status.RUNNING, updated_at__lt=now - RUNNING_STALE_AFTER
    )
    with transaction.atomic():
        changed = Article.objects.filter(
            claimable, pk=article_id, origin=Article.Origin.URL
        ).update(status=Article.Status.RUNNING, updated_at=now)
    return changed == 1


def _release_for_retry(article_id: int, message: str) -> None:
    Article.objects.filter(pk=article_id, status=Article.Status.RUNNING).update(
        status=Article.Status.PENDING,
        error=f"Temporary problem, will retry: {message}",
        updated_at=timezone.now(),
    )


def _content_from_page(page: FetchedPage) -> _Content:
    """Parse a fetched page (no database access, outside any transaction)."""
    if page.is_html:
        # A known charset (header or <meta>) decodes here, one bad byte becoming U+FFFD as
        # browsers do; without one, trafilatura's own detection gets the bytes.
        parsed = parse_html(page.text if page.charset else page.body, url=page.final_url)
        content = _content_from_parsed(parsed, _clean_text(parsed.text))
    else:
        content = _content_from_text(decode_upload(page.body, page.charset))
    if not content.canonical_url and page.final_url:
        content = replace(content, canonical_url=_normalized_or_blank(page.final_url))
    return content


def _store_fetched(article_id: int, content: _Content) -> None:
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None or article.status != Article.Status.RUNNING:
            # Re-ingested or requeued while we were fetching: the newer input wins.
            return
        other = Article.objects.filter(content_hash=content.digest).exclude(pk=article_id).first()
        if other is None:
            try:
                with transaction.atomic():
                    # Still running: the extraction task finishes the job.
                    _apply_content(
                        article, content, origin=Article.Origin.URL, status=Article.Status.RUNNING
                    )
            except IntegrityError:
                other = Article.objects.filter(content_hash=content.digest).first()
                if other is None:
                    raise
        if other is not None:
            Article.objects.filter(pk=article_id).update(
                status=Article.Status.FAILED,
                error=f"The page has the same content as article {other.pk} ({other}).",
                updated_at=timezone.now(),
            )
            return
        _enqueue_extraction(article_id)
