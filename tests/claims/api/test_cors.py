"""CORS for the consumer reads (claims.api.cors): allowed origins only, GET/HEAD only, never
on staff, desk or write endpoints; preflights answered without a token."""

from __future__ import annotations

import pytest

from tests.claims.api.conftest import client_with_token

ALLOWED = "https://newsroom.example.org"
OTHER = "https://evil.example.net"
LIST = "/api/v1/claims/"
ACAO = "Access-Control-Allow-Origin"


@pytest.fixture
def allowed(settings):
    settings.API_CORS_ALLOWED_ORIGINS = [ALLOWED, "http://localhost:3000"]


def preflight(client, path: str, origin: str = ALLOWED, method: str = "GET"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )


def varies_by_origin(response) -> bool:
    return "Origin" in [part.strip() for part in response.get("Vary", "").split(",")]


def test_no_origin_is_allowed_by_default(reader, db):
    response = reader.get(LIST, HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 200
    assert ACAO not in response
    assert varies_by_origin(response)
    assert ACAO not in preflight(reader, LIST)


@pytest.mark.parametrize(
    "path",
    [
        LIST,
        "/api/v1/claims/export/",
        "/api/v1/claimreview/",
        "/api/v1/claims/match/?text=The+armistice+has+held",
    ],
)
def test_an_allowed_origin_may_read_the_consumer_endpoints(path, allowed, published, reader):
    response = reader.get(path, HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 200
    assert response[ACAO] == ALLOWED
    assert varies_by_origin(response)
    exposed = response["Access-Control-Expose-Headers"]
    for header in ("ETag", "Link", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"):
        assert header in exposed
    assert "Access-Control-Allow-Credentials" not in response


def test_each_allowed_origin_gets_its_own_name_back(allowed, reader, db):
    assert reader.get(LIST, HTTP_ORIGIN="http://localhost:3000")[ACAO] == "http://localhost:3000"


def test_another_origin_gets_no_permission(allowed, reader, db):
    for origin in (OTHER, "null", ALLOWED + ".evil.example.net", "http://newsroom.example.org"):
        response = reader.get(LIST, HTTP_ORIGIN=origin)
        assert response.status_code == 200
        assert ACAO not in response
        assert varies_by_origin(response)


def test_errors_of_a_consumer_read_reach_the_allowed_page_too(allowed, api, reader, db):
    # A page must be able to read why it was refused: a 401 without a token, a 404.
    assert api.get(LIST, HTTP_ORIGIN=ALLOWED)[ACAO] == ALLOWED
    assert reader.get("/api/v1/claims/999/", HTTP_ORIGIN=ALLOWED)[ACAO] == ALLOWED


def test_a_preflight_is_answered_without_a_token(allowed, api, settings, db):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "1/hour", "anon": "1/hour", "export": "1/hour"},
    }
    for path in (LIST, "/api/v1/claims/7/", "/api/v1/claims/export/", "/api/v1/claimreview/"):
        response = preflight(api, path)
        assert response.status_code == 204
        assert response[ACAO] == ALLOWED
        assert response["Access-Control-Allow-Methods"] == "GET, HEAD"
        assert "Authorization" in response["Access-Control-Allow-Headers"]
        assert int(response["Access-Control-Max-Age"]) > 0
        assert varies_by_origin(response)
        # Not counted: the address's one request an hour is still there.
        assert not any(header.startswith("RateLimit-") for header in response.headers)
    assert api.get(LIST).status_code == 401


def test_a_preflight_from_another_origin_allows_nothing(allowed, api, db):
    response = preflight(api, LIST, origin=OTHER)
    assert response.status_code == 204
    assert not any(h.startswith("Access-Control-Allow") for h in response.headers)


def test_a_write_on_a_consumer_endpoint_is_not_offered(allowed, reader, db):
    response = reader.delete(LIST, HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 405
    assert ACAO not in response


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/queues/"),
        ("GET", "/api/v1/inbox/"),
        ("GET", "/api/v1/webhooks/"),
        ("POST", "/api/v1/articles/"),
        ("POST", "/api/v1/claims/1/triage/"),
        ("POST", "/api/v1/verdicts/1/approve/"),
    ],
)
def test_staff_and_write_endpoints_never_answer_another_origin(
    method, path, allowed, api, admin_user
):
    response = preflight(api, path, method=method)
    assert ACAO not in response
    assert response.status_code != 204
    staff = client_with_token(admin_user, "read", "ingest", "review")
    call = getattr(staff, method.lower())
    assert ACAO not in call(path, HTTP_ORIGIN=ALLOWED)


def test_desk_pages_never_answer_another_origin(allowed, client, editor):
    client.force_login(editor)
    response = client.get("/desk/claims/", HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 200
    assert ACAO not in response
    assert ACAO not in preflight(client, "/desk/claims/")
