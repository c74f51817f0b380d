"""Request body parsers: JSON nested at most ``MAX_JSON_DEPTH`` levels, and a size cap
enforced before anything is parsed.

Python's JSON decoder recurses once per level, so a small body of a thousand ``[`` ends in a
RecursionError (a 500) instead of a parse error. Our inputs nest three levels at most, so
every JSON body is checked for its depth before it is decoded (:class:`JSONParser`, the
default parser in ``REST_FRAMEWORK``), and a deeper one is a 400.

Django's own cap (``DATA_UPLOAD_MAX_MEMORY_SIZE``) applies to ``request.body``, which DRF does
not use; its parsers read the stream to the end. The endpoints that take content check
``Content-Length`` first (:func:`check_content_length`) and these parsers never read more
than the cap from the stream, so a body without a length, or longer than it said, is cut
off with a 413 instead of being buffered.
"""

from __future__ import annotations

import io
import json
import re

import numpy as np
from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils.json import strict_constant

# JSON escaping (\" \\ \n, \uXXXX for non-ASCII with ensure_ascii) can double the content's
# size, and a multipart upload adds its part headers; the content itself is checked
# against INGEST_MAX_BYTES by the ingestion services.
BODY_OVERHEAD_BYTES = 64 * 1024


# Deep enough for any input of ours (three levels), far below the decoder's recursion limit.
MAX_JSON_DEPTH = 32

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def json_nesting_depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest; brackets inside strings do not
    count. The text need not be valid JSON: the decoder judges that afterwards."""
    # The running count of open brackets, in C: a loop in Python took seconds on a body of
    # a few megabytes of brackets. (In UTF-8 no byte of another character is a bracket.)
    codes = np.frombuffer(_JSON_STRING.sub("", text).encode(), dtype=np.uint8)
    opens = (codes == ord("[")) | (codes == ord("{"))
    closes = (codes == ord("]")) | (codes == ord("}"))
    running = np.cumsum(opens.astype(np.int32) - closes.astype(np.int32))
    return max(int(running.max()), 0) if running.size else 0


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing (400) a body nested deeper than ``MAX_JSON_DEPTH``."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        # Counting the openers is cheap: a body with few of them cannot nest deeply.
        few_openers = text.count("[") + text.count("{") <= MAX_JSON_DEPTH
        if not few_openers and json_nesting_depth(text) > MAX_JSON_DEPTH:
            raise ParseError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels.")
        try:
            return json.loads(text, parse_constant=strict_constant if self.strict else None)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None


def max_body_bytes() -> int:
    return 2 * int(settings.INGEST_MAX_BYTES) + BODY_OVERHEAD_BYTES


def _too_large(limit: int):
    # Imported here: claims.api.exceptions imports DRF's views, which load the default
    # parser classes, that is this module.
    from claims.api.exceptions import PayloadTooLarge

    return PayloadTooLarge(
        f"The request body is larger than {limit} bytes: this endpoint takes at most "
        f"{settings.INGEST_MAX_BYTES} bytes of content."
    )


def check_content_length(request) -> None:
    """413 when the declared length is over the cap: nothing has been read yet."""
    limit = max_body_bytes()
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise _too_large(limit)


def read_bounded(stream, limit: int) -> bytes:
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise _too_large(limit)
    return data


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = read_bounded(stream, max_body_bytes())
        return super().parse(io.BytesIO(data), media_type, parser_context)


class BoundedMultiPartParser(parsers.MultiPartParser):
    # Django's multipart parser reads at most Content-Length bytes (checked above) and
    # spools files over FILE_UPLOAD_MAX_MEMORY_SIZE to disk.
    pass
