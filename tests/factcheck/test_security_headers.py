"""Security headers, cookies and password rules: on every response, and in production."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from factcheck.security import ContentSecurityPolicyMiddleware, build_policy
from tests.test_settings import PRODUCTION, run_manage

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/docs/", "/admin/login/"])
def test_pages_carry_the_security_headers(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_api_responses_carry_the_policy_too(client, db):
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["Content-Security-Policy"] == POLICY


def test_the_api_docs_script_is_a_separate_javascript_file(client, db):
    page = client.get("/api/docs/").content.decode()
    assert '<script src="/api/docs/?script="></script>' in page
    assert "<script>" not in page and "<style>" not in page
    script = client.get("/api/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_a_view_may_set_its_own_policy():
    def view(request):
        response = HttpResponse("framed")
        response["Content-Security-Policy"] = "frame-ancestors 'self'"
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert response["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_report_only_mode_uses_the_report_only_header(settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = True
    response = ContentSecurityPolicyMiddleware(lambda r: HttpResponse())(RequestFactory().get("/"))
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == POLICY


@pytest.mark.parametrize(
    "directives",
    [{"script-src": "'self'"}, {"script-src": ["'self'; script-src *"]}, {"a\nb": []}],
)
def test_a_malformed_policy_setting_is_refused(directives):
    with pytest.raises(ImproperlyConfigured):
        build_policy(directives)


def test_the_csrf_cookie_is_http_only_and_same_site(client, db):
    response = client.get("/accounts/login/")
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_session_cookie_is_http_only_and_same_site(client, db):
    User.objects.create_user("alice", password="correct horse battery")
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "correct horse battery"}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


PROBE = """
import json
from django.conf import settings
from django.test import Client
# The docs' script: a page that sets the CSRF cookie and needs no collected static files.
response = Client().get("/api/docs/?script=", secure=True, HTTP_HOST="factcheck.example.org")
print(json.dumps({
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "csrf_cookie_secure": bool(response.cookies["csrftoken"]["secure"]),
    "hsts": response.get("Strict-Transport-Security"),
    "csp": response.get("Content-Security-Policy"),
    "redirect": Client().get("/api/docs/", HTTP_HOST="factcheck.example.org").status_code,
}))
"""


@pytest.mark.slow
def test_production_cookies_are_secure_and_hsts_is_on():
    result = run_manage("shell", "-c", PROBE, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["session_secure"] and seen["csrf_secure"] and seen["csrf_cookie_secure"]
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["csp"] == POLICY
    assert seen["redirect"] == 301  # plain http goes to https


@pytest.mark.parametrize(
    "password",
    ["short1", "password123", "12345678901", "alice.smith.2024"],
)
def test_weak_passwords_are_refused(db, password):
    user = User(username="alice.smith", email="alice.smith@example.org")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_strong_password_is_accepted(db):
    user = User(username="alice.smith", email="alice.smith@example.org")
    validate_password("plum-ladder-orbit-97", user)
