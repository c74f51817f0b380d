"""The ingestion services: an article in (text, HTML or a URL), candidate claims out.

Each public function here is one service: keyword-only, one short transaction, the only code
that writes an ``Article`` row's content and status. Views, the API, the ``ingest`` command
and the Celery tasks in ``claims.tasks`` call them; none of them sets ``Article.status``.

The article's life::

    submit_url ──> pending ──fetch_article──> running ──extract_article──> done
    ingest_text / ingest_html ──> pending ──extract_article──> done
    any step that cannot succeed ──> failed (``error`` says why, in plain words)
    pending or running for too long ──sweep_stale_articles──> pending, its task sent again

Rules the code keeps:

- Bad input is refused *before* a row is written (empty, too large, binary, undecodable,
  HTML without article text, an invalid or refused URL), with an :class:`IngestionError`
  whose message is fit to show. Problems only a fetch can reveal (DNS, a redirect to an
  internal address, a loop, a stalling server) end with the article ``failed`` and the
  reason in ``error``; nothing is half written.
- Idempotent: the same content (``content_hash``) or the same normalized URL creates
  nothing new; the existing article comes back with ``created=False``.
- No network I/O inside a transaction: :func:`fetch_article` claims its row, commits,
  fetches, then stores the result in a new short transaction.
- Work is enqueued with ``transaction.on_commit``, so a task never sees a row that is not
  committed yet (or that was rolled back).
- Nothing is lost: if the broker is down when a task is enqueued, or a worker dies with the
  article in hand, the article stays pending or running, and :func:`sweep_stale_articles`
  (run by Celery beat) sends its task again once ``updated_at`` shows no recent activity.

Changed content at a known URL (``ingest_text``/``ingest_html`` with that ``url``, or
``submit_url(refetch=True)``) replaces the article's text and hash and runs extraction
again. The text it replaces is kept, with its hash and title, as an
:class:`~claims.models.ArticleRevision` written in the same transaction: a stealth edit
never loses what the article said. Extraction then adds claims for the sentences whose
fingerprint the article does not have yet, and moves the spans of the claims it has, so
that ``span_start`` / ``span_end`` always index the current ``article.text``: the claim's
sentence there (equal to ``claim.text`` up to case, spacing and quote style; else the
claim's words where they stand verbatim), or both null when the sentence left the text.
Nothing else of an existing claim changes, whatever its status: its text, status, assignee
and history stay. Until the extraction of a new text has run (the article pending or
running, or failed in between), spans still index the previous text: the newest revision.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.extraction import ExtractedSentence, extract, unique_claims
from claims.ingestion import IngestionError
from claims.ingestion import text as text_utils
from claims.ingestion.fetch import (
    FetchedPage,
    TemporaryFetchError,
    check_url,
    fetch_url,
)
from claims.ingestion.html import ParsedArticle, parse_html
from claims.ingestion.text import (
    BinaryContent,
    EmptyContent,
    check_size,
    content_hash,
    decode_upload,
    normalize_text,
    sniff_binary,
)
from claims.ingestion.urls import normalize_url
from claims.models import Article, ArticleRevision, Claim
from claims.workflow import ActionNotPermitted, claim_create, text_fingerprint

__all__ = [
    "RUNNING_STALE_AFTER",
    "IngestResult",
    "extract_article",
    "fail_article",
    "fetch_article",
    "ingest_html",
    "ingest_text",
    "submit_url",
    "sweep_stale_articles",
]

logger = logging.getLogger(__name__)

A = Article.Status

# An article left pending or running longer than this is considered abandoned (a lost task
# message, a worker killed by its hard time limit): it may be claimed or queued again.
# Well above the hard time limits of the tasks in claims.tasks.
RUNNING_STALE_AFTER = timedelta(minutes=10)
# A pending article untouched for this long is taken to have lost its task message (the
# broker was down when it was enqueued, or the message was lost) and is queued again by
# sweep_stale_articles. Above the fetch task's retry backoff cap (10 minutes), so an article
# waiting for a scheduled retry is not sent twice; a duplicate would be harmless anyway.
PENDING_STALE_AFTER = timedelta(minutes=15)
# Articles queued again per sweep, oldest first; the rest wait for the next sweep.
SWEEP_BATCH_SIZE = 500

_HTML_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_META_CHARSET_WINDOW = 4096  # bytes searched for <meta charset> (the spec says 1024)


@dataclass(frozen=True)
class IngestResult:
    """What an ingestion service did.

    ``created``: a new article row was written. ``updated``: an existing article was given
    new content, or queued for another attempt (it had failed, or its task was lost).
    Both false: the input was already known and nothing was done.
    """

    article: Article
    created: bool
    updated: bool = False


@dataclass(frozen=True)
class _Content:
    """Text and metadata about to be stored, already validated and normalized."""

    text: str
    digest: str
    title: str = ""
    author: str = ""
    outlet: str = ""
    published_at: datetime | None = None
    language: str = ""
    canonical_url: str = ""


# --- public services -------------------------------------------------------------------


def ingest_text(
    *, text: str | bytes, title: str = "", url: str | None = None, actor=None
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
    """
    _check_actor(actor)
    clean = _clean_text(text)
    normalized_url = normalize_url(url) if url else None
    content = _Content(text=clean, digest=content_hash(clean), title=_cut(title, "title"))
    return _ingest_content(
        content=content, origin=Article.Origin.TEXT, url=normalized_url, actor=actor
    )


