"""Known devices: a browser that has signed in as a user carries a cookie saying so.

After every successful sign-in (desk, admin, anything that calls ``django.contrib.auth.login``
with a request) the response sets :data:`COOKIE_NAME`: the user's id and a random device id,
signed with Django's signing (the ``SECRET_KEY``, under its own salt), HttpOnly, SameSite=Lax,
Secure whenever the session cookie is. It grants nothing by itself: it only tells the sign-in
throttle (``factcheck.auth``) that an attempt for that user comes from a device that has
signed in as that user before, so the per-account lock, which anyone anywhere can trigger by
guessing, does not apply to it. Such a device is counted on its own instead, and the
per-address limit applies to it as to everyone.

One cookie per browser: signing in as another user replaces it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

COOKIE_NAME = "factcheck_device"
_SALT = "factcheck.devices"
# Set on the request by the user_logged_in receiver, read by factcheck.auth's middleware.
_SIGNED_IN = "_factcheck_signed_in_user"
# Per request: username -> the device, so one attempt looks the user up once.
_CACHE = "_factcheck_known_devices"


@dataclass(frozen=True)
class Device:
    """A device that signed in as user ``user_id``; ``device_id`` names it in the counters."""

    user_id: int
    device_id: str


def _max_age() -> int:
    return int(settings.LOGIN_DEVICE_COOKIE_DAYS) * 24 * 3600


def issue(user: AbstractBaseUser) -> str:
    """A new signed cookie value for a device that just signed in as ``user``."""
    return signing.dumps({"u": user.pk, "d": secrets.token_urlsafe(16)}, salt=_SALT)


def read(value: str | None) -> Device | None:
    """The device a cookie value names, or None if it is missing, forged, or too old."""
    if not value:
        return None
    try:
        data = signing.loads(value, salt=_SALT, max_age=_max_age())
    except signing.BadSignature:  # SignatureExpired included
        return None
    if not isinstance(data, dict):
        return None
    user_id, device_id = data.get("u"), data.get("d")
    if not isinstance(user_id, int) or not isinstance(device_id, str) or not device_id:
        return None
    return Device(user_id=user_id, device_id=device_id)


def known_device(request: HttpRequest | None, username: str) -> Device | None:
    """The request's device, if its cookie is valid and was issued to the user named
    ``username`` (looked up as the model backend does). None otherwise, also for a name
    that matches no user."""
    if request is None:
        return None
    device = read(request.COOKIES.get(COOKIE_NAME))
    if device is None:
        return None
    cache: dict[str, Device | None] = request.__dict__.setdefault(_CACHE, {})
    if username not in cache:
        user_model = get_user_model()
        pk = (
            user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username})
            .values_list("pk", flat=True)
            .first()
        )
        cache[username] = device if pk == device.user_id else None
    return cache[username]


def remember(response: HttpResponse, user: AbstractBaseUser) -> None:
    """Set a fresh device cookie for ``user`` on ``response``."""
    response.set_cookie(
        COOKIE_NAME,
        issue(user),
        max_age=_max_age(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@receiver(user_logged_in, dispatch_uid="factcheck.devices.signed_in")
def _note_sign_in(sender, request: HttpRequest | None, user: AbstractBaseUser, **kwargs) -> None:
    if request is not None:
        setattr(request, _SIGNED_IN, user)


def signed_in_user(request: HttpRequest) -> AbstractBaseUser | None:
    """The user this request signed in, if it did (connected on import: the sign-in
    middleware imports this module when Django starts)."""
    return getattr(request, _SIGNED_IN, None)
