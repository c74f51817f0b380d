"""``ETag`` / ``Last-Modified`` on reads, and 304 for a client that already has the bytes.

The ETag is a hash of the rendered body, so it changes exactly when the representation
does (whatever caused it: a verdict, a correction, an article's title, a claim joining or
leaving a list). A 304 still costs the queries, but not the transfer, and it lets a poller
tell "nothing new" at a glance. The request's path and query string and the response's
media type are hashed with the body: two lists asked for with different filters, or the
same document as JSON-LD and as JSON, never share a validator, even when their bytes are
the same (two empty pages). It is weak (``W/"..."``), hashed before compression: the same
content gzipped (``factcheck.compression``) or not is the same representation to a cache,
so the 200 in either encoding and the 304 carry the same validator (RFC 9110, 8.8.1;
``If-None-Match`` compares weakly).

``Last-Modified`` is the other validator, for clients that send ``If-Modified-Since``. Two
rules keep it honest:

- A list (a page of the change feed, an article's claims, matches) has no moment of its
  own: a claim that leaves it, or an older one that slides onto the page, moves no date the
  page shows. Lists give the public record's version instead (``record_version``: the
  newest sync key of all claims), which every change a consumer can see moves, membership
  changes included. It moves for changes no list shows too (a candidate dismissed): an
  unneeded 200 at worst.
- An HTTP date names a whole second. Until that second is over another change can land in
  it with the same date, and ``If-Modified-Since`` would call it unchanged; so the header is
  only sent once the second of the last change has passed (the "weak if within a second"
  rule of RFC 9110, 8.8.2.2). Until then the ETag alone answers conditional requests.

What neither catches is the seam ``claims.api.readcache`` describes: a transaction that
commits after a later one, whose sync key is then not the newest when it becomes visible.
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime

from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.response import Response

from claims import selectors

_UNREAD = object()


def _wall_clock() -> float:
    return time.time()


class ConditionalGetMixin:
    # For APIViews: the handler sets ``self.last_modified`` (a datetime or None) on GET; a
    # list sets it to ``self.record_version()``.

    last_modified: datetime | None = None
    _record_version = _UNREAD

    def record_version(self) -> datetime | None:
        """The public record's version (``selectors.record_version``), read once a request
        (``claims.api.readcache`` keys its entries by it too)."""
        if self._record_version is _UNREAD:
            self._record_version = selectors.record_version(viewer=self.request.user)
        return self._record_version

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or not isinstance(response, Response)
        ):
            return response
        response.render()
        response["ETag"] = _etag(request, response)
        # The same URL answers differently to a caller who may not read it: never shared.
        response["Cache-Control"] = "private, no-cache"
        timestamp = None
        if self.last_modified is not None:
            second = int(self.last_modified.timestamp())
            if second < int(_wall_clock()):
                timestamp = second
                response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(
            request._request, etag=response["ETag"], last_modified=timestamp, response=response
        )


def _etag(request, response) -> str:
    digest = hashlib.sha256()
    for part in (request.get_full_path(), response.get("Content-Type", "")):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(response.content)
    return f'W/"{digest.hexdigest()[:40]}"'
