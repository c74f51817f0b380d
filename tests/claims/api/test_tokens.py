"""API tokens: hashed at rest, scoped, expiring, revocable; the command and the admin."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from claims.api.tokens import TokenError, token_issue, token_revoke
from claims.models import ApiToken


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_the_database_holds_no_usable_token(consumer):
    row, secret = token_issue(user=consumer, scopes=["read"])
    stored = ApiToken.objects.filter(pk=row.pk).values().get()
    assert secret not in str(stored)
    assert stored["key_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"fct_{row.prefix}_")
    # What the database holds does not authenticate.
    for leaked in (stored["key_hash"], stored["prefix"], f"fct_{row.prefix}_{stored['key_hash']}"):
        assert bearer(leaked).get("/api/v1/claims/").status_code == 401
    assert bearer(secret).get("/api/v1/claims/").status_code == 200


def test_use_is_recorded(consumer):
    row, secret = token_issue(user=consumer, scopes=["read"])
    assert row.last_used_at is None
    bearer(secret).get("/api/v1/claims/")
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_an_expired_token_is_refused(consumer):
    row, secret = token_issue(
        user=consumer, scopes=["read"], expires_at=timezone.now() + timedelta(days=1)
    )
    assert bearer(secret).get("/api/v1/claims/").status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(secret).get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["detail"] == "This token has expired."


def test_a_revoked_token_is_refused_and_revoking_twice_is_harmless(consumer):
    row, secret = token_issue(user=consumer, scopes=["read"])
    assert token_revoke(token=row) is True
    assert token_revoke(token=row) is False
    response = bearer(secret).get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["detail"] == "This token has been revoked."


def test_a_token_of_an_inactive_user_is_refused(consumer):
    _, secret = token_issue(user=consumer, scopes=["read"])
    consumer.is_active = False
    consumer.save()
    assert bearer(secret).get("/api/v1/claims/").status_code == 401


def test_a_scope_narrows_never_widens(consumer, db):
    _, secret = token_issue(user=consumer, scopes=["ingest", "review"])
    response = bearer(secret).get("/api/v1/claims/")
    assert response.status_code == 403
    assert "read" in response.json()["detail"]


@pytest.mark.parametrize(
    ("scopes", "expires_in"), [([], None), (["admin"], None), (["read"], timedelta(days=-1))]
)
def test_tokens_are_issued_only_as_they_can_be_used(consumer, scopes, expires_in):
    expires_at = timezone.now() + expires_in if expires_in else None
    with pytest.raises(TokenError):
        token_issue(user=consumer, scopes=scopes, expires_at=expires_at)


# --- the command ------------------------------------------------------------------------


def test_create_api_token_prints_the_token_alone_on_the_last_line(consumer):
    out, err = StringIO(), StringIO()
    call_command(
        "create_api_token",
        "--user",
        "consumer",
        "--scope",
        "read",
        "--scope",
        "ingest",
        "--expires-in-days",
        "30",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip().splitlines()[-1]
    row = ApiToken.objects.get(user=consumer)
    assert row.scopes == ["ingest", "read"]
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)
    assert row.prefix in err.getvalue()
    assert bearer(secret).get("/api/v1/claims/").status_code == 200


@pytest.mark.parametrize(
    "args",
    [
        ["--user", "nobody", "--scope", "read"],
        ["--user", "consumer", "--scope", "read", "--expires-in-days", "0"],
    ],
)
def test_create_api_token_refuses_bad_input(consumer, args):
    with pytest.raises(CommandError):
        call_command("create_api_token", *args, stdout=StringIO(), stderr=StringIO())
    assert not ApiToken.objects.exists()


# --- the admin --------------------------------------------------------------------------


def test_admin_creates_a_token_shows_it_once_and_revokes_it(admin_user, consumer, client):
    client.force_login(admin_user)
    response = client.post(
        "/admin/claims/apitoken/add/",
        {"user": consumer.pk, "name": "newsroom", "scopes": ["read"], "expires_at": ""},
        follow=True,
    )
    assert response.status_code == 200
    row = ApiToken.objects.get()
    assert row.created_by == admin_user
    messages = [str(m) for m in response.context["messages"]]
    secret = next(w for m in messages for w in m.split() if w.startswith("fct_"))
    assert bearer(secret).get("/api/v1/claims/").status_code == 200
    # Never shown again.
    assert secret not in client.get(f"/admin/claims/apitoken/{row.pk}/change/").content.decode()

    client.post(
        "/admin/claims/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [row.pk]},
        follow=True,
    )
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert bearer(secret).get("/api/v1/claims/").status_code == 401
