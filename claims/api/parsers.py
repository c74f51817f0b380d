"""Request body parsers with a size cap enforced before anything is parsed.

Django's own cap (``DATA_UPLOAD_MAX_MEMORY_SIZE``) applies to ``request.body``, which DRF does
not use; its parsers read the stream to the end. The endpoints that take content check
``Content-Length`` first (:func:`check_content_length`) and these parsers never read more
than the cap from the stream, so a body without a length, or longer than it said, is cut
off with a 413 instead of being buffered.
"""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework.parsers import JSONParser, MultiPartParser

from claims.api.exceptions import PayloadTooLarge

# JSON escaping (\" \\ \n, \uXXXX for non-ASCII with ensure_ascii) can double the content's
# size, and a multipart upload adds its part headers; the content itself is checked
# against INGEST_MAX_BYTES by the ingestion services.
BODY_OVERHEAD_BYTES = 64 * 1024


def max_body_bytes() -> int:
    return 2 * int(settings.INGEST_MAX_BYTES) + BODY_OVERHEAD_BYTES


def _too_large(limit: int) -> PayloadTooLarge:
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


class BoundedMultiPartParser(MultiPartParser):
    # Django's multipart parser reads at most Content-Length bytes (checked above) and
    # spools files over FILE_UPLOAD_MAX_MEMORY_SIZE to disk.
    pass
