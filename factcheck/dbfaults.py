"""A database that cannot be reached answers 503 with Retry-After, not a 500 error page.

API views map the error in their exception handler (``claims.api.exceptions``): an RFC 9457
problem. Everything else (the desk, the public pages, the admin) passes through
:class:`DatabaseUnavailableMiddleware`, which answers a plain 503 page, or the same problem
for an ``/api/`` path that reached it some other way. With ``CONN_HEALTH_CHECKS`` on, the
first request after the database is back reconnects, so no restart of the web process is
needed. A workflow step is one transaction: one cut short by the outage left nothing behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from claims.api.exceptions import (
    DATABASE_RETRY_AFTER_SECONDS,
    DATABASE_UNAVAILABLE,
    PROBLEM_CONTENT_TYPE,
    DatabaseUnavailable,
    problem,
)

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


class DatabaseUnavailableMiddleware:
    """Turn ``OperationalError``/``InterfaceError`` raised by a view into a 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.warning("Database unavailable, answered 503 for %s: %s", request.path, exception)
        return database_unavailable_response(request)


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 for ``request``: a problem for the API, a page for people."""
    if request.path.startswith(API_PREFIX):
        body = problem(
            status_code=503,
            detail=str(DatabaseUnavailable.default_detail),
            code=DatabaseUnavailable.default_code,
        )
        body["retry_after"] = DATABASE_RETRY_AFTER_SECONDS
        response: HttpResponse = JsonResponse(body, status=503, content_type=PROBLEM_CONTENT_TYPE)
    else:
        # Rendered without the request: context processors (the signed-in user, messages)
        # would go to the database that just failed.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
