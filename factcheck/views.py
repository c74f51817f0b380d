from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from claims import selectors


def home(request: HttpRequest) -> HttpResponse:
    """The latest published fact checks, newest change first."""
    claims = selectors.public_claims(viewer=request.user, status="published")
    claims = claims.order_by("-synced_at", "-id")[:20]
    checks = [(claim, selectors.public_verdict(claim)) for claim in claims]
    return render(request, "home.html", {"checks": checks})


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for the load balancer and compose health checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return JsonResponse({"status": "error", "database": str(exc)}, status=503)
    return JsonResponse({"status": "ok"})
