"""``Authorization: Bearer <token>`` for programs. Session authentication stays for the UI.

The consumer read views also take the caller's permission set from a short-lived shared
cache (:class:`SharedPermissionsMixin`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from rest_framework import authentication, exceptions

from claims.api.throttling import throttle_by_address
from claims.api.tokens import token_find, token_touch
from claims.models import ApiToken


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates with an API token; ``request.auth`` is then the ``ApiToken``.

    No header means "not this scheme" (None), so session authentication can try next; a
    Bearer header that does not hold a usable token is a 401, never a silent anonymous, and
    is counted against the caller's address (a 429 once that bucket is empty).
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        try:
            return self._authenticate_credentials(header)
        except exceptions.AuthenticationFailed:
            # A refused token counts against the address like no token at all: guessing
            # tokens costs the anonymous rate (claims.api.throttling).
            throttle_by_address(request)
            raise

    def _authenticate_credentials(self, header: list[bytes]):
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Malformed Authorization header: use 'Bearer <token>'."
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        token = token_find(raw)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        now = timezone.now()
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This token has been revoked.")
        if token.expires_at is not None and token.expires_at <= now:
            raise exceptions.AuthenticationFailed("This token has expired.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token's user is inactive.")
        token_touch(token=token, now=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class SharedPermissionsMixin:
    """For the consumer read views: the caller's permission set comes from a short-lived
    shared cache, because on that hot path the two queries behind ``has_perm`` cost more
    than the token's own.

    The token and its user are still read on every request, so revoking a token, its
    expiry and deactivating the account take effect at once. Only the permission set is
    shared, for ``API_PERMISSION_CACHE_SECONDS`` (default 5; 0 turns it off): a change of
    the account's groups or permissions reaches these read-only endpoints within that
    time. Every other endpoint asks the database and sees such a change at once.
    """

    def perform_authentication(self, request) -> None:
        super().perform_authentication(request)
        if request.user.is_authenticated:
            load_permissions(request.user)


def permission_cache_seconds() -> int:
    return int(getattr(settings, "API_PERMISSION_CACHE_SECONDS", 5))


def _permissions_key(user) -> str:
    # date_joined tells an account apart from an earlier one that had the same id (SQLite
    # hands an id out again after a rollback), so a set never outlives its account.
    return f"api-perms:{user.pk}:{user.date_joined.timestamp()}"


def load_permissions(user) -> None:
    """Give ``user`` its permission set from the cache, filling the cache on a miss.

    The set is what ``user.get_all_permissions()`` returns, placed where the model backend
    (the only one configured) keeps it for the rest of a request, ``_perm_cache``, so
    ``has_perm`` then answers without a query. tests/claims/api/test_read_costs.py counts
    the queries, so a Django that keeps it elsewhere fails there, not silently.
    """
    seconds = permission_cache_seconds()
    if seconds <= 0:
        return
    key = _permissions_key(user)
    perms = cache.get(key)
    if perms is None:
        cache.set(key, user.get_all_permissions(), seconds)
    else:
        user._perm_cache = perms


def token_of(request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None
