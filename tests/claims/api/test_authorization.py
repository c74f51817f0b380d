"""Who may call what: every consumer endpoint times every persona, from one table."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from tests.claims.api.conftest import client_with_token, driver
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_admin_user,
    world_article,
    world_consumer,
    world_copy,
    world_editor,
    world_fact_checker,
    world_for_the_module,
    world_make_claim,
)


def _build_published(*, make_claim, fact_checker, editor, consumer, admin_user):
    return driver(make_claim, fact_checker, editor)(
        "published", claimant="Steve Witkoff", sourcing="named"
    )


# Every test reads the one published claim (or writes what is rolled back: a token, a
# claimant link, a subscription, a hidden claim), and asks for the personas by name: the
# claim and the four accounts are built once for the module (tests/module_rows.py).
@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    yield from world_for_the_module(
        django_db_blocker,
        _build_published,
        ("editor", "fact_checker", "consumer", "admin_user"),
    )


@pytest.fixture
def published(world):
    return world["rows"]


# Each endpoint, as a function of the published claim it should find.
ENDPOINTS = {
    "claim-list": lambda c: "/api/v1/claims/",
    "claim-detail": lambda c: f"/api/v1/claims/{c.pk}/",
    "claim-match": lambda c: f"/api/v1/claims/match/?text={quote(c.text)}",
    "claimreview": lambda c: f"/api/v1/claims/{c.pk}/claimreview/",
    "claimreview-feed": lambda c: "/api/v1/claimreview/",
    "article-lookup": lambda c: f"/api/v1/articles/lookup/?url={c.article.url}",
    "claim-export": lambda c: "/api/v1/claims/export/",
    "rating-list": lambda c: "/api/v1/ratings/",
    "claimant-list": lambda c: "/api/v1/claimants/",
    "claimant-detail": lambda c: f"/api/v1/claimants/{_claimant_of(c)}/",
}


def _claimant_of(claim) -> int:
    """The published claim's claimant record (linked here: the fixture does not)."""
    from claims.claimants.services import claimant_link_claim

    return claimant_link_claim(claim=claim).claimant_id


# persona -> expected status on every read endpoint. The consumer API is the public
# record: every role that reads it gets the same answer; no credentials is a 401, an
# account with no role or a token without the read scope a 403.
EXPECTED = {
    "anonymous": 401,
    "consumer": 200,
    "fact_checker": 200,
    "editor": 200,
    "admin_user": 200,
    "no_role": 403,
    "consumer_without_read_scope": 403,
}

# Sessions (the web UI) are tried for every persona that can have one; scopes are a token's.
MATRIX = [
    (endpoint, persona, status, via)
    for endpoint in ENDPOINTS
    for persona, status in EXPECTED.items()
    for via in ("token", "session")
    if via == "token" or persona not in {"anonymous", "consumer_without_read_scope"}
]


def _client(persona: str, request, via: str) -> APIClient:
    if persona == "anonymous":
        return APIClient()
    if persona == "no_role":
        from django.contrib.auth.models import User

        user = User.objects.create_user("norole", password="pw")
    elif persona == "consumer_without_read_scope":
        user = request.getfixturevalue("consumer")
        return client_with_token(user, "ingest")
    else:
        user = request.getfixturevalue(persona)
    if via == "session":
        client = APIClient()
        client.force_login(user)
        return client
    return client_with_token(user, "read")


@pytest.mark.parametrize(("endpoint", "persona", "status", "via"), MATRIX)
def test_authorization_matrix(endpoint, persona, status, via, published, request):
    response = _client(persona, request, via).get(ENDPOINTS[endpoint](published))
    assert response.status_code == status, response.content


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@override_settings(API_ALLOW_ANONYMOUS_READS=True)
def test_anonymous_reads_when_the_setting_allows(endpoint, published):
    assert APIClient().get(ENDPOINTS[endpoint](published)).status_code == 200


@pytest.mark.parametrize("endpoint", ["claim-detail", "claimreview", "article-lookup"])
@pytest.mark.parametrize("persona", ["consumer", "fact_checker", "editor", "admin_user"])
def test_unpublished_claims_are_404_for_every_reader(endpoint, persona, at, request):
    # A candidate in its own article, so the lookup has nothing public either.
    from claims.models import Article

    article = Article.objects.create(url="https://news.example.org/other", title="Other")
    hidden = at("in_review" if endpoint == "claimreview" else "candidate", article=article)
    client = client_with_token(request.getfixturevalue(persona), "read")
    assert client.get(ENDPOINTS[endpoint](hidden)).status_code == 404


