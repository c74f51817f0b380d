"""Main text and metadata of an article page, via trafilatura.

The text produced here is what gets stored and what every claim's character offsets point
into, so its shape is fixed here: one paragraph per block (heading, paragraph, list item,
quote, table row) separated by a blank line ("\\n\\n"), a line break inside a paragraph kept
as a single "\\n", whitespace inside lines collapsed, Unicode NFC. Trafilatura's own text
output joins blocks with a single newline, which would make a paragraph break and a ``<br>``
indistinguishable, so the text is rendered from its XML body instead.

HTML is untrusted and often broken; any failure inside the parser becomes a
:class:`ParseError` with a readable message, never a traceback on the article.
"""

from __future__ import annotations

import html as html_entities
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime

import trafilatura
from django.utils.html import strip_tags
from lxml import etree
from trafilatura.utils import load_html

from claims.ingestion import IngestionError

logger = logging.getLogger(__name__)

# Block elements of trafilatura's XML output: each one becomes its own paragraph.
_BLOCK_TAGS = frozenset({"head", "p", "item", "quote", "code", "row", "list", "table", "div"})
_INLINE_SEPARATORS = {"cell": " "}
_SPACES = re.compile(r"[^\S\n]+")
_DATE_PARAMS = {
    "extensive_search": True,
    "original_date": True,
    # Keep the time and offset when the page has them; htmldate defaults to a bare date.
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
# A publisher's name is a few words; past this it is a page's slogan or worse.
SITE_NAME_MAX_CHARS = 120
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


class ParseError(IngestionError):
    """No article text could be found in the HTML."""

    code = "parse_error"


@dataclass(frozen=True)
class ParsedArticle:
    text: str
    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return unicodedata.normalize("NFC", value) or None


def plain_text(value: object, *, max_chars: int) -> str | None:
    """Markup in a page's metadata as the text a reader would see: tags (and what scripts
    and styles hold) dropped, entities decoded, whitespace collapsed, at most ``max_chars``
    characters. ``og:site_name`` arrives as whatever the page put in the attribute:
    "<b>Harbour</b> Gazette", or escaped twice ("&amp;lt;b&amp;gt;")."""
    if not isinstance(value, str):
        return None
    for _ in range(3):  # each round peels one layer of escaping
        plain = html_entities.unescape(strip_tags(_SCRIPT_OR_STYLE.sub(" ", value)))
        if plain == value:
            break
        value = plain
    text = _clean(value)
    return text[:max_chars].rstrip() if text else None


def _inline_text(element: etree._Element) -> str:
    """Text of an element whose children are all inline; ``<lb/>`` becomes a newline."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            parts.append(child.tail or "")
            continue
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(_inline_text(child))
            parts.append(_INLINE_SEPARATORS.get(child.tag, ""))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs(element: etree._Element) -> list[str]:
    """Flatten trafilatura's body into paragraphs, one per block element."""
    paragraphs: list[str] = []
    buffer: list[str] = [element.text or ""]

    def flush() -> None:
        paragraphs.append("".join(buffer))
        buffer.clear()

    for child in element:
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            flush()
            paragraphs.extend(_paragraphs(child))
        elif isinstance(child.tag, str) and child.tag == "lb":
            buffer.append("\n")
        elif isinstance(child.tag, str):
            buffer.append(_inline_text(child))
            buffer.append(_INLINE_SEPARATORS.get(child.tag, ""))
        buffer.append(child.tail or "")
    flush()
    return paragraphs


def _render(body: etree._Element | None) -> str:
    if body is None:
        return ""
    cleaned: list[str] = []
    for paragraph in _paragraphs(body):
        lines = [_SPACES.sub(" ", line).strip() for line in paragraph.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            cleaned.append(text)
    return unicodedata.normalize("NFC", "\n\n".join(cleaned))


def _parse_date(value: object) -> datetime | None:
    """htmldate's string to an aware datetime; a bare date or naive time is taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed_date = date.fromisoformat(value[:10])
        except ValueError:
            return None
        parsed = datetime(parsed_date.year, parsed_date.month, parsed_date.day)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _language(tree: etree._Element) -> str | None:
    """The page's declared language (``<html lang>``, then Content-Language, then og:locale)."""
    candidates: list[str | None] = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ]
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language"):
            candidates.append(meta.get("content"))
    for candidate in candidates:
        if candidate:
            value = candidate.strip().split(",")[0].strip().replace("_", "-")
            if _LANGUAGE.match(value):
                return value.lower()
    return None


def _declared_site_name(tree: etree._Element) -> str | None:
    """``og:site_name`` as the page wrote it. Read here, not from trafilatura, which
    title-cases a name starting in lower case: "&lt;b&gt;" would become "&Lt;B&Gt;", and
    "&Lt;" is an entity of its own (≪)."""
    for meta in tree.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:site_name":
            return meta.get("content")
    return None


def _extract(html: str | bytes, url: str | None) -> tuple[object | None, str | None, str | None]:
    tree = load_html(html)
    if tree is None:
        return None, None, None
    language = _language(tree)
    site_name = _declared_site_name(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        date_extraction_params=_DATE_PARAMS,
    )
    return document, language, site_name


def parse_html(html: str | bytes, url: str | None = None) -> ParsedArticle:
    """Extract the article's main text and metadata, or raise :class:`ParseError`.

    ``url`` helps trafilatura resolve the canonical URL and site name. Bytes are decoded by
    trafilatura (meta charset, then detection). Fragments without ``<html>`` are wrapped,
    so a pasted ``<p>...</p>`` snippet works too.
    """
    if not isinstance(html, str | bytes):
        raise ParseError("The HTML must be text or bytes.")
    if not html.strip():
        raise ParseError("The HTML document is empty.")

    try:
        document, language, site_name = _extract(html, url)
        if document is None or not getattr(document, "text", None):
            probe = html[:2048].lower() if isinstance(html, str) else b""
            if isinstance(html, str) and "<html" not in probe and "<body" not in probe:
                document, language, site_name = _extract(f"<html><body>{html}</body></html>", url)
    except Exception as exc:
        # Third-party parsing of hostile input: whatever breaks inside it is an input error
        # to report on the article, not a crash of the task. Logged for the odd real bug.
        logger.warning("HTML parsing failed for %s", url or "uploaded HTML", exc_info=True)
        raise ParseError("The HTML could not be parsed.") from exc

    if document is None:
        raise ParseError("No article text was found in the HTML.")
    text = _render(getattr(document, "body", None))
    if not text:
        # Should not happen when trafilatura found text, but its body format is internal.
        raw = getattr(document, "text", None) or ""
        text = _render_plain(raw)
    if not text:
        raise ParseError("No article text was found in the HTML.")

    return ParsedArticle(
        text=text,
        title=_clean(getattr(document, "title", None)),
        author=_clean(getattr(document, "author", None)),
        published_at=_parse_date(getattr(document, "date", None)),
        site_name=plain_text(
            site_name or getattr(document, "sitename", None), max_chars=SITE_NAME_MAX_CHARS
        ),
        canonical_url=_clean(getattr(document, "url", None)),
        language=language or _clean(getattr(document, "language", None)),
    )


def _render_plain(raw: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    return unicodedata.normalize("NFC", "\n\n".join(line for line in lines if line))