def ingest_html(*, html: str | bytes, url: str | None = None, actor=None) -> IngestResult:
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


def submit_url(*, url: str, actor=None, refetch: bool = False) -> IngestResult:
    """Register an article to be fetched from ``url`` and queue the fetch on commit.

    Preconditions: ``actor`` is None or may add articles; ``url`` is a valid http(s) URL
    that the address guard does not refuse from the URL alone (no credentials, no IP
    literal outside the public internet: ``http://169.254.169.254/`` is refused here).
    Host *names* are judged at connect time by the fetch, so ``http://localhost/`` is
    accepted here and fails on the article. Refusals raise an :class:`IngestionError`
    before anything is written. No network I/O happens in this function.

    Effects: a new pending article (origin url) with the fetch queued (``created=True``);
    or, if the normalized URL is known, that article, unchanged, unless it failed, was
    abandoned, or ``refetch`` is set for a finished one: then it goes back to pending and
    the fetch is queued again (``updated=True``). An article already being fetched is
    left alone.
    """
    _check_actor(actor)
    normalized = normalize_url(url)
    check_url(normalized)
    with transaction.atomic():
        existing = Article.objects.select_for_update().filter(url=normalized).first()
        if existing is not None:
            return _resubmit(existing, refetch=refetch)
        try:
            with transaction.atomic():
                article = Article.objects.create(
                    url=normalized,
                    origin=Article.Origin.URL,
                    status=A.PENDING,
                    submitted_by=actor,
                )
        except IntegrityError:
            # Someone submitted the same URL a moment ago; theirs is the article.
            return IngestResult(article=Article.objects.get(url=normalized), created=False)
        _enqueue_fetch(article.pk)
        return IngestResult(article=article, created=True)


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


