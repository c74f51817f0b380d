"""Ids past the database's integer range, in paths, bodies and query strings: 400 or 404
problems, never a 500. SQLite cannot bind an int over 2**63 - 1 (OverflowError); PostgreSQL
refuses a value past its column type (DataError). The suite runs on both in CI."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from claims import roles
from claims.api.ids import MAX_ID, MAX_USER_ID
from tests.claims.api.conftest import client_with_token
from tests.claims.api.test_problems import assert_problem
from tests.conftest import make_user

# Past PostgreSQL's bigint and SQLite's INTEGER; thirty digits, as found.
OUT_OF_RANGE = [MAX_ID + 1, 10**30]
METHODS = ("get", "post", "put", "patch", "delete")


def _api_routes(patterns=None, prefix: str = ""):
    """(route, view class) of every API address with an id in its path."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _api_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/") and ":pk>" in route:
            yield route, pattern.callback.view_class


API_ROUTES = sorted(_api_routes(), key=lambda item: item[0])


def _url(route: str, pk: int) -> str:
    head, _, tail = route.partition("<")
    return f"/{head}{pk}{tail.partition('>')[2]}"


@pytest.fixture
def everything(db):
    """The widest caller: every scope, superuser (every role)."""
    return client_with_token(
        make_user("root", roles.EDITORS, is_superuser=True), "read", "ingest", "review"
    )


def test_the_walk_finds_the_routes_of_both_apis():
    routes = {route for route, _ in API_ROUTES}
    assert {"api/v1/claims/<id:pk>/renew/", "api/v1/sources/<id:pk>/"} <= routes
    assert len(routes) >= 20


@pytest.mark.parametrize("pk", OUT_OF_RANGE)
@pytest.mark.parametrize(("route", "view"), API_ROUTES, ids=[r for r, _ in API_ROUTES])
def test_an_id_past_the_range_in_a_path_is_a_404_problem(everything, route, view, pk):
    for method in (m for m in METHODS if hasattr(view, m)):
        response = getattr(everything, method)(_url(route, pk), {}, format="json")
        assert_problem(response, 404, "not_found")


@pytest.mark.parametrize(("route", "view"), API_ROUTES, ids=[r for r, _ in API_ROUTES])
def test_the_largest_id_still_reaches_the_view(everything, route, view):
    for method in (m for m in METHODS if hasattr(view, m)):
        response = getattr(everything, method)(_url(route, MAX_ID), {}, format="json")
        assert response.status_code < 500, (method, response.content)
        # The view answered (its own 404 says what it looked for), not the catch-all route.
        assert response.json()["detail"] != "No such endpoint."


def _field_error(response, field: str) -> None:
    body = assert_problem(response, 400, "validation_error")
    assert field in {e["field"] for e in body["errors"]}, body


@pytest.mark.parametrize("big", OUT_OF_RANGE)
def test_an_id_past_the_range_in_a_body_is_a_400_on_its_field(
    big, claim_in_review, make_claim, fact_checker, editor
):
    checker, desk = client_with_token(fact_checker, "review"), client_with_token(editor, "review")
    proposal = {"rating": "mostly_true", "headline": "H", "summary": "S", "sources": [big]}
    _field_error(
        checker.post(f"/api/v1/claims/{claim_in_review.pk}/verdicts/", proposal), "sources.0"
    )
    _field_error(
        desk.post(f"/api/v1/claims/{claim_in_review.pk}/assign/", {"assignee": big}), "assignee"
    )
    fresh = make_claim()
    _field_error(desk.post(f"/api/v1/claims/{fresh.pk}/merge/", {"canonical": big}), "canonical")
    bulk = {"claim_ids": [fresh.pk], "action": "merge", "canonical": big}
    _field_error(desk.post("/api/v1/triage/bulk/", bulk), "canonical")
    bulk = {"claim_ids": [big], "action": "queue"}
    _field_error(desk.post("/api/v1/triage/bulk/", bulk), "claim_ids.0")
    bulk = {"claim_ids": [fresh.pk], "assignee": big}
    _field_error(desk.post("/api/v1/assign/bulk/", bulk), "assignee")


@pytest.mark.parametrize("big", [MAX_USER_ID + 1, *OUT_OF_RANGE])
def test_a_user_id_past_the_range_in_a_query_string_is_a_400(big, editor):
    desk = client_with_token(editor, "review")
    _field_error(desk.get("/api/v1/my-work/", {"assignee": big}), "assignee")
