"""Sign-in throttling: failed password attempts are counted per account (or per known
device) and per client address, in the cache (Redis in production, so every web process
shares the counts).

Two layers, so no sign-in path can skip it:

- :class:`ThrottledModelBackend` is the only authentication backend. Every
  ``authenticate(username=..., password=...)`` goes through it (the desk's sign-in page,
  the admin's, ``Client.login``, anything added later). While a lock holds it refuses
  without checking the password, so guessing cannot go on during a lockout; it counts every
  failure and clears the account's (or device's) count on success.
- :class:`ThrottledAuthenticationForm` (and its admin twin) turn a lock into a clear message
  on the sign-in page instead of the usual "wrong username or password", and
  :class:`SignInMiddleware` answers such a page with 429 and ``Retry-After``.

Why known devices: a per-account lock that anyone can trigger by guessing is a way to keep
a user out. So an attempt that carries a valid device cookie for the account it names
(:mod:`factcheck.devices`, set after every successful sign-in) is not subject to the
account's lock: it is counted, with the same limit, against that device alone, which an
attacker elsewhere cannot reach. The per-address limit applies to every attempt.

The lockout says nothing about whether the account exists: names that match no user are
counted and locked exactly like real ones, with the same message. A success clears only the
account's (or device's) count, not the address's, so one valid account cannot be used to keep
resetting the counter of an address that is guessing at others.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import time
import unicodedata
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from rest_framework.throttling import BaseThrottle

from factcheck import devices

logger = logging.getLogger("factcheck.auth")

_PREFIX = "login-throttle"
# Set on the request by the sign-in forms when they refuse an attempt for a lock.
_REFUSED_FOR = "_factcheck_sign_in_lock"


@dataclass(frozen=True)
class Lockout:
    """A lock in force: ``seconds_left`` until sign-in is possible again."""

    seconds_left: int

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.seconds_left / 60))
        unit = "minute" if minutes == 1 else "minutes"
        return (
            "Too many failed sign-in attempts. Sign-in is paused for this account or this "
            f"network for {minutes} {unit}; try again after that."
        )


def _limits() -> tuple[int, int, int]:
    """(per-account limit, per-address limit, window and lock length in seconds), read at
    each call so the ``settings`` fixture and overrides take effect at once."""
    return (
        int(settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT),
        int(settings.LOGIN_FAILURE_LIMIT_PER_IP),
        int(settings.LOGIN_LOCKOUT_SECONDS),
    )


def _account_key(username: str) -> str:
    # The same normalization as the sign-in form's username field, so "ﬁle" and "file"
    # share a counter. Hashed: a cache key must not carry arbitrary user input.
    normalized = unicodedata.normalize("NFKC", username)
    return "acct:" + hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def client_network(request: HttpRequest | None) -> str | None:
    """The client's address as the API throttles see it (``REMOTE_ADDR``, or the
    X-Forwarded-For entry that ``NUM_PROXIES`` trusts). IPv6 clients are grouped by /64: one
    host usually holds a whole /64, so counting single addresses would not slow it down."""
    if request is None:
        return None
    ident = BaseThrottle().get_ident(request)
    if not ident:
        return None
    try:
        ip = ipaddress.ip_address(ident.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _ip_key(network: str) -> str:
    return "ip:" + network


def _device_key(device: devices.Device) -> str:
    return "dev:" + hashlib.sha256(device.device_id.encode("utf-8")).hexdigest()


def _person_key(request: HttpRequest | None, username: str) -> str:
    """The key for who is signing in: the known device, if the attempt comes from one
    that signed in as this user before, else the account name."""
    device = devices.known_device(request, username)
    return _device_key(device) if device is not None else _account_key(username)


def _keys(request: HttpRequest | None, username: str) -> list[tuple[str, int]]:
    """The (key, limit) pairs that apply to this attempt: the account or the known device
    (one limit for both), and the client address."""
    per_account, per_ip, _ = _limits()
    keys = [(_person_key(request, username), per_account)]
    network = client_network(request)
    if network is not None:
        keys.append((_ip_key(network), per_ip))
    return keys


def lockout_for(request: HttpRequest | None, username: str) -> Lockout | None:
    """The lock on this account (or known device) or this client address, if one is in
    force. Of two, the longer, so ``Retry-After`` is never too early."""
    now = time.time()
    ends = [cache.get(f"{_PREFIX}:lock:{key}") for key, _limit in _keys(request, username)]
    until = max((end for end in ends if end is not None), default=None)
    if until is not None and until > now:
        return Lockout(seconds_left=math.ceil(until - now))
    return None


def _increment(key: str, window: int) -> int:
    counter = f"{_PREFIX}:count:{key}"
    # add() starts the window only for the first failure; incr() is atomic in Redis.
    cache.add(counter, 0, timeout=window)
    try:
        return cache.incr(counter)
    except ValueError:  # expired between add() and incr()
        cache.set(counter, 1, timeout=window)
        return 1


def _kind(key: str) -> str:
    """What a key counts, for the log (never the account name or device id)."""
    if key.startswith("acct:"):
        return "account"
    if key.startswith("dev:"):
        return "known device"
    return key


def register_failure(request: HttpRequest | None, username: str) -> Lockout | None:
    """Count a failed attempt against the account (or known device) and the address; lock
    whichever reached its limit. Returns the lock if this failure started one."""
    _, _, window = _limits()
    started: Lockout | None = None
    for key, limit in _keys(request, username):
        if _increment(key, window) >= limit:
            cache.set(f"{_PREFIX}:lock:{key}", time.time() + window, timeout=window)
            cache.delete(f"{_PREFIX}:count:{key}")
            started = Lockout(seconds_left=window)
            logger.warning(
                "Sign-in locked for %s seconds after %s failures (%s)",
                window,
                limit,
                _kind(key),
            )
    return started


def register_success(request: HttpRequest | None, username: str) -> None:
    """A correct password clears the failures of the account, or of the known device it
    came from (not the address's)."""
    cache.delete(f"{_PREFIX}:count:{_person_key(request, username)}")


class ThrottledModelBackend(ModelBackend):
    """Django's model backend behind the sign-in throttle (see the module docstring)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        if username is None or password is None:
            return None
        username = str(username)
        if lockout_for(request, username) is not None:
            # PermissionDenied stops every backend: the password is not even checked.
            raise PermissionDenied("Sign-in is locked after too many failed attempts.")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            register_failure(request, username)
        else:
            register_success(request, username)
        return user

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


class ThrottleMessageMixin:
    """Shows a lock as its own message instead of "wrong username or password", and marks
    the request so that :class:`SignInMiddleware` answers 429."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username and password:
            lock = lockout_for(self.request, username)
            if lock is not None:
                raise self._locked(lock)
        try:
            return super().clean()
        except forms.ValidationError:
            # The failure that reaches the limit is told about the lock it started.
            lock = lockout_for(self.request, username) if username else None
            if lock is not None:
                raise self._locked(lock) from None
            raise

    def _locked(self, lock: Lockout) -> forms.ValidationError:
        if self.request is not None:
            setattr(self.request, _REFUSED_FOR, lock)
        return forms.ValidationError(lock.message, code="locked_out")


class ThrottledAuthenticationForm(ThrottleMessageMixin, AuthenticationForm):
    """The desk's sign-in form."""


class ThrottledAdminAuthenticationForm(ThrottleMessageMixin, AdminAuthenticationForm):
    """The admin's sign-in form (staff only, as before)."""


class SignInMiddleware:
    """What a sign-in answer needs besides its page: 429 with ``Retry-After`` (in seconds)
    for an attempt refused for a lock, and the known-device cookie for one that signed a
    user in. A middleware, so the desk's sign-in page, the admin's and any later one behave
    alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        lock: Lockout | None = getattr(request, _REFUSED_FOR, None)
        if lock is not None and response.status_code == 200:
            response.status_code = 429
            response["Retry-After"] = str(lock.seconds_left)
        user = devices.signed_in_user(request)
        if user is not None:
            devices.remember(response, user)
        return response