def extract_article(*, article_id: int) -> int:
    """Create one candidate claim per unique check-worthy sentence of the article's text,
    and point the spans of its existing claims at the current text.

    Preconditions: none that raise. An article that is gone, failed, has no text yet, or
    is waiting for a fetch, is left alone (returns 0).

    Effects: for each check-worthy sentence (duplicates within the article removed) whose
    fingerprint (:func:`claims.workflow.text_fingerprint`) the article does not have yet,
    a ``candidate`` claim via :func:`claims.workflow.claim_create` (span into
    ``article.text``, claimant or "", sourcing, checkworthiness = score, flags) with its
    history event. Existing claims get only their span moved (see :func:`_reanchor_claims`);
    nothing else of them changes. The article becomes done. Running it twice changes
    nothing the second time. Returns the number of claims created.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not _awaits_extraction(article):
        return 0
    # Extraction is pure CPU work: done before the transaction so that a long article does
    # not hold the row lock; the hash check below makes sure it is still the same text.
    text, digest = article.text, article.content_hash
    segments = extract(text)
    sentences = unique_claims(segments)
    anchors = _anchors(segments)
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None or article.content_hash != digest or not _awaits_extraction(article):
            return 0  # changed meanwhile: whoever changed it queued a new extraction
        known = _reanchor_claims(article, anchors)
        created = 0
        for sentence in sentences:
            claim_text, span = _claim_span(sentence)
            fingerprint = text_fingerprint(claim_text)
            if not claim_text or fingerprint in known:
                continue
            known.add(fingerprint)
            claim_create(
                text=claim_text,
                article=article,
                span=span,
                claimant=(sentence.claimant or "")[: _max_length(Claim, "claimant")],
                sourcing=sentence.sourcing,
                checkworthiness=min(1.0, max(0.0, float(sentence.score))),
                flags=sentence.flags,
            )
            created += 1
        article.status = A.DONE
        article.error = ""
        article.save(update_fields=["status", "error", "updated_at"])
    return created


def fail_article(*, article_id: int, reason: str) -> bool:
    """Mark an article that is still pending or running as failed, saying why.

    Used when a step gives up (retries exhausted, a time limit, an internal error). An
    article that is already done or failed is left alone. Returns True if it was marked.
    """
    reason = (reason or "").strip() or "Ingestion failed for an unknown reason."
    changed = Article.objects.filter(pk=article_id, status__in=(A.PENDING, A.RUNNING)).update(
        status=A.FAILED, error=reason, updated_at=timezone.now()
    )
    return changed == 1


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
    stale = Q(status=A.PENDING, updated_at__lt=now - PENDING_STALE_AFTER) | Q(
        status=A.RUNNING, updated_at__lt=now - RUNNING_STALE_AFTER
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
            ).update(status=A.PENDING, updated_at=now)
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


# --- steps -----------------------------------------------------------------------------


def _check_actor(actor) -> None:
    # No predicate for this in claims.permissions yet; the model permission is the rule.
    if actor is not None and not (actor.is_active and actor.has_perm("claims.add_article")):
        raise ActionNotPermitted("You may not submit articles.")


def _clean_text(text: str | bytes) -> str:
    """Validated, normalized text, or an :class:`UploadError` saying what is wrong."""
    if isinstance(text, bytes):
        return decode_upload(text)
    if not isinstance(text, str):
        raise EmptyContent("The content must be text.")
    check_size(text)
    text = normalize_text(text)
    # The same rules as decode_upload applies after decoding (a str can carry a binary file
    # too), minus its byte signatures, which would misfire on text like "ID3 tags ...".
    if "\x00" in text:
        raise BinaryContent("The content contains NUL characters: it is a binary file, not text.")
    controls = len(text_utils._STRAY_CONTROLS.findall(text))
    if (
        controls > text_utils.MAX_STRAY_CONTROLS
        and controls / len(text) > text_utils.MAX_CONTROL_RATIO
    ):
        raise BinaryContent("The content is mostly control characters: it is not text.")
    text = text_utils._STRAY_CONTROLS.sub("", text)
    if not text.strip():
        raise EmptyContent("The content is empty.")
    return text


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


def _ingest_content(*, content: _Content, origin: str, url: str | None, actor) -> IngestResult:
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
                    article = Article(url=url, origin=origin, status=A.PENDING, submitted_by=actor)
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


def _apply_content(
    article: Article, content: _Content, *, origin: str, status: str = A.PENDING
) -> None:
    """Write new content onto ``article`` and save it. Metadata the new content does not
    have keeps its old value. A different text replacing a stored one is kept first, as a
    revision: ``article`` must be the row as stored (locked by the caller)."""
    if article.text and article.text != content.text:
        ArticleRevision.objects.create(
            article=article,
            text=article.text,
            # A row written outside the pipeline (a test, a shell) may have text, no hash.
            content_hash=article.content_hash or content_hash(article.text),
            title=article.title,
        )
    article.text = content.text
    article.content_hash = content.digest
    article.origin = origin
    article.status = status
    article.error = ""
    for field in ("title", "author", "outlet", "language", "canonical_url"):
        value = getattr(content, field)
        if value:
            setattr(article, field, value)
    if content.published_at is not None:
        article.published_at = content.published_at
    article.save()


def _reset_for_extraction(article: Article) -> None:
    article.status = A.PENDING
    article.error = ""
    article.save(update_fields=["status", "error", "updated_at"])
    _enqueue_extraction(article.pk)


def _resubmit(article: Article, *, refetch: bool) -> IngestResult:
    """A URL that is already known: requeue it only if that is what it needs."""
    if _abandoned_or_failed(article) or (refetch and article.status == A.DONE):
        article.status = A.PENDING
        article.origin = Article.Origin.URL
        article.save(update_fields=["status", "origin", "updated_at"])
        _enqueue_fetch(article.pk)
        return IngestResult(article=article, created=False, updated=True)
    return IngestResult(article=article, created=False)


def _abandoned_or_failed(article: Article) -> bool:
    if article.status == A.FAILED:
        return True
    stale = article.updated_at is not None and (
        article.updated_at < timezone.now() - RUNNING_STALE_AFTER
    )
    return article.status in (A.PENDING, A.RUNNING) and stale


def _awaits_extraction(article: Article) -> bool:
    if article.status == A.FAILED or not article.text:
        return False
    # A URL article sent back to pending is waiting for a (re)fetch, not for extraction.
    return not (article.origin == Article.Origin.URL and article.status == A.PENDING)


def _claim_for_fetch(article_id: int) -> bool:
    """pending -> running, in its own short transaction; False if someone else has it."""
    now = timezone.now()
    claimable = Q(status=A.PENDING) | Q(status=A.RUNNING, updated_at__lt=now - RUNNING_STALE_AFTER)
    with transaction.atomic():
        changed = Article.objects.filter(
            claimable, pk=article_id, origin=Article.Origin.URL
        ).update(status=A.RUNNING, updated_at=now)
    return changed == 1


def _release_for_retry(article_id: int, message: str) -> None:
    Article.objects.filter(pk=article_id, status=A.RUNNING).update(
        status=A.PENDING,
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
        if article is None or article.status != A.RUNNING:
            # Re-ingested or requeued while we were fetching: the newer input wins.
            return
        other = Article.objects.filter(content_hash=content.digest).exclude(pk=article_id).first()
        if other is None:
            try:
                with transaction.atomic():
                    # Still running: the extraction task finishes the job.
                    _apply_content(article, content, origin=Article.Origin.URL, status=A.RUNNING)
            except IntegrityError:
                other = Article.objects.filter(content_hash=content.digest).first()
                if other is None:
                    raise
        if other is not None:
            Article.objects.filter(pk=article_id).update(
                status=A.FAILED,
                error=f"The page has the same content as article {other.pk} ({other}).",
                updated_at=timezone.now(),
            )
            return
        _enqueue_extraction(article_id)


# --- small helpers ---------------------------------------------------------------------


def _claim_span(sentence: ExtractedSentence) -> tuple[str, tuple[int, int]]:
    """The sentence as a claim holds it (stripped, as ``claim_create`` stores it) and the
    span that indexes exactly that in the article's text."""
    raw = sentence.text
    claim_text = raw.strip()
    start = sentence.start + (len(raw) - len(raw.lstrip()))
    return claim_text, (start, start + len(claim_text))


