"""Who may call which workflow endpoint: every endpoint times every persona, one table.

Getting past the door (token scope ``review`` and a reviewing role) is the view's check;
which action a person may take on which claim is the service's (403 from a refusal there),
so the two layers are both in this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from rest_framework.test import APIClient

from claims.workflow import claim_add_source
from reviewers.models import ReviewQueue
from tests.claims.api.conftest import client_with_token
from tests.claims.helpers import bring_to
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_admin_user,
    world_article,
    world_consumer,
    world_copy,
    world_editor,
    world_fact_checker,
    world_for_the_module,
    world_make_claim,
    world_other_fact_checker,
)


@dataclass(frozen=True)
class Endpoint:
    method: str
    start: str | None  # the claim's state before the call (bring_to); None: no claim
    path: Any  # (ctx) -> str
    body: Any = None  # (ctx) -> dict
    # expected status for fact_checker, editor, admin_user
    staff: tuple[int, int, int] = (200, 200, 200)


C = "/api/v1/claims/{claim}/"
V = "/api/v1/verdicts/{verdict}/"

ENDPOINTS = {
    "triage": Endpoint("post", "candidate", C + "triage/", lambda c: {}),
    "dismiss": Endpoint("post", "candidate", C + "dismiss/", lambda c: {"reason": "Opinion."}),
    "restore": Endpoint("post", "dismissed", C + "restore/", lambda c: {}),
    "merge": Endpoint("post", "candidate", C + "merge/", lambda c: {"canonical": c["other"]}),
    "assign": Endpoint(
        "post", "queued", C + "assign/", lambda c: {"assignee": c["checker2"]}, (403, 200, 200)
    ),
    "release": Endpoint("post", "in_review", C + "release/", lambda c: {}),
    "renew": Endpoint("post", "in_review", C + "renew/", None, (200, 403, 403)),
    "reopen": Endpoint(
        "post", "published", C + "reopen/", lambda c: {"note": "New data."}, (403, 200, 200)
    ),
    "add-source": Endpoint(
        "post",
        "in_review",
        C + "sources/",
        lambda c: {"url": "https://evidence.example.org/x"},
        (201, 201, 201),
    ),
    "remove-source": Endpoint("delete", "in_review", "/api/v1/sources/{source}/"),
    "propose": Endpoint(
        "post",
        "in_review",
        C + "verdicts/",
        lambda c: {
            "rating": "false",
            "headline": "Wrong",
            "summary": "The record says otherwise.",
            "sources": [c["source"]],
        },
        (201, 403, 403),
    ),
    "approve": Endpoint("post", "pending_approval", V + "approve/", lambda c: {}, (403, 200, 200)),
    "request-changes": Endpoint(
        "post",
        "pending_approval",
        V + "request-changes/",
        lambda c: {"note": "Cite the treaty."},
        (403, 200, 200),
    ),
    "withdraw": Endpoint(
        "post", "pending_approval", V + "withdraw/", lambda c: {}, (200, 403, 403)
    ),
    "history": Endpoint("get", "published", C + "history/"),
    "next": Endpoint("post", "queued", "/api/v1/next/"),
    "queue-next": Endpoint("post", "queued", "/api/v1/queues/general/next/"),
    "my-work": Endpoint("get", "in_review", "/api/v1/my-work/"),
    "queues": Endpoint("get", None, "/api/v1/queues/"),
    "overdue": Endpoint("get", None, "/api/v1/overdue/"),
    "inbox": Endpoint("get", None, "/api/v1/inbox/", None, (403, 200, 200)),
    "triage-bulk": Endpoint(
        "post",
        "candidate",
        "/api/v1/triage/bulk/",
        lambda c: {"claim_ids": [c["claim"]], "action": "queue"},
    ),
    "assign-bulk": Endpoint(
        "post",
        "queued",
        "/api/v1/assign/bulk/",
        lambda c: {"claim_ids": [c["claim"]], "assignee": c["checker2"]},
        (403, 200, 200),
    ),
}

# Refused at the door, whatever the endpoint.
DOOR = {
    "anonymous": 401,
    "consumer": 403,  # read token, consumer role
    "consumer_with_review_scope": 403,  # the scope never widens the role
    "fact_checker_read_token": 403,  # the role is right, the token's scope is not
}
STAFF = ("fact_checker", "editor", "admin_user")

MATRIX = [
    *((name, persona, status) for name in ENDPOINTS for persona, status in DOOR.items()),
    *(
        (name, persona, ENDPOINTS[name].staff[i])
        for name in ENDPOINTS
        for i, persona in enumerate(STAFF)
    ),
]


def _client(persona: str, request) -> APIClient:
    if persona == "anonymous":
        return APIClient()
    if persona == "consumer":
        return client_with_token(request.getfixturevalue("consumer"), "read")
    if persona == "consumer_with_review_scope":
        return client_with_token(request.getfixturevalue("consumer"), "review")
    if persona == "fact_checker_read_token":
        return client_with_token(request.getfixturevalue("fact_checker"), "read")
    return client_with_token(request.getfixturevalue(persona), "review")


def _build_contexts(*, make_claim, fact_checker, other_fact_checker, editor, admin_user, consumer):
    """What each test's call refers to, for every starting point an endpoint names: a claim
    brought there by the real services, its latest verdict, a source ready to cite (in
    review), the second checker and a candidate to merge into."""
    ReviewQueue.objects.get(slug="general").members.add(fact_checker, editor, admin_user)
    base: dict[str, Any] = {"checker2": other_fact_checker.pk, "other": make_claim().pk}
    contexts: dict[str | None, dict[str, Any]] = {None: base}
    for start in sorted({spec.start for spec in ENDPOINTS.values() if spec.start}):
        claim = bring_to(start, make_claim=make_claim, checker=fact_checker, editor=editor)
        # The claims share the module: none may have moved another (a match, say).
        assert claim.status == start, (start, claim.status)
        ctx = {**base, "claim": claim.pk}
        verdict = claim.verdicts.order_by("-version").first()
        ctx["verdict"] = verdict.pk if verdict else None
        if start == "in_review":
            ctx["source"] = claim_add_source(
                claim=claim, actor=fact_checker, url="https://evidence.example.org/1"
            ).pk
        contexts[start] = ctx
    return contexts


# Each test makes one call about one of these claims, and its writes are rolled back: the
# claims and the personas are built once for the module (tests/module_rows.py), under the
# setting the tests run with (conftest's ``_fresh``).
@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    with override_settings(AUTO_QUEUE_THRESHOLD=None):
        yield from world_for_the_module(
            django_db_blocker,
            _build_contexts,
            ("editor", "fact_checker", "other_fact_checker", "consumer", "admin_user"),
        )


@pytest.fixture
def context(world):
    """``context(start)``: the names a call's path and body use, for a claim at ``start``."""
    return world["rows"].__getitem__


@pytest.mark.parametrize(("endpoint", "persona", "status"), MATRIX)
def test_authorization_matrix(endpoint, persona, status, context, request):
    spec = ENDPOINTS[endpoint]
    ctx = context(spec.start)
    client = _client(persona, request)
    body = spec.body(ctx) if spec.body else None
    response = getattr(client, spec.method)(spec.path.format(**ctx), body, format="json")
    assert response.status_code == status, response.content
    if status >= 400:
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("persona", ["fact_checker", "editor"])
def test_a_staff_session_works_like_a_review_token(persona, context, request):
    ctx = context("candidate")
    client = APIClient()
    client.force_login(request.getfixturevalue(persona))
    response = client.post(f"/api/v1/claims/{ctx['claim']}/triage/", {}, format="json")
    assert response.status_code == 200, response.content


def test_an_account_without_a_role_is_refused(context):
    ctx = context("candidate")
    client = client_with_token(User.objects.create_user("norole"), "review")
    assert client.post(f"/api/v1/claims/{ctx['claim']}/triage/", {}).status_code == 403
