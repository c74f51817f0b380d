"""Every error is an RFC 9457 problem, from one handler."""

from __future__ import annotations

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import override_settings
from rest_framework import exceptions

from claims.api.exceptions import problem_exception_handler
from claims.workflow import ActionNotPermitted, IllegalTransition, InvalidInput

PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}


def assert_problem(response, status: int, code: str):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["code"] == code
    assert body["detail"]
    return body


@pytest.mark.parametrize(
    ("exc", "status", "code", "type_"),
    [
        (IllegalTransition("Cannot approve a queued claim."), 409, "illegal_transition", "urn"),
        (ActionNotPermitted("You cannot approve your own verdict."), 403, "not_permitted", "urn"),
        (InvalidInput("A note is required."), 400, "invalid_input", "urn"),
        (RequestDataTooBig("big"), 413, "payload_too_large", "about:blank"),
        (exceptions.UnsupportedMediaType("text/plain"), 415, "unsupported_media_type", "about"),
        (exceptions.MethodNotAllowed("DELETE"), 405, "method_not_allowed", "about:blank"),
        (exceptions.NotAuthenticated(), 401, "not_authenticated", "about:blank"),
        (exceptions.Throttled(wait=7), 429, "throttled", "about:blank"),
    ],
)
def test_handler_maps_errors_to_problems(exc, status, code, type_):
    response = problem_exception_handler(exc, {"view": None, "request": None})
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    assert response.data["status"] == status
    assert response.data["code"] == code
    assert response.data["type"].startswith(type_)
    if status == 400:
        assert response.data["errors"] == [
            {"field": "non_field_errors", "detail": "A note is required.", "code": code}
        ]
    if status == 429:
        assert response["Retry-After"] == "7"
        assert response.data["retry_after"] == 7


def test_workflow_titles_name_the_problem():
    response = problem_exception_handler(IllegalTransition("no"), {})
    assert response.data["title"] == "Illegal workflow transition"
    assert response.data["type"] == "urn:factcheck:problem:illegal_transition"


def test_unexpected_errors_are_left_to_django():
    assert problem_exception_handler(RuntimeError("boom"), {}) is None


def test_400_lists_field_errors(reader):
    response = reader.get(
        "/api/v1/claims/", {"status": "maybe", "updated_since": "yesterday", "article_url": "x"}
    )
    body = assert_problem(response, 400, "validation_error")
    assert body["type"] == "urn:factcheck:problem:validation_error"
    assert {e["field"] for e in body["errors"]} == {"status", "updated_since", "article_url"}
    assert all(e["detail"] and e["code"] for e in body["errors"])


def test_401_without_credentials_challenges_for_a_bearer_token(api, db):
    response = api.get("/api/v1/claims/")
    body = assert_problem(response, 401, "not_authenticated")
    assert body["type"] == "about:blank"
    assert body["title"] == "Unauthorized"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_401_for_an_unknown_token(api, db):
    api.credentials(HTTP_AUTHORIZATION="Bearer fct_0000000000_nope")
    assert_problem(api.get("/api/v1/claims/"), 401, "authentication_failed")


def test_403_for_an_account_without_a_role(db):
    from django.contrib.auth.models import User

    from tests.claims.api.conftest import client_with_token

    stranger = User.objects.create_user("stranger", password="pw")
    assert_problem(client_with_token(stranger).get("/api/v1/claims/"), 403, "permission_denied")


def test_404_for_a_hidden_claim_and_for_unknown_paths(reader, at):
    dismissed = at("dismissed")
    assert_problem(reader.get(f"/api/v1/claims/{dismissed.pk}/"), 404, "not_found")
    assert_problem(reader.get("/api/v1/no-such-thing/"), 404, "not_found")


def test_405_for_a_write_on_a_read_endpoint(reader, db):
    body = assert_problem(reader.delete("/api/v1/claims/"), 405, "method_not_allowed")
    assert body["title"] == "Method Not Allowed"


def test_406_when_the_accepted_type_cannot_be_produced(reader, db):
    response = reader.get("/api/v1/claims/", HTTP_ACCEPT="text/csv")
    assert_problem(response, 406, "not_acceptable")