def _anchors(segments: list[ExtractedSentence]) -> dict[str, tuple[int, int]]:
    """Fingerprint -> span of its first occurrence, over *every* segment: a claim's sentence
    may still be in the text without being check-worthy any more (or without being a
    sentence: the segmenter may now call it a caption)."""
    anchors: dict[str, tuple[int, int]] = {}
    for segment in segments:
        claim_text, span = _claim_span(segment)
        if claim_text:
            anchors.setdefault(text_fingerprint(claim_text), span)
    return anchors


def _reanchor_claims(article: Article, anchors: dict[str, tuple[int, int]]) -> set[str]:
    """Make the spans of the article's claims index its current text; return the
    fingerprints the article has.

    A span that still indexes the claim's text is kept. Else the claim's sentence, found by
    fingerprint, gives the new span; failing that, the claim's text found verbatim (the
    segmenter may cut the same words differently now: text put before a dateline joins the
    dateline to the first sentence). A claim whose words left the text gets no span (null).
    Only the span columns are written, in one statement (``bulk_update`` is an UPDATE, no
    ``save``): status, text, assignee, ``updated_at`` and history stay as they are.
    """
    known: set[str] = set()
    moved: list[Claim] = []
    rows = article.claims.values_list("pk", "text", "text_hash", "span_start", "span_end")
    for pk, claim_text, fingerprint, start, end in rows:
        known.add(fingerprint)
        if start is not None and article.text[start:end] == claim_text:
            continue
        span = anchors.get(fingerprint) or _verbatim_span(article.text, claim_text)
        new_start, new_end = span or (None, None)
        if (new_start, new_end) != (start, end):
            moved.append(Claim(pk=pk, span_start=new_start, span_end=new_end))
    if moved:
        Claim.objects.bulk_update(moved, ["span_start", "span_end"])
    return known


