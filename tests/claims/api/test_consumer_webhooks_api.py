"""A consumer's own webhook subscriptions over the API: ``/api/v1/webhooks/mine/``."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from claims import roles, webhooks
from claims.api.tokens import token_issue
from claims.models import ApiToken, WebhookSubscription
from tests.claims.api.conftest import client_with_token
from tests.conftest import make_user

MINE = "/api/v1/webhooks/mine/"
STAFF = "/api/v1/webhooks/"
HOOK = "https://hooks.example.net/in"
PROBLEM = "application/problem+json"


def token_client(user, *scopes: str) -> tuple[APIClient, ApiToken]:
    row, secret = token_issue(user=user, scopes=scopes or ("read",))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client, row


def subscribe(client: APIClient, url: str = HOOK, *events: str, **extra):
    body = {"url": url, "events": list(events or ["verdict.published"]), **extra}
    return client.post(MINE, body, format="json")


@pytest.fixture
def manager(admin_user):
    return client_with_token(admin_user, "review")


def test_a_read_token_creates_reads_changes_and_deletes_its_own_subscription(reader):
    created = subscribe(reader, HOOK, "verdict.published", "claim.removed", name="Mirror")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["secret"].startswith("whsec_")
    assert (body["events"], body["name"], body["is_active"]) == (
        ["claim.removed", "verdict.published"],
        "Mirror",
        True,
    )
    assert created["Location"].endswith(f"{MINE}{body['id']}/")
    # The secret is shown once: never again, and it is the one deliveries are signed with.
    shown = reader.get(created["Location"])
    assert shown.status_code == 200 and "secret" not in shown.json()
    assert WebhookSubscription.objects.get().secret == body["secret"]
    assert [s["id"] for s in reader.get(MINE).json()] == [body["id"]]

    changed = reader.patch(
        created["Location"],
        {"url": "https://hooks.example.net/v2", "events": ["verdict.corrected"]},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["url"], changed.json()["events"]) == (
        "https://hooks.example.net/v2",
        ["verdict.corrected"],
    )
    off = reader.patch(created["Location"], {"is_active": False}, format="json").json()
    assert off["is_active"] is False and off["disabled_reason"]
    on = reader.patch(created["Location"], {"is_active": True}, format="json").json()
    assert (on["is_active"], on["disabled_reason"], on["failure_count"]) == (True, "", 0)

    assert reader.delete(created["Location"]).status_code == 204
    assert reader.get(created["Location"]).status_code == 404
    assert reader.get(MINE).json() == []
    assert not WebhookSubscription.objects.exists()


def test_a_token_sees_only_its_own_subscriptions(consumer, admin_user, manager):
    mine, mine_token = token_client(consumer)
    # Another token of the same account is another owner, and so is another account.
    sibling, _ = token_client(consumer)
    stranger, _ = token_client(make_user("platform", roles.API_CONSUMERS))
    own = subscribe(mine).json()
    theirs = subscribe(sibling, "https://hooks.example.net/sibling").json()
    staff, _ = webhooks.webhook_subscribe(actor=admin_user, url=HOOK, events=["claim.created"])

    assert [s["id"] for s in mine.get(MINE).json()] == [own["id"]]
    assert [s["id"] for s in sibling.get(MINE).json()] == [theirs["id"]]
    assert stranger.get(MINE).json() == []
    for other in (theirs["id"], staff.pk):
        for response in (
            mine.get(f"{MINE}{other}/"),
            mine.patch(f"{MINE}{other}/", {"is_active": False}, format="json"),
            mine.delete(f"{MINE}{other}/"),
        ):
            assert response.status_code == 404, response.content
            assert response["Content-Type"] == PROBLEM
    assert WebhookSubscription.objects.filter(is_active=True).count() == 3
    assert WebhookSubscription.objects.get(pk=own["id"]).token == mine_token
    # Staff endpoints are unchanged: staff subscriptions only, a consumer's are not theirs.
    assert [s["id"] for s in manager.get(STAFF).json()] == [staff.pk]
    assert manager.get(f"{STAFF}{own['id']}/").status_code == 404
    assert manager.delete(f"{STAFF}{own['id']}/").status_code == 404


@pytest.mark.parametrize("events", [["claim.created"], ["verdict.published", "claim.created"]])
def test_a_staff_event_is_refused_naming_it(reader, events):
    response = subscribe(reader, HOOK, *events)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["code"] == "validation_error"
    assert [e["field"][:6] for e in problem["errors"]] == ["events"]
    assert "claim.created" in problem["errors"][0]["detail"]
    assert "verdict.published" in problem["errors"][0]["detail"]  # and what may be chosen
    assert not WebhookSubscription.objects.exists()


def test_a_staff_event_is_refused_on_change_too(reader):
    created = subscribe(reader).json()
    response = reader.patch(f"{MINE}{created['id']}/", {"events": ["claim.created"]}, format="json")
    assert response.status_code == 400
    assert "claim.created" in response.json()["detail"]
    assert WebhookSubscription.objects.get().events == ["verdict.published"]


def test_unknown_or_no_events_are_refused(reader):
    for events in ([], ["verdict.deleted"]):
        response = reader.post(MINE, {"url": HOOK, "events": events}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"].startswith("events")
    assert not WebhookSubscription.objects.exists()


def test_the_model_refuses_a_staff_event_on_a_tokens_subscription(reader):
    from django.core.exceptions import ValidationError

    subscription = WebhookSubscription.objects.get(pk=subscribe(reader).json()["id"])
    subscription.events = ["verdict.published", "claim.created"]
    with pytest.raises(ValidationError):
        subscription.save()


def test_the_limit_per_token_is_a_409_until_one_is_deleted(consumer, settings):
    settings.WEBHOOK_MAX_PER_TOKEN = 2
    client, _ = token_client(consumer)
    first = subscribe(client, "https://hooks.example.net/1").json()
    second = subscribe(client, "https://hooks.example.net/2").json()
    # A switched-off subscription still holds its slot.
    client.patch(f"{MINE}{second['id']}/", {"is_active": False}, format="json")

    refused = subscribe(client, "https://hooks.example.net/3")
    assert refused.status_code == 409
    assert refused["Content-Type"] == PROBLEM
    problem = refused.json()
    assert problem["code"] == "webhook_limit_reached"
    assert problem["type"] == "urn:factcheck:problem:webhook_limit_reached"
    assert problem["title"] == "Webhook subscription limit reached"
    assert "2 webhook subscriptions" in problem["detail"] and "delete one" in problem["detail"]
    assert WebhookSubscription.objects.count() == 2
    # The limit is the token's: another token of the same account has its own slots.
    other, _ = token_client(consumer)
    assert subscribe(other, "https://hooks.example.net/other").status_code == 201

    assert client.delete(f"{MINE}{first['id']}/").status_code == 204
    assert subscribe(client, "https://hooks.example.net/3").status_code == 201
    assert subscribe(client, "https://hooks.example.net/4").status_code == 409


def test_the_default_limit_is_five(reader):
    codes = [subscribe(reader, f"https://hooks.example.net/{n}").status_code for n in range(6)]
    assert codes == [201] * 5 + [409]


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/hook",
        "http://[fd00::1]/hook",
        "http://127.0.0.1:9/hook",
        "http://user:pw@hooks.example.net/",
        "ftp://example.org/",
        "file:///etc/passwd",
    ],
)
def test_the_address_guard_refuses_internal_addresses(reader, url, settings):
    settings.DEBUG = True  # plain http allowed, as on a laptop: the guard alone refuses
    response = subscribe(reader, url)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "url"
    assert "must start with https" not in response.json()["errors"][0]["detail"]
    created = subscribe(reader).json()
    changed = reader.patch(f"{MINE}{created['id']}/", {"url": url}, format="json")
    assert changed.status_code == 400
    assert changed.json()["errors"][0]["field"] == "url"
    assert WebhookSubscription.objects.get().url == HOOK


@pytest.mark.parametrize(
    "url", ["https://10.0.0.1/hook", "https://[fd00::1]/hook", "https://127.0.0.1:9/hook"]
)
def test_the_address_guard_refuses_internal_https_addresses_too(reader, url):
    response = subscribe(reader, url)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "url"
    assert "must start with https" not in response.json()["errors"][0]["detail"]


@pytest.mark.parametrize("url", ["http://hooks.example.net/mine", "HTTP://hooks.example.net/"])
def test_in_production_a_consumers_address_must_be_https(reader, url, settings):
    settings.DEBUG = False
    response = subscribe(reader, url)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    error = response.json()["errors"][0]
    assert error["field"] == "url"
    assert error["detail"] == (
        "A consumer's webhook address must start with https://: deliveries are sent only over TLS."
    )
    assert not WebhookSubscription.objects.exists()
    # Nor may an existing subscription be moved to plain http.
    created = subscribe(reader).json()
    changed = reader.patch(f"{MINE}{created['id']}/", {"url": url}, format="json")
    assert changed.status_code == 400
    assert changed.json()["errors"][0]["field"] == "url"
    assert WebhookSubscription.objects.get().url == HOOK


def test_with_debug_on_a_consumer_may_subscribe_plain_http(reader, settings):
    settings.DEBUG = True  # a laptop, the demo
    response = subscribe(reader, "http://hooks.example.net/mine")
    assert response.status_code == 201, response.content
    assert response.json()["url"] == "http://hooks.example.net/mine"


def test_staff_subscriptions_keep_plain_http_in_production(manager, settings):
    settings.DEBUG = False
    response = manager.post(
        STAFF,
        {"url": "http://hooks.example.net/desk", "events": ["claim.created"]},
        format="json",
    )
    assert response.status_code == 201, response.content


def test_anonymous_is_asked_to_authenticate(api):
    response = api.get(MINE)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    ("persona", "scopes"),
    [
        ("consumer", ("ingest",)),  # the consumer, but a token without read
        ("editor", ("review",)),  # staff, a token without read
    ],
)
def test_a_token_without_read_may_not_subscribe(db, persona, scopes, request):
    client = client_with_token(request.getfixturevalue(persona), *scopes)
    assert client.get(MINE).status_code == 403
    response = subscribe(client)
    assert response.status_code == 403
    assert "'read' scope" in response.json()["detail"]
    assert not WebhookSubscription.objects.exists()


def test_an_account_that_may_not_read_the_api_may_not_subscribe(db):
    client = client_with_token(User.objects.create_user("nobody", password="pw"), "read")
    response = subscribe(client)
    assert response.status_code == 403
    assert "api-consumers" in response.json()["detail"]
    assert not WebhookSubscription.objects.exists()


def test_a_session_owns_no_subscriptions(client, consumer):
    client.force_login(consumer)
    response = client.post(
        MINE, {"url": HOOK, "events": ["verdict.published"]}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "API token" in response.json()["detail"]
    assert not WebhookSubscription.objects.exists()


def test_a_consumer_still_may_not_use_the_staff_endpoints(reader):
    assert reader.get(STAFF).status_code == 403
    response = reader.post(STAFF, {"url": HOOK, "events": ["verdict.published"]}, format="json")
    assert response.status_code == 403
    assert not WebhookSubscription.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_creates_never_pass_the_limit():
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")
    callers = 8
    client, token = token_client(make_user("racer", roles.API_CONSUMERS))
    codes: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(callers)

    def create(n: int) -> None:
        try:
            start.wait()
            codes.append(subscribe(client, f"https://hooks.example.net/{n}").status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sorted(codes) == [201] * 5 + [409] * 3
    assert WebhookSubscription.objects.filter(token=token).count() == 5
