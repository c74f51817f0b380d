import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache

from claims import selectors
from claims.api.exceptions import problem_response
from factcheck import health
from factcheck.dbfaults import API_PREFIX

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """The latest published fact checks, newest change first."""
    claims = selectors.public_claims(viewer=request.user, status="published")
    claims = claims.order_by("-synced_at", "-id")[:20]
    checks = [(claim, selectors.public_verdict(claim)) for claim in claims]
    return render(request, "home.html", {"checks": checks})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for the load balancer and compose health checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        # The error's text may name hosts or users: it goes to the log, not to the caller.
        logger.warning("healthz: database check failed: %r", exc)
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: database, cache, broker and a recent worker heartbeat (factcheck.health).

    200 when every check passes, else 503 with ``failing`` naming the checks that did not.
    """
    ok, checks = health.readiness()
    body = {"status": "ok" if ok else "fail", "checks": checks}
    if not ok:
        body["failing"] = sorted(name for name, result in checks.items() if not result["ok"])
    return JsonResponse(body, status=200 if ok else 503)


# --- error handlers (handler400/403/404/500 in factcheck.urls) ---------------------------
# Errors no API view answered (an address no route matches, such as one with a newline in
# it, a bad Host, an exception a view did not handle) are problems under /api/ too, so a
# client reads one shape for every error; everywhere else they are our pages.


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem_response(status_code=400, detail="Bad request.", code="bad_request")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        detail = "You do not have permission to perform this action."
        return problem_response(status_code=403, detail=detail, code="permission_denied")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem_response(status_code=404, detail="No such endpoint.", code="not_found")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        # No details: the traceback is in the log, under the response's X-Request-ID.
        detail = "The server failed to answer this request; the error has been logged."
        return problem_response(status_code=500, detail=detail, code="server_error")
    return defaults.server_error(request)