def _verbatim_span(text: str, claim_text: str) -> tuple[int, int] | None:
    start = text.find(claim_text) if claim_text else -1
    return (start, start + len(claim_text)) if start >= 0 else None


def _content_from_parsed(parsed: ParsedArticle, clean_text: str) -> _Content:
    return _Content(
        text=clean_text,
        digest=content_hash(clean_text),
        title=_cut(parsed.title, "title"),
        author=_cut(parsed.author, "author"),
        outlet=_cut(parsed.site_name, "outlet"),
        published_at=parsed.published_at,
        language=_cut(parsed.language, "language"),
        canonical_url=_normalized_or_blank(parsed.canonical_url),
    )


def _content_from_text(text: str) -> _Content:
    return _Content(text=text, digest=content_hash(text))


def _normalized_or_blank(url: str | None) -> str:
    if not url:
        return ""
    try:
        normalized = normalize_url(url)
    except IngestionError:
        return ""
    return normalized if len(normalized) <= _max_length(Article, "canonical_url") else ""


def _cut(value: str | None, field: str) -> str:
    return " ".join((value or "").split())[: _max_length(Article, field)]


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def _enqueue_fetch(article_id: int) -> None:
    from claims import tasks  # tasks imports this module

    def enqueue_fetch() -> None:  # a named function: Django logs its __qualname__ on error
        tasks.fetch_article_task.delay(article_id)

    _on_commit(enqueue_fetch)


def _enqueue_extraction(article_id: int) -> None:
    from claims import tasks

    def enqueue_extraction() -> None:
        tasks.extract_article_task.delay(article_id)

    _on_commit(enqueue_extraction)


def _on_commit(callback) -> None:
    # robust: the row is committed whatever happens next. A task that fails (eagerly, in
    # process) records its failure on the article; it must not turn the caller's
    # successful write into an exception. An article whose task never reached the broker
    # stays pending and is queued again by sweep_stale_articles (or a resubmission).
    transaction.on_commit(callback, robust=True)
