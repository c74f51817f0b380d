"""``Authorization: Bearer <token>`` for programs. Session authentication stays for the UI."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import authentication, exceptions

from claims.api.tokens import token_find, token_touch
from claims.models import ApiToken


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates with an API token; ``request.auth`` is then the ``ApiToken``.

    No header means "not this scheme" (None), so session authentication can try next; a
    Bearer header that does not hold a usable token is a 401, never a silent anonymous.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
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


def token_of(request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None
