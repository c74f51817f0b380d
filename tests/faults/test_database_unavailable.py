"""How a lost database is answered, in process (every run, SQLite too): a 503 with
Retry-After, as an RFC 9457 problem on the API and as a plain page elsewhere.

``test_database_restart.py`` does it for real (a PostgreSQL cluster stopped under load);
here the read query raises the error psycopg raises when the server goes away.
"""

from __future__ import annotations

import pytest
from django.db import InterfaceError, OperationalError

from claims import selectors
from tests.claims.api.conftest import client_with_token


@pytest.fixture(params=[OperationalError, InterfaceError])
def database_gone(request, monkeypatch):
    def fail(**_kwargs):
        raise request.param("server closed the connection unexpectedly")

    monkeypatch.setattr(selectors, "public_claims", fail)


def test_the_api_answers_503_problem_with_retry_after(db, consumer, database_gone):
    response = client_with_token(consumer, "read").get("/api/v1/claims/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "The database is unavailable for a moment; try again shortly.",
        "code": "service_unavailable",
        "retry_after": 5,
    }


def test_a_page_answers_a_plain_503_page_with_retry_after(db, client, database_gone):
    response = client.get("/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert b"Temporarily unavailable" in response.content


def test_other_errors_are_not_taken_for_an_outage(db, client, monkeypatch):
    def bug(**_kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(selectors, "public_claims", bug)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500