@override_settings(
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": ["claims.api.authentication.BearerTokenAuthentication"],
        "EXCEPTION_HANDLER": "claims.api.exceptions.problem_exception_handler",
        "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.TokenRateThrottle"],
        "DEFAULT_THROTTLE_RATES": {"token": "2/minute", "anon": "1/minute"},
    }
)
def test_429_with_retry_after_per_token(consumer):
    from tests.claims.api.conftest import client_with_token

    first, second = client_with_token(consumer), client_with_token(consumer)
    assert first.get("/api/v1/claims/").status_code == 200
    assert first.get("/api/v1/claims/").status_code == 200
    response = first.get("/api/v1/claims/")
    body = assert_problem(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert body["retry_after"] == int(response["Retry-After"])
    # Another token of the same user has its own bucket.
    assert second.get("/api/v1/claims/").status_code == 200


def test_anonymous_callers_are_limited_per_ip(api, db, settings):
    # Only the settings fixture: mixed with override_settings, its restore order left
    # anonymous reads switched on for the tests that ran after this one.
    settings.API_ALLOW_ANONYMOUS_READS = True
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "100/minute", "anon": "2/minute"},
    }
    for _ in range(2):
        assert api.get("/api/v1/claims/", REMOTE_ADDR="203.0.113.5").status_code == 200
    # A forged X-Forwarded-For does not buy a fresh bucket (no proxies are trusted).
    response = api.get(
        "/api/v1/claims/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert_problem(response, 429, "throttled")
    assert api.get("/api/v1/claims/", REMOTE_ADDR="203.0.113.6").status_code == 200


def test_requests_without_a_usable_token_are_limited_per_address_before_permissions(
    api, reader, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "100/minute", "anon": "3/minute"},
    }
    here = {"REMOTE_ADDR": "203.0.113.7"}
    # No credential, on a read and on a staff action, and a wrong token: one bucket.
    assert_problem(api.get("/api/v1/claims/", **here), 401, "not_authenticated")
    assert_problem(api.post("/api/v1/triage/bulk/", {}, **here), 401, "not_authenticated")
    api.credentials(HTTP_AUTHORIZATION="Bearer fct_0000000000_nope")
    assert_problem(api.get("/api/v1/claims/", **here), 401, "authentication_failed")
    # The bucket is empty: refused with 429 before a token or a permission is checked.
    response = api.get("/api/v1/claims/", **here)
    body = assert_problem(response, 429, "throttled")
    assert body["retry_after"] == int(response["Retry-After"]) > 0
    api.credentials()
    assert_problem(api.post("/api/v1/triage/bulk/", {}, **here), 429, "throttled")
    # Another address has its own bucket; a valid token is limited per token, not here.
    assert_problem(api.get("/api/v1/claims/", REMOTE_ADDR="203.0.113.8"), 401, "not_authenticated")
    assert reader.get("/api/v1/claims/", **here).status_code == 200


# --- errors no API view answered ----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/%0A/",  # a newline: the API's catch-all route does not match it
        "/api/v1/claims/1/%0A",
        "/api/v2/claims/",
        "/api/",
        "/api/schema/nothing/",
    ],
)
def test_404_outside_every_api_route_is_a_problem_too(reader, path):
    assert_problem(reader.get(path), 404, "not_found")


def test_a_server_error_under_the_api_is_a_500_problem_without_details(reader, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr("claims.selectors.public_claims", boom)
    reader.raise_request_exception = False
    response = reader.get("/api/v1/claims/")
    body = assert_problem(response, 500, "server_error")
    assert body["title"] == "Internal Server Error"
    assert "secret" not in response.content.decode()


def test_a_bad_host_under_the_api_is_a_400_problem(reader):
    response = reader.get("/api/v1/claims/", HTTP_HOST="evil.example.com")
    assert_problem(response, 400, "bad_request")


def test_pages_outside_the_api_keep_their_html_error_pages(client, db):
    response = client.get("/no-such-page/%0A")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_permission_denied_outside_drf_is_a_403_problem_under_the_api(rf):
    from django.core.exceptions import PermissionDenied

    from factcheck.views import permission_denied

    response = permission_denied(rf.get("/api/v1/claims/"), PermissionDenied())
    assert (response.status_code, response["Content-Type"]) == (403, "application/problem+json")
    assert permission_denied(rf.get("/desk/"), PermissionDenied())["Content-Type"].startswith(
        "text/html"
    )