# --- staff endpoints -------------------------------------------------------------------
# endpoint -> (method, path as a function of (published claim, webhook subscription), body).
STAFF_ENDPOINTS = {
    "article-submit": ("post", lambda c, w: "/api/v1/articles/", {"text": "The truce held."}),
    "article-detail": ("get", lambda c, w: f"/api/v1/articles/{c.article_id}/", None),
    "webhook-list": ("get", lambda c, w: "/api/v1/webhooks/", None),
    "webhook-create": (
        "post",
        lambda c, w: "/api/v1/webhooks/",
        {"url": "https://hooks.example.net/b", "events": ["claim.created"]},
    ),
    "webhook-detail": ("get", lambda c, w: f"/api/v1/webhooks/{w.pk}/", None),
    "webhook-update": ("patch", lambda c, w: f"/api/v1/webhooks/{w.pk}/", {"name": "CMS"}),
    "webhook-delete": ("delete", lambda c, w: f"/api/v1/webhooks/{w.pk}/", None),
    "webhook-rotate": ("post", lambda c, w: f"/api/v1/webhooks/{w.pk}/rotate-secret/", None),
    "webhook-deliveries": ("get", lambda c, w: f"/api/v1/webhooks/{w.pk}/deliveries/", None),
}
_WEBHOOK = {"anonymous": 401, "consumer": 403, "fact_checker": 403, "editor": 403, "no_role": 403}
# persona -> status, per endpoint. Staff tokens carry every scope here: the role decides
# (the scope's own refusals are in test_article_submission and test_webhooks_api).
STAFF_EXPECTED = {
    "article-submit": {
        "anonymous": 401,
        "consumer": 403,
        "fact_checker": 202,
        "editor": 202,
        "admin_user": 202,
        "no_role": 403,
    },
    "article-detail": {
        "anonymous": 401,
        "consumer": 403,
        "fact_checker": 200,
        "editor": 200,
        "admin_user": 200,
        "no_role": 403,
    },
    "webhook-list": {**_WEBHOOK, "admin_user": 200},
    "webhook-create": {**_WEBHOOK, "admin_user": 201},
    "webhook-detail": {**_WEBHOOK, "admin_user": 200},
    "webhook-update": {**_WEBHOOK, "admin_user": 200},
    "webhook-delete": {**_WEBHOOK, "admin_user": 204},
    "webhook-rotate": {**_WEBHOOK, "admin_user": 200},
    "webhook-deliveries": {**_WEBHOOK, "admin_user": 200},
}
STAFF_MATRIX = [
    (endpoint, persona, status, via)
    for endpoint, expected in STAFF_EXPECTED.items()
    for persona, status in expected.items()
    for via in ("token", "session")
    if via == "token" or persona != "anonymous"
]


def test_every_staff_endpoint_is_in_the_matrix():
    from claims.api.urls import urlpatterns

    routed = {p.name for p in urlpatterns} - {"not-found", *ENDPOINTS, "claim-claimreview"}
    covered = {name.replace("-create", "-list") for name in STAFF_ENDPOINTS}
    covered |= {"webhook-detail", "webhook-rotate-secret"}
    covered |= {name.replace("-create", "-list") for name in OWN_ENDPOINTS}
    assert routed <= covered, routed - covered


@pytest.mark.parametrize(("endpoint", "persona", "status", "via"), STAFF_MATRIX)
def test_staff_authorization_matrix(endpoint, persona, status, via, published, request):
    from claims.models import WebhookSubscription

    subscription = WebhookSubscription.objects.create(
        url="https://hooks.example.net/a", events=["verdict.published"], secret="whsec_x"
    )
    if persona == "anonymous":
        client = APIClient()
    else:
        if persona == "no_role":
            from django.contrib.auth.models import User

            user = User.objects.create_user("norole", password="pw")
        else:
            user = request.getfixturevalue(persona)
        if via == "session":
            client = APIClient()
            client.force_login(user)
        else:
            client = client_with_token(user, "read", "ingest", "review")
    method, path, body = STAFF_ENDPOINTS[endpoint]
    response = getattr(client, method)(path(published, subscription), body, format="json")
    assert response.status_code == status, response.content


# --- a consumer token's own webhook subscriptions --------------------------------------
# endpoint -> (method, path as a function of a subscription the calling token owns, body).
OWN_ENDPOINTS = {
    "own-webhook-list": ("get", lambda w: "/api/v1/webhooks/mine/", None),
    "own-webhook-create": (
        "post",
        lambda w: "/api/v1/webhooks/mine/",
        {"url": "https://hooks.example.net/b", "events": ["verdict.published"]},
    ),
    "own-webhook-detail": ("get", lambda w: f"/api/v1/webhooks/mine/{w.pk}/", None),
    "own-webhook-update": ("patch", lambda w: f"/api/v1/webhooks/mine/{w.pk}/", {"name": "M"}),
    "own-webhook-delete": ("delete", lambda w: f"/api/v1/webhooks/mine/{w.pk}/", None),
}
_DONE = {"get": 200, "post": 201, "patch": 200, "delete": 204}
# Every account that reads the API owns subscriptions through its read token; a session owns
# none (403), nor does a token without the read scope or an account with no role.
OWN_MATRIX = [
    (endpoint, persona, via)
    for endpoint in OWN_ENDPOINTS
    for persona in EXPECTED
    for via in ("token", "session")
    if via == "token" or persona not in {"anonymous", "consumer_without_read_scope"}
]


@pytest.mark.parametrize(("endpoint", "persona", "via"), OWN_MATRIX)
# ``world``, not just ``db``: the module's rows must be built before the test's transaction
# opens, not by the first persona it asks for by name.
def test_own_webhooks_authorization_matrix(endpoint, persona, via, world, request):
    from claims.models import ApiToken, WebhookSubscription

    client = _client(persona, request, via)
    owner = ApiToken.objects.order_by("id").last()  # the token _client issued, if it did
    subscription = WebhookSubscription.objects.create(
        url="https://hooks.example.net/a",
        events=["verdict.published"],
        secret="whsec_x",
        token=owner,
    )
    method, path, body = OWN_ENDPOINTS[endpoint]
    response = getattr(client, method)(path(subscription), body, format="json")
    if persona == "anonymous":
        expected = 401
    elif via == "session" or EXPECTED[persona] == 403:
        expected = 403
    else:
        expected = _DONE[method]
    assert response.status_code == expected, response.content
