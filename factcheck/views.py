import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from claims import selectors
from factcheck import health

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
