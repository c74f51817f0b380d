"""Deliveries to a consumer's own subscription (made over the API with a read token),
against a real HTTP receiver on 127.0.0.1, as in ``test_webhooks``."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from claims import roles, webhooks
from claims.api.tokens import token_revoke
from claims.models import ApiToken, WebhookDelivery, WebhookSubscription
from claims.workflow import claim_triage, verdict_approve
from tests.claims.api.test_consumer_webhooks_api import MINE, token_client
from tests.claims.conftest import Receiver
from tests.claims.helpers import bring_to
from tests.claims.ingestion.conftest import FakeDNS, fake_dns  # noqa: F401


@pytest.fixture
def own(consumer):
    """A consumer's read token, its client, and a way to subscribe through the API."""
    client, token = token_client(consumer, "read")

    def subscribe(url: str, *events: str) -> dict:
        response = client.post(
            MINE, {"url": url, "events": list(events or ["verdict.published"])}, format="json"
        )
        assert response.status_code == 201, response.content
        return response.json()

    subscribe.client = client
    subscribe.token = token
    return subscribe


@pytest.fixture
def plain_http(settings):
    """DEBUG on, as on a laptop: the only shape where a consumer may subscribe a plain-http
    address such as the test receiver's (production asks for https)."""
    settings.DEBUG = True


def _published(make_claim, fact_checker, editor, capture):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    with capture(execute=True):
        verdict_approve(verdict=claim.verdicts.get(state="proposed"), actor=editor)
    return claim


def _signed(at: Receiver, index: int, secret: str) -> bool:
    headers, body = at.requests[index]
    return webhooks.verify_signature(
        secret=secret,
        timestamp=headers["X-Factcheck-Timestamp"],
        body=body,
        signature=headers["X-Factcheck-Signature"],
    )


def test_a_published_claim_reaches_a_consumers_subscription_signed(
    receiver, plain_http, own, make_claim, fact_checker, editor, django_capture_on_commit_callbacks
):
    created = own(receiver.url, "verdict.published")
    claim = _published(make_claim, fact_checker, editor, django_capture_on_commit_callbacks)

    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert headers["X-Factcheck-Event"] == "verdict.published"
    # Signed with the secret the creation answer showed, and with no other.
    assert _signed(receiver, 0, created["secret"])
    assert not _signed(receiver, 0, "whsec_wrong")
    payload = json.loads(body)
    assert payload["type"] == "verdict.published"
    # Exactly what this consumer reads in the API.
    assert payload["data"]["claim"] == own.client.get(f"/api/v1/claims/{claim.pk}/").json()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.subscription_id, delivery.status) == (created["id"], "succeeded")


def test_staff_events_never_reach_a_consumers_subscription(
    own, admin_user, make_claim, editor, loopback
):
    created = own("https://hooks.example.net/mine", "verdict.published")
    # Even a row written past the model's check (a bulk update) is not sent staff events.
    WebhookSubscription.objects.filter(pk=created["id"]).update(
        events=["claim.created", "verdict.published"]
    )
    staff, _ = webhooks.webhook_subscribe(
        actor=admin_user, url="https://hooks.example.net/desk", events=["claim.created"]
    )
    claim_triage(claim=make_claim(), actor=editor)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.subscription, delivery.event) == (staff, "claim.created")


def _revoke(token: ApiToken) -> None:
    token_revoke(token=token)


def _expire(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))


def _drop_role(token: ApiToken) -> None:
    token.user.groups.remove(Group.objects.get(name=roles.API_CONSUMERS))


@pytest.mark.parametrize(
    ("stop", "reason"),
    [
        (_revoke, "Its API token was revoked."),
        (_expire, "Its API token has expired."),
        (_drop_role, "The account of its API token may no longer read the API."),
    ],
)
def test_a_token_that_stops_stops_its_subscriptions(
    stop,
    reason,
    receiver,
    plain_http,
    own,
    make_claim,
    fact_checker,
    editor,
    django_capture_on_commit_callbacks,
):
    subscription = own(receiver.url, "verdict.published")
    _published(make_claim, fact_checker, editor, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 1  # while the token is good

    # An event recorded while the token was good, sent after it stopped: not sent.
    pending = bring_to(
        "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
    )
    with django_capture_on_commit_callbacks() as callbacks:
        verdict_approve(verdict=pending.verdicts.get(state="proposed"), actor=editor)
    stop(own.token)
    for callback in callbacks:
        callback()

    assert len(receiver.requests) == 1
    late = WebhookDelivery.objects.get(payload__data__claim__id=pending.pk)
    assert late.status == "failed" and late.attempt == 1 and late.attempts == []
    assert reason in late.error
    row = WebhookSubscription.objects.get(pk=subscription["id"])
    assert not row.is_active and row.disabled_reason == reason
    # And nothing more is recorded for it.
    _published(make_claim, fact_checker, editor, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.count() == 2


def test_a_revoked_token_can_no_longer_manage_its_subscriptions(own, loopback):
    created = own("https://hooks.example.net/mine")
    token_revoke(token=own.token)
    assert own.client.get(MINE).status_code == 401
    assert own.client.patch(f"{MINE}{created['id']}/", {"is_active": True}).status_code == 401


def test_a_name_that_resolves_to_an_internal_address_is_refused_at_connect(
    fake_dns,  # noqa: F811
    own,
    make_claim,
    fact_checker,
    editor,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.INGEST_ALLOW_LOOPBACK = False
    fake_dns.answers["hooks.example.net"] = ["10.0.0.7"]
    created = own("https://hooks.example.net/hook")
    _published(make_claim, fact_checker, editor, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and "address guard" in delivery.error
    shown = own.client.get(f"{MINE}{created['id']}/").json()
    assert shown["is_active"] is False and "10.0.0.7" in shown["disabled_reason"]


def test_the_admin_shows_the_owner_and_keeps_staff_events_off_a_consumers_subscription(
    client, admin_user, own, loopback
):
    created = own("https://hooks.example.net/mine")
    client.force_login(admin_user)
    page = f"/admin/claims/webhooksubscription/{created['id']}/change/"
    shown = client.get(page).content.decode()
    assert own.token.prefix in shown  # the owner token, read-only
    refused = client.post(
        page,
        {
            "name": "",
            "url": "https://hooks.example.net/mine",
            "events": ["verdict.published", "claim.created"],
            "is_active": "on",
        },
    )
    assert refused.status_code == 200
    assert "may not carry: claim.created" in refused.content.decode()
    assert WebhookSubscription.objects.get(pk=created["id"]).events == ["verdict.published"]
