"""``ETag`` / ``Last-Modified`` on reads, and 304 for a client that already has the bytes.

The ETag is a hash of the rendered body, so it changes exactly when the representation
does (whatever caused it: a verdict, a correction, an article's title). A 304 still costs
the queries, but not the transfer, and it lets a poller tell "nothing new" at a glance.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.response import Response


class ConditionalGetMixin:
    # For APIViews: the handler sets ``self.last_modified`` (a datetime or None) on GET.

    last_modified: datetime | None = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or not isinstance(response, Response)
        ):
            return response
        response.render()
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        # The same URL answers differently to a caller who may not read it: never shared.
        response["Cache-Control"] = "private, no-cache"
        timestamp = None
        if self.last_modified is not None:
            timestamp = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(
            request._request, etag=response["ETag"], last_modified=timestamp, response=response
        )
