"""Cross-origin reads of the published record from browsers (CORS), for allowed origins.

``API_CORS_ALLOWED_ORIGINS`` (the environment variable of that name: comma-separated
origins such as ``https://newsroom.example.org``) lists the sites whose pages may read the
consumer API with their own token; none by default. Only the consumer read endpoints
answer them (views whose permission is :class:`~claims.api.permissions.ReadPublished`: the
claims, ClaimReview, article lookup, match and export reads), and only to ``GET`` and
``HEAD``. Staff, desk and write endpoints never send ``Access-Control-Allow-Origin``, for
any origin, so a browser keeps other sites' pages away from them.

- A preflight (``OPTIONS`` with ``Access-Control-Request-Method``) of a consumer read is
  answered here with 204, before authentication, throttling or the view: a browser sends
  it without the token. For an allowed origin it allows ``GET``/``HEAD`` with the headers
  a consumer sends (``Authorization``, the conditional ones, ``X-Request-ID``); for any
  other origin it allows nothing, and the browser stops there.
- A ``GET``/``HEAD`` from an allowed origin gets ``Access-Control-Allow-Origin`` (that
  origin, never ``*``) on every answer, errors included, and the response headers a client
  paces and caches by are exposed (ETag, Link, Retry-After, RateLimit-*, X-Request-ID).
- No credentials mode: the token travels in ``Authorization``; cookies (the desk's
  session) are never offered to another origin.
- ``Vary: Origin`` on every response of these endpoints, allowed or not, so a shared
  cache never hands one origin's answer to another.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from claims.api.permissions import ReadPublished

READ_METHODS = ("GET", "HEAD")
ALLOWED_HEADERS = "Authorization, If-None-Match, If-Modified-Since, X-Request-ID"
EXPOSED_HEADERS = (
    "ETag, Link, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, "
    "RateLimit-Policy, X-Request-ID"
)
# How long a browser may keep a preflight's answer (browsers cap it: Chromium at 2 hours).
PREFLIGHT_MAX_AGE_SECONDS = 600


def is_consumer_read(view_func: Callable) -> bool:
    view_class = getattr(view_func, "view_class", None)
    return ReadPublished in getattr(view_class, "permission_classes", ())


def allowed_origin(request: HttpRequest) -> str | None:
    origin = request.headers.get("Origin")
    return origin if origin and origin in settings.API_CORS_ALLOWED_ORIGINS else None


class ConsumerCorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(request, "consumer_read", False):
            return response
        patch_vary_headers(response, ("Origin",))
        origin = allowed_origin(request)
        if origin is not None and request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not is_consumer_read(view_func):
            return None
        request.consumer_read = True
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return self.preflight(request)
        return None

    def preflight(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(status=204)
        origin = allowed_origin(request)
        if origin is not None:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE_SECONDS)
        return response
