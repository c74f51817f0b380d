"""Who may manage webhook subscriptions (a consumer's own: ``claims.webhooks.consumer``)."""

from __future__ import annotations

from claims.types import User


def can_manage_webhooks(user: User | None) -> bool:
    """Administrators, and whoever was given the model permission in the admin.

    Subscriptions send the public record to an address of their owner's choosing, so
    they are not a role's everyday tool; no group holds the permission by default.
    """
    return bool(
        user is not None and user.is_active and user.has_perm("claims.change_webhooksubscription")
    )
