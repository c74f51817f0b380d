"""Managing webhook subscriptions over the API (administrators, scope review)."""

from __future__ import annotations

import pytest

from claims.models import WebhookDelivery, WebhookSubscription
from tests.claims.api.conftest import client_with_token

HOOKS = "/api/v1/webhooks/"


@pytest.fixture
def manager(admin_user):
    return client_with_token(admin_user, "review")


def test_create_shows_the_secret_once(manager):
    response = manager.post(
        HOOKS,
        {"url": "https://hooks.example.net/in", "events": ["verdict.published"], "name": "CMS"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["secret"].startswith("whsec_")
    assert body["events"] == ["verdict.published"] and body["is_active"] is True
    assert response["Location"].endswith(f"/api/v1/webhooks/{body['id']}/")
    shown = manager.get(response["Location"]).json()
    assert "secret" not in shown
    assert [s["id"] for s in manager.get(HOOKS).json()] == [body["id"]]
    rotated = manager.post(f"{HOOKS}{body['id']}/rotate-secret/").json()["secret"]
    assert rotated != body["secret"]
    assert WebhookSubscription.objects.get().secret == rotated


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "ftp://example.org/"],
)
def test_internal_addresses_are_refused(manager, url):
    response = manager.post(HOOKS, {"url": url, "events": ["verdict.published"]})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "url"
    assert not WebhookSubscription.objects.exists()


def test_unknown_or_no_events_are_refused(manager):
    for events in ([], ["verdict.deleted"]):
        response = manager.post(HOOKS, {"url": "https://hooks.example.net/", "events": events})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"].startswith("events")


def test_update_reenable_deliveries_and_delete(manager, admin_user):
    from claims import webhooks

    sub, _ = webhooks.webhook_subscribe(
        actor=admin_user, url="https://hooks.example.net/a", events=["claim.created"]
    )
    webhooks.disable_subscription(sub, "Testing.")
    detail = f"{HOOKS}{sub.pk}/"
    body = manager.patch(detail, {"is_active": True, "events": ["verdict.corrected"]}).json()
    assert (body["is_active"], body["disabled_reason"], body["events"]) == (
        True,
        "",
        ["verdict.corrected"],
    )
    assert manager.patch(detail, {"url": "http://192.168.1.1/"}).status_code == 400
    WebhookDelivery.objects.create(
        subscription=sub,
        event="claim.created",
        event_id="00000000-0000-0000-0000-0000000000aa",
        payload={},
        attempts=[],
    )
    deliveries = manager.get(f"{detail}deliveries/").json()
    assert [d["event"] for d in deliveries] == ["claim.created"]
    assert manager.delete(detail).status_code == 204
    assert manager.get(detail).status_code == 404
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    ("persona", "scopes"),
    [
        ("admin_user", ("read", "ingest")),  # an administrator, but the token lacks review
        ("editor", ("review",)),  # the right scope, but not the permission
        ("consumer", ("read", "review")),
    ],
)
def test_who_may_not_manage_webhooks(db, persona, scopes, request):
    client = client_with_token(request.getfixturevalue(persona), *scopes)
    assert client.get(HOOKS).status_code == 403
    response = client.post(
        HOOKS, {"url": "https://hooks.example.net/", "events": ["claim.created"]}
    )
    assert response.status_code == 403
    assert not WebhookSubscription.objects.exists()
