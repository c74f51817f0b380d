"""Issuing, revoking and checking API tokens.

A token reads ``fct_<prefix>_<secret>``. Only the sha256 of the whole string is stored
(``ApiToken.key_hash``); the prefix is stored in clear so people can tell tokens apart. The
secret has 256 bits of entropy, so a fast hash is the right tool: there is nothing to brute
force, unlike a password.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from claims.models import ApiToken
from claims.types import User

TOKEN_TAG = "fct"
SCOPES = frozenset(ApiToken.Scope.values)
# Recording every single use would turn each read into a write; once a minute is enough to
# answer "is this token still in use?".
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(ValueError):
    """A token cannot be issued as asked (unknown scope, no scope, expiry in the past)."""


@dataclass(frozen=True)
class NewSecret:
    token: str
    prefix: str
    key_hash: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_secret() -> NewSecret:
    """A fresh token string with its prefix and hash (the prefix is checked to be unused)."""
    while True:
        prefix = secrets.token_hex(5)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    token = f"{TOKEN_TAG}_{prefix}_{secrets.token_urlsafe(32)}"
    return NewSecret(token=token, prefix=prefix, key_hash=hash_token(token))


def clean_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = sorted({s.strip() for s in scopes if s and s.strip()})
    unknown = set(chosen) - SCOPES
    if unknown:
        raise TokenError(
            f"Unknown scope(s): {', '.join(sorted(unknown))}. Use: {', '.join(sorted(SCOPES))}."
        )
    if not chosen:
        raise TokenError("A token needs at least one scope.")
    return chosen


@transaction.atomic
def token_issue(
    *,
    user: User,
    scopes: Iterable[str],
    created_by: User | None = None,
    name: str = "",
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for ``user``. Returns the row and the token string.

    The string exists only in the return value: show it once, it cannot be recovered.
    Preconditions: known, non-empty scopes; an expiry, if given, in the future.
    """
    chosen = clean_scopes(scopes)
    if expires_at is not None and expires_at <= timezone.now():
        raise TokenError("The expiry date must be in the future.")
    secret = new_secret()
    row = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=secret.prefix,
        key_hash=secret.key_hash,
        scopes=chosen,
        created_by=created_by,
        expires_at=expires_at,
    )
    return row, secret.token


def token_revoke(*, token: ApiToken) -> bool:
    """Revoke a token now. Safe to call twice: returns False if it was already revoked."""
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db(fields=["revoked_at"])
    return bool(changed)


def token_find(raw: str) -> ApiToken | None:
    """The token row for this string, usable or not (with its user), or None."""
    if not raw.startswith(f"{TOKEN_TAG}_"):
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()


def token_touch(*, token: ApiToken, now: datetime) -> None:
    """Record that the token was used, at most once per ``LAST_USED_RESOLUTION``."""
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
