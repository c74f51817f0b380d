"""Who may call which endpoint: the token's scope and the user's role, both.

A token carries scopes (``read``, ``ingest``, ``review``) that narrow what its user could do
anyway; it never widens it. A session (the web UI) has no scopes: its role alone decides.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import BasePermission

from claims.api.authentication import token_of
from claims.models import ApiToken


def can_read_published(user) -> bool:
    """Every role that reads the record holds ``view_rating``; ``api-consumers`` hold only
    that (see ``claims.roles``). An account in no group reads nothing."""
    return bool(user and user.is_active and user.has_perm("claims.view_rating"))


class RequiresScope(BasePermission):
    """Refuses a token that lacks ``scope``. Subclasses add the role check."""

    scope: str = ""

    def has_permission(self, request, view) -> bool:
        token = token_of(request)
        if token is not None and self.scope not in token.scopes:
            self.message = f"This token lacks the '{self.scope}' scope."
            return False
        return True


class ReadPublished(RequiresScope):
    """Published verdicts: consumers and staff; anonymous callers only if
    ``API_ALLOW_ANONYMOUS_READS`` is on (otherwise 401, so they know to authenticate)."""

    scope = ApiToken.Scope.READ

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return bool(settings.API_ALLOW_ANONYMOUS_READS)
        if not super().has_permission(request, view):
            return False
        if not can_read_published(user):
            self.message = "Your account may not read the API; ask for the api-consumers role."
            return False
        return True


def _authenticated(request) -> bool:
    return bool(request.user and request.user.is_authenticated and request.user.is_active)


class SubmitArticles(RequiresScope):
    """``POST /articles/``: a token with the ``ingest`` scope, or a session, of an account
    that may add articles (fact-checkers, editors). The service checks the role again."""

    scope = ApiToken.Scope.INGEST

    def has_permission(self, request, view) -> bool:
        if not _authenticated(request) or not super().has_permission(request, view):
            return False
        if not request.user.has_perm("claims.add_article"):
            self.message = "Your account may not submit articles."
            return False
        return True


class ReadInternalRecord(BasePermission):
    """Staff reads of the internal record (ingestion status, every claim with its internal
    status and scores): a token with the ``ingest`` or ``review`` scope, or a session, of an
    account that may see unpublished claims."""

    scopes = frozenset({ApiToken.Scope.INGEST, ApiToken.Scope.REVIEW})

    def has_permission(self, request, view) -> bool:
        if not _authenticated(request):
            return False
        token = token_of(request)
        if token is not None and not self.scopes & set(token.scopes):
            self.message = "This token lacks the 'ingest' or 'review' scope."
            return False
        if not request.user.has_perm("claims.view_unpublished"):
            self.message = "Your account may not see the internal record."
            return False
        return True


class ManageWebhooks(RequiresScope):
    """Webhook subscriptions: a token with the ``review`` scope, or a session, of an account
    holding ``claims.change_webhooksubscription`` (administrators; grant it in the admin)."""

    scope = ApiToken.Scope.REVIEW

    def has_permission(self, request, view) -> bool:
        from claims.webhooks import can_manage_webhooks

        if not _authenticated(request) or not super().has_permission(request, view):
            return False
        if not can_manage_webhooks(request.user):
            self.message = "Your account may not manage webhook subscriptions."
            return False
        return True


class ManageOwnWebhooks(RequiresScope):
    """A consumer's own webhook subscriptions (``/webhooks/mine/``): a token with the
    ``read`` scope, of an account that reads the API. A session owns none: a subscription
    belongs to the token that made it (``claims.webhooks.consumer``)."""

    scope = ApiToken.Scope.READ

    def has_permission(self, request, view) -> bool:
        if not _authenticated(request):
            return False
        if token_of(request) is None:
            self.message = "Your own webhook subscriptions belong to an API token: use one."
            return False
        if not super().has_permission(request, view):
            return False
        if not can_read_published(request.user):
            self.message = "Your account may not read the API; ask for the api-consumers role."
            return False
        return True
