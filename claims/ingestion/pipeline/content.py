"""Content on its way into an article: validated and normalized text with its metadata
(:class:`_Content`), built from text, a parsed page or fetched bytes, and written onto the
article row (keeping the text it replaces as a revision)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from claims.ingestion import IngestionError
from claims.ingestion import text as text_utils
from claims.ingestion.html import ParsedArticle
from claims.ingestion.language import detect_language
from claims.ingestion.text import (
    BinaryContent,
    EmptyContent,
    check_size,
    content_hash,
    decode_upload,
    normalize_text,
)
from claims.ingestion.urls import normalize_url
from claims.models import Article, ArticleRevision

from .common import _max_length


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


def _apply_content(
    article: Article, content: _Content, *, origin: str, status: str = Article.Status.PENDING
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


def _content_from_parsed(parsed: ParsedArticle, clean_text: str) -> _Content:
    return _Content(
        text=clean_text,
        digest=content_hash(clean_text),
        title=_cut(parsed.title, "title"),
        author=_cut(parsed.author, "author"),
        outlet=_cut(parsed.site_name, "outlet"),
        published_at=parsed.published_at,
        # What the page declares, else what its text reads as (blank when unsure).
        language=_cut(parsed.language, "language") or detect_language(clean_text),
        canonical_url=_normalized_or_blank(parsed.canonical_url),
    )


def _content_from_text(text: str) -> _Content:
    return _Content(text=text, digest=content_hash(text), language=detect_language(text))


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
