"""gzip for the API's JSON (and the export's NDJSON), when the client accepts it.

Django's ``GZipMiddleware`` does the work (a streamed body is compressed as it is sent,
``Vary: Accept-Encoding`` is added, a strong ETag made weak, the BREACH mitigation of
random bytes in the gzip header kept). This only chooses what it sees: responses under
``/api/`` of a JSON media type, and of at least ``MIN_BYTES`` unless streamed; a small body
gains little and the gzip header (with its random bytes) may outweigh the saving. Pages
are left alone: HTML with a CSRF token in it is what BREACH attacks.

The API's ETags are weak already and hashed from the uncompressed body
(``claims.api.conditional``), so a 200 in either encoding and the 304 that answers it
carry the same validator, and ``If-None-Match`` works whichever encoding the client took.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

API_PREFIX = "/api/"
MIN_BYTES = 1024
MEDIA_TYPES = frozenset(
    {
        "application/json",
        "application/problem+json",
        "application/ld+json",
        "application/x-ndjson",
        "application/vnd.oai.openapi",
        "application/vnd.oai.openapi+json",
    }
)


def compressible(request: HttpRequest, response: HttpResponseBase) -> bool:
    media_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
    if not request.path.startswith(API_PREFIX) or media_type not in MEDIA_TYPES:
        return False
    return response.streaming or len(response.content) >= MIN_BYTES


class ApiGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase):
        if not compressible(request, response):
            return response
        return super().process_response(request, response)
