"""Who may call what: every consumer endpoint times every persona, from one table."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from tests.claims.api.conftest import client_with_token

# Each endpoint, as a function of the published claim it should find.
ENDPOINTS = {
    "claim-list": lambda c: "/api/v1/claims/",
    "claim-detail": lambda c: f"/api/v1/claims/{c.pk}/",
    "claimreview": lambda c: f"/api/v1/claims/{c.pk}/claimreview/",
    "claimreview-feed": lambda c: "/api/v1/claimreview/",
    "article-lookup": lambda c: f"/api/v1/articles/lookup/?url={c.article.url}",
}

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
