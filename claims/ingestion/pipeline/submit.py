"""Submission: pasted text, an uploaded HTML page or a URL in, a pending article out (or
the one already known), with its next task queued on commit. No network I/O here but
the DNS lookup that judges a submitted URL's host name."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.extraction.boilerplate import leading_headline
from claims.ingestion.fetch import check_host, check_url
from claims.ingestion.html import parse_html
from claims.ingestion.language import detect_language
from claims.ingestion.text import (
    BinaryContent,
    check_size,
    content_hash,
    decode_upload,
    sniff_binary,
)
from claims.ingestion.urls import normalize_url
from claims.models import Article
from claims.types import User
from claims.workflow import ActionNotPermitted

from .common import RUNNING_STALE_AFTER, IngestResult, _enqueue_extraction, _enqueue_fetch
from .content import _apply_content, _clean_text, _Content, _content_from_parsed, _cut

_HTML_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_META_CHARSET_WINDOW = 4096  # bytes searched for <meta charset> (the spec says 1024)


def ingest_text(
    *,
    text: str | bytes,
    title: str = "",
    url: str | None = None,
    actor: User | None = None,
    headline_first: bool = False,
) -> IngestResult:
    """Store pasted or uploaded plain text as an article and queue its extraction.

    Preconditions: ``actor`` is None (the system) or may add articles; ``text`` is
    non-empty, at most ``INGEST_MAX_BYTES``, and really text (``bytes`` are decoded
    strictly, see :func:`claims.ingestion.text.decode_upload`); ``url``, if given, is an
    http(s) address (it is only the lookup key; nothing is fetched). Otherwise an
    :class:`IngestionError` (or ``ActionNotPermitted``) is raised and nothing is written.

    Effects: if an article already has this content, it is returned (``created=False``)
    and nothing changes (unless it had failed or was abandoned: then extraction is queued
    again). Else if an article has this ``url``, its text and hash are replaced and
    extraction is queued (``updated=True``). Else a new pending article (origin text) is
    created and extraction is queued on commit.

    With ``headline_first`` (a plain-text file, which may open with its headline), a first
    line that looks like a headline (:func:`claims.extraction.boilerplate.leading_headline`)
    is left out of the stored text, so it is never a claim, and is the title unless
    ``title`` is given. The stored text, hence the article it matches, does not depend on
    ``title``.
    """
    _check_actor(actor)
    clean = _clean_text(text)
    if headline_first and (found := leading_headline(clean)) is not None:
        headline, clean = found
        title = title or headline
    normalized_url = normalize_url(url) if url else None
    content = _Content(
        text=clean,
        digest=content_hash(clean),
        title=_cut(title, "title"),
        language=detect_language(clean),
    )
    return _ingest_content(
        content=content, origin=Article.Origin.TEXT, url=normalized_url, actor=actor
    )


def ingest_html(
    *, html: str | bytes, url: str | None = None, actor: User | None = None
) -> IngestResult:
    """Store an uploaded HTML page as an article (main text and metadata via trafilatura)
    and queue its extraction.

    Preconditions: as :func:`ingest_text`. The HTML is size-checked and decoded *before* it
    is parsed (bytes: byte-order mark, else ``<meta charset>``, else UTF-8, strictly); a
    page without article text (only scripts, say) is refused with ``ParseError``.

    Effects: as :func:`ingest_text`, with origin html and title, author, outlet (site name),
    published date, language and canonical URL taken from the page.
    """
    _check_actor(actor)
    normalized_url = normalize_url(url) if url else None
    parsed = parse_html(_decode_html(html), url=normalized_url)
    clean = _clean_text(parsed.text)
    content = _content_from_parsed(parsed, clean)
    return _ingest_content(
        content=content, origin=Article.Origin.HTML, url=normalized_url, actor=actor
    )


def submit_url(*, url: str, actor: User | None = None, refetch: bool = False) -> IngestResult:
    """Register an article to be fetched from ``url`` and queue the fetch on commit.

    Preconditions: ``actor`` is None or may add articles; ``url`` is a valid http(s) URL
    that the address guard does not refuse (no credentials, no IP literal outside the
    public internet: ``http://169.254.169.254/`` is refused here), whose host name resolves,
    within ``INGEST_RESOLVE_TIMEOUT_SECONDS``, to public addresses only: a name for an
    internal address (``http://localhost/``) and a name that does not resolve are refused
    alike (:class:`claims.ingestion.fetch.BlockedAddress`, one message for both). Refusals
    raise an :class:`IngestionError` before anything is written. The only network I/O here
    is that DNS lookup, made before any transaction; the fetch judges every connection
    again (DNS may answer differently by then).

    Effects: a new pending article (origin url) with the fetch queued (``created=True``);
    or, if the normalized URL is known, that article, unchanged, unless it failed, was
    abandoned, or ``refetch`` is set for a finished one: then it goes back to pending and
    the fetch is queued again (``updated=True``). An article already being fetched is
    left alone.
    """
    _check_actor(actor)
    normalized = normalize_url(url)
    check_url(normalized)
    check_host(normalized)
    with transaction.atomic():
        existing = Article.objects.select_for_update().filter(url=normalized).first()
        if existing is not None:
            return _resubmit(existing, refetch=refetch)
        try:
            with transaction.atomic():
                article = Article.objects.create(
                    url=normalized,
                    origin=Article.Origin.URL,
                    status=Article.Status.PENDING,
                    submitted_by=actor,
                )
        except IntegrityError:
            # Someone submitted the same URL a moment ago; theirs is the article.
            return IngestResult(article=Article.objects.get(url=normalized), created=False)
        _enqueue_fetch(article.pk)
        return IngestResult(article=article, created=True)


def _check_actor(actor: User | None) -> None:
    # No predicate for this in claims.permissions yet; the model permission is the rule.
    if actor is not None and not (actor.is_active and actor.has_perm("claims.add_article")):
        raise ActionNotPermitted("You may not submit articles.")


def _decode_html(html: str | bytes) -> str:
    """Size-check and decode an HTML upload before anyone parses it."""
    if isinstance(html, bytes):
        check_size(html)
        kind = sniff_binary(html)
        if kind:
            raise BinaryContent(f"This looks like {kind}, not an HTML page.")
        match = _HTML_META_CHARSET.search(html[:_META_CHARSET_WINDOW])
        declared = match.group(1).decode("ascii", "replace") if match else None
        return decode_upload(html, declared)
    return _clean_text(html)


def _ingest_content(
    *, content: _Content, origin: str, url: str | None, actor: User | None
) -> IngestResult:
    with transaction.atomic():
        same = Article.objects.select_for_update().filter(content_hash=content.digest).first()
        if same is not None:
            if _abandoned_or_failed(same):
                _reset_for_extraction(same)
                return IngestResult(article=same, created=False, updated=True)
            return IngestResult(article=same, created=False)
        at_url = Article.objects.select_for_update().filter(url=url).first() if url else None
        try:
            with transaction.atomic():
                if at_url is not None:
                    _apply_content(at_url, content, origin=origin)
                    article, created = at_url, False
                else:
                    article = Article(
                        url=url, origin=origin, status=Article.Status.PENDING, submitted_by=actor
                    )
                    _apply_content(article, content, origin=origin)
                    created = True
        except IntegrityError:
            # A concurrent ingestion stored the same content (or URL) first; use theirs.
            winner = Article.objects.filter(content_hash=content.digest).first() or (
                Article.objects.filter(url=url).first() if url else None
            )
            if winner is None:
                raise
            return IngestResult(article=winner, created=False)
        _enqueue_extraction(article.pk)
        return IngestResult(article=article, created=created, updated=not created)


def _reset_for_extraction(article: Article) -> None:
    article.status = Article.Status.PENDING
    article.error = ""
    article.save(update_fields=["status", "error", "updated_at"])
    _enqueue_extraction(article.pk)


def _resubmit(article: Article, *, refetch: bool) -> IngestResult:
    """A URL that is already known: requeue it only if that is what it needs."""
    if _abandoned_or_failed(article) or (refetch and article.status == Article.Status.DONE):
        article.status = Article.Status.PENDING
        article.origin = Article.Origin.URL
        article.save(update_fields=["status", "origin", "updated_at"])
        _enqueue_fetch(article.pk)
        return IngestResult(article=article, created=False, updated=True)
    return IngestResult(article=article, created=False)


def _abandoned_or_failed(article: Article) -> bool:
    if article.status == Article.Status.FAILED:
        return True
    stale = article.updated_at is not None and (
        article.updated_at < timezone.now() - RUNNING_STALE_AFTER
    )
    return article.status in (Article.Status.PENDING, Article.Status.RUNNING) and stale
