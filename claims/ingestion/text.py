"""Turning uploaded bytes into the one text that claim offsets point into.

Uploads are untrusted: a PDF renamed to .txt, a UTF-16 export from a word processor, a
Latin-1 file, a gigabyte of zeros. Everything that is not text we can decode for certain is
refused with a sentence the uploader can act on, rather than stored as mojibake that would
then be split into nonsense "claims". The text that comes out is normalized once (newlines,
Unicode NFC, no BOM) so offsets computed on it stay valid forever.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

from django.conf import settings

from claims.ingestion import IngestionError


class UploadError(IngestionError):
    """Base for uploaded content we refuse."""

    code = "upload_error"


class EmptyContent(UploadError):
    code = "empty"


class ContentTooLarge(UploadError):
    code = "too_large"


class BinaryContent(UploadError):
    code = "binary"


class UndecodableText(UploadError):
    code = "undecodable"


# (prefix, what it is). Checked before decoding: some of these decode "fine" as Latin-1.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a media file (RIFF)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\x00asm", "a WebAssembly module"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Share of control characters above which a "text" is really a binary that happened to
# decode. Real articles have none besides tab and newline; a stray escape code is tolerated.
MAX_CONTROL_RATIO = 0.01
MAX_STRAY_CONTROLS = 3  # so one escape code in a short note is not "mostly binary"
_NEWLINES = re.compile(r"\r\n|\r|\x0b|\x0c|\x85|\u2028")
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
_WHITESPACE = re.compile(r"\s+")


def max_bytes() -> int:
    return int(settings.INGEST_MAX_BYTES)


def check_size(data: bytes | str | int, *, limit: int | None = None) -> None:
    """Raise :class:`ContentTooLarge` when ``data`` (bytes, text measured as UTF-8, or a
    byte count) exceeds ``limit`` (default ``settings.INGEST_MAX_BYTES``).

    The same cap as for fetched pages, so an upload cannot do what a URL may not.
    """
    limit = max_bytes() if limit is None else limit
    if isinstance(data, int):
        size = data
    elif isinstance(data, str):
        # Cheap upper bound first: a str of n characters is at most 4n bytes in UTF-8.
        size = len(data) if len(data) * 4 <= limit else len(data.encode("utf-8", "surrogatepass"))
    else:
        size = len(data)
    if size > limit:
        raise ContentTooLarge(
            f"The content is {_human(size)}, more than the limit of {_human(limit)}."
        )


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary file ``data`` starts like, or None if it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "a video or image file (MP4/HEIF)"
    return None


def codec_name(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_upload(data: bytes, declared_charset: str | None = None) -> str:
    """Decode uploaded bytes to normalized text, or raise an :class:`UploadError`.

    Order: size cap, known binary signatures, byte-order mark, the declared charset (an
    unknown charset name is ignored), else UTF-8. Bytes that do not decode strictly are
    refused, never replaced: a wrong guess would corrupt every offset after it. The result
    has "\\n" newlines, Unicode NFC, no BOM and no stray control characters.
    """
    check_size(data)
    if not data.strip():
        raise EmptyContent("The content is empty.")
    kind = sniff_binary(data)
    if kind:
        raise BinaryContent(f"This looks like {kind}, not text. Upload HTML or plain text.")

    encoding = None
    body = data
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            encoding, body = bom_encoding, data[len(bom) :]
            break
    if encoding is None:
        if b"\x00" in data:
            raise BinaryContent("The content contains NUL bytes: it is a binary file, not text.")
        encoding = codec_name(declared_charset) or "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableText(
            f"The content is not valid {encoding} text (first bad byte at position "
            f"{exc.start}). Save it as UTF-8 and try again."
        ) from exc

    text = normalize_text(text)
    if "\x00" in text:
        raise BinaryContent("The content contains NUL characters: it is a binary file, not text.")
    controls = len(_STRAY_CONTROLS.findall(text))
    if controls > MAX_STRAY_CONTROLS and controls / len(text) > MAX_CONTROL_RATIO:
        raise BinaryContent("The content is mostly control characters: it is not text.")
    text = _STRAY_CONTROLS.sub("", text)
    if not text.strip():
        raise EmptyContent("The content has no text in it.")
    return text


def normalize_text(text: str) -> str:
    """Newlines to "\\n" (paragraph separator to a blank line), leading BOM removed, NFC.

    Kept separate so text that arrives as ``str`` (an API field, parsed HTML) is stored in
    exactly the same shape as an uploaded file.
    """
    text = text.removeprefix("\ufeff")
    text = _NEWLINES.sub("\n", text).replace("\u2029", "\n\n")
    return unicodedata.normalize("NFC", text)


def content_hash(text: str) -> str:
    """SHA-256 hex of the text with all whitespace runs collapsed to one space and trimmed.

    The key for idempotent ingestion: re-wrapped lines, CRLF vs LF, or a trailing newline
    do not make a "new" article, and neither does the same story arriving once as HTML
    (paragraphs separated by blank lines) and once as pasted text.
    """
    normalized = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normalized.encode("utf-8", "surrogatepass")).hexdigest()
