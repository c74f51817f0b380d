"""Sign-in throttling: per account and per client address, with a clear lockout message
that never tells whether the account exists."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core import signing
from django.core.cache import cache
from django.test import Client, RequestFactory

from factcheck import auth, devices

LOCKED = "Too many failed sign-in attempts"
WRONG = "Please enter a correct username and password"


@pytest.fixture(autouse=True)
def clean_counters(settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 3
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 10
    settings.LOGIN_LOCKOUT_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db) -> User:
    return User.objects.create_user("alice", password="correct horse battery")


def sign_in(client: Client, username: str, password: str, *, ip: str = "203.0.113.7", path=None):
    return client.post(
        path or "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def errors(response) -> str:
    form = response.context["form"]
    return " ".join(form.non_field_errors())


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_lock_the_account_with_a_clear_message(client, alice):
    assert WRONG in errors(sign_in(client, "alice", "guess 1"))
    assert WRONG in errors(sign_in(client, "alice", "guess 2"))
    # The failure that reaches the limit already tells about the lock.
    third = sign_in(client, "alice", "guess 3")
    assert third.status_code == 429
    assert third["Retry-After"] == "600"
    assert LOCKED in errors(third)
    assert "10 minutes" in errors(third)
    assert LOCKED in third.content.decode()


def test_the_right_password_is_refused_while_locked(client, alice):
    for n in range(3):
        sign_in(client, "alice", f"guess {n}")
    response = sign_in(client, "alice", "correct horse battery")
    assert LOCKED in errors(response)
    assert not signed_in(client)
    # The backend refuses too, for any caller: the password is not even checked.
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.9")
    assert authenticate(request, username="alice", password="correct horse battery") is None


def test_the_account_lock_holds_from_another_address(client, alice):
    for n in range(3):
        sign_in(client, "alice", f"guess {n}", ip="203.0.113.7")
    assert LOCKED in errors(sign_in(client, "alice", "correct horse battery", ip="192.0.2.55"))


def test_a_lockout_does_not_reveal_whether_the_account_exists(alice):
    real, fake = Client(), Client()
    for n in range(4):
        a = sign_in(real, "alice", f"guess {n}", ip="203.0.113.1")
        b = sign_in(fake, "nobody-by-this-name", f"guess {n}", ip="203.0.113.2")
        assert a.status_code == b.status_code
        assert errors(a) == errors(b)
    assert LOCKED in errors(a)


def test_a_successful_sign_in_clears_the_account_count(client, alice):
    for n in range(2):
        sign_in(client, "alice", f"guess {n}")
    assert sign_in(client, "alice", "correct horse battery").status_code == 302
    client.logout()
    for n in range(2):
        assert WRONG in errors(sign_in(client, "alice", f"again {n}"))
    assert sign_in(client, "alice", "correct horse battery").status_code == 302
    assert signed_in(client)


def test_one_address_guessing_many_accounts_is_locked(client, alice, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 100
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 5
    for n in range(5):
        last = sign_in(client, f"user{n}", "123456", ip="203.0.113.7")
    assert LOCKED in errors(last)
    # Even a correct password from that address waits...
    assert LOCKED in errors(sign_in(client, "alice", "correct horse battery", ip="203.0.113.7"))
    # ...while the same account signs in from elsewhere.
    assert sign_in(Client(), "alice", "correct horse battery", ip="192.0.2.55").status_code == 302


def test_a_success_does_not_clear_the_address_count(client, alice, settings):
    # Otherwise one valid account would let an address keep guessing at the others.
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 100
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 4
    for n in range(3):
        sign_in(client, f"victim{n}", "guess", ip="203.0.113.7")
    assert sign_in(client, "alice", "correct horse battery", ip="203.0.113.7").status_code == 302
    client.logout()
    assert LOCKED in errors(sign_in(client, "victim9", "guess", ip="203.0.113.7"))


def test_ipv6_clients_are_counted_by_their_64(client, alice, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 100
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 3
    for n in range(3):
        sign_in(client, f"user{n}", "guess", ip=f"2001:db8:1:2::{n + 1}")
    assert LOCKED in errors(sign_in(client, "alice", "x", ip="2001:db8:1:2:ffff::9"))
    assert WRONG in errors(sign_in(client, "alice", "x", ip="2001:db8:1:3::1"))


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(client, alice, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 100
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 3
    for n in range(3):
        client.post(
            "/accounts/login/",
            {"username": f"user{n}", "password": "guess"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",  # a client choosing its own address
        )
    assert LOCKED in errors(sign_in(client, "alice", "x", ip="203.0.113.7"))


def test_the_admin_sign_in_is_throttled_with_the_same_message(client, db):
    User.objects.create_superuser("root", "root@example.org", "correct horse battery")
    for n in range(2):
        response = sign_in(client, "root", f"guess {n}", path="/admin/login/")
        assert response.status_code == 200 and LOCKED not in errors(response)
    assert LOCKED in errors(sign_in(client, "root", "guess 3", path="/admin/login/"))
    # Locked everywhere: the desk's page too, and the admin with the right password.
    assert LOCKED in errors(sign_in(client, "root", "correct horse battery"))
    response = sign_in(client, "root", "correct horse battery", path="/admin/login/")
    assert LOCKED in errors(response)
    assert not signed_in(client)


def test_failures_on_the_desk_count_for_the_admin_too(client, db):
    User.objects.create_superuser("root", "root@example.org", "correct horse battery")
    for n in range(3):
        sign_in(client, "root", f"guess {n}")
    response = sign_in(client, "root", "correct horse battery", path="/admin/login/")
    assert LOCKED in errors(response)


def test_client_login_without_a_request_is_counted_per_account(alice):
    # Paths that authenticate without a request (Client.login, scripts) still count.
    for _ in range(3):
        assert not Client().login(username="alice", password="nope")
    assert not Client().login(username="alice", password="correct horse battery")


def test_the_lock_ends_after_the_lockout_period(client, alice, settings):
    settings.LOGIN_LOCKOUT_SECONDS = 1
    for n in range(3):
        sign_in(client, "alice", f"guess {n}")
    assert LOCKED in errors(sign_in(client, "alice", "correct horse battery"))
    time.sleep(1.2)
    assert sign_in(client, "alice", "correct horse battery").status_code == 302


def test_usernames_are_counted_after_unicode_normalization(client, alice):
    # NFKC folds the ligature "ﬁ" into "fi", as the sign-in form does with the name itself.
    for _ in range(3):
        sign_in(client, "ﬁona", "guess")
    assert LOCKED in errors(sign_in(client, "fiona", "guess"))


def test_lockout_message_rounds_up_to_whole_minutes():
    assert "1 minute;" in auth.Lockout(seconds_left=5).message
    assert "2 minutes" in auth.Lockout(seconds_left=61).message


# --- Known devices: the per-account lock cannot keep out a browser that signed in before --
def known_device(
    username: str = "alice", password: str = "correct horse battery", *, ip: str = "192.0.2.10"
) -> Client:
    """A browser that has signed in as ``username`` once, and signed out again."""
    browser = Client()
    assert sign_in(browser, username, password, ip=ip).status_code == 302
    assert devices.COOKIE_NAME in browser.cookies
    # The sign-out page, not Client.logout(), which would also forget every cookie.
    assert browser.post("/accounts/logout/").status_code == 302
    assert not signed_in(browser) and devices.COOKIE_NAME in browser.cookies
    return browser


def test_an_attacker_elsewhere_cannot_lock_out_a_known_device(alice):
    device = known_device()
    attacker = Client()
    for n in range(3):
        last = sign_in(attacker, "alice", f"guess {n}", ip="198.51.100.66")
    assert last.status_code == 429 and LOCKED in errors(last)
    # The user's own browser still signs in, from its usual address...
    response = sign_in(device, "alice", "correct horse battery", ip="192.0.2.10")
    assert response.status_code == 302 and signed_in(device)
    # ...while a browser without the cookie, even at that address, waits for the lock.
    stranger = sign_in(Client(), "alice", "correct horse battery", ip="192.0.2.10")
    assert stranger.status_code == 429 and LOCKED in errors(stranger)


def test_the_admin_sign_in_honours_the_device_cookie_too(client, db):
    User.objects.create_superuser("root", "root@example.org", "correct horse battery")
    device = known_device("root")
    for n in range(3):
        sign_in(Client(), "root", f"guess {n}", ip="198.51.100.66", path="/admin/login/")
    locked = sign_in(client, "root", "correct horse battery", path="/admin/login/")
    assert locked.status_code == 429 and LOCKED in errors(locked)
    assert locked["Retry-After"] == "600"
    response = sign_in(device, "root", "correct horse battery", path="/admin/login/")
    assert response.status_code == 302 and signed_in(device)


def test_the_device_cookie_is_signed_http_only_and_secure_in_production(client, alice, settings):
    assert settings.SESSION_COOKIE_SECURE  # DEBUG is off, as in production
    sign_in(client, "alice", "correct horse battery")
    cookie = client.cookies[devices.COOKIE_NAME]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == settings.LOGIN_DEVICE_COOKIE_DAYS * 86400
    # Signed and bound to the user: the value names alice's id under a signature.
    assert signing.loads(cookie.value, salt="factcheck.devices")["u"] == alice.pk
    with pytest.raises(signing.BadSignature):
        signing.loads(cookie.value)  # not valid under any other salt


def test_the_device_cookie_is_not_secure_in_development(client, alice, settings):
    settings.SESSION_COOKIE_SECURE = False  # what DEBUG=true sets, for http://localhost
    sign_in(client, "alice", "correct horse battery")
    assert not client.cookies[devices.COOKIE_NAME]["secure"]


def lock_alice_from_elsewhere() -> None:
    for n in range(3):
        sign_in(Client(), "alice", f"guess {n}", ip="198.51.100.66")


def with_device_cookie(value: str) -> Client:
    browser = Client()
    browser.cookies[devices.COOKIE_NAME] = value
    return browser


def test_a_device_cookie_for_another_user_does_not_exempt(alice):
    User.objects.create_user("bob", password="bob's own password")
    bobs = known_device("bob", "bob's own password")
    lock_alice_from_elsewhere()
    response = sign_in(bobs, "alice", "correct horse battery")
    assert response.status_code == 429 and not signed_in(bobs)


def test_a_tampered_forged_or_expired_device_cookie_does_not_exempt(alice, settings):
    genuine = known_device().cookies[devices.COOKIE_NAME].value
    payload, _, signature = genuine.rpartition(":")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")

    class LongAgo(signing.TimestampSigner):
        def timestamp(self):
            age = settings.LOGIN_DEVICE_COOKIE_DAYS * 86400 + 60
            return signing.b62_encode(int(time.time()) - age)

    expired = LongAgo(salt="factcheck.devices").sign_object({"u": alice.pk, "d": "old"})
    unsalted = signing.dumps({"u": alice.pk, "d": "forged"})  # signed, but not as a device
    lock_alice_from_elsewhere()
    for value in (f"{payload}:{flipped}", expired, unsalted, "not a cookie"):
        browser = with_device_cookie(value)
        response = sign_in(browser, "alice", "correct horse battery")
        assert response.status_code == 429, value
        assert not signed_in(browser)
    # The control: the genuine value still works, so the refusals above are the check's.
    assert sign_in(with_device_cookie(genuine), "alice", "correct horse battery").status_code == 302


def test_a_known_device_is_still_subject_to_the_address_limit(alice, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 100
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 4
    device = known_device(ip="203.0.113.7")
    for n in range(4):
        sign_in(Client(), f"user{n}", "123456", ip="203.0.113.7")
    response = sign_in(device, "alice", "correct horse battery", ip="203.0.113.7")
    assert response.status_code == 429 and LOCKED in errors(response)
    assert response["Retry-After"] == "600"
    assert not signed_in(device)


def test_a_known_device_that_keeps_guessing_is_locked_on_its_own(alice):
    device = known_device()
    for n in range(2):
        assert WRONG in errors(sign_in(device, "alice", f"guess {n}"))
    last = sign_in(device, "alice", "guess 3")
    assert last.status_code == 429 and LOCKED in errors(last)
    assert sign_in(device, "alice", "correct horse battery").status_code == 429
    # Its failures were its own: the account is not locked for other browsers.
    assert sign_in(Client(), "alice", "correct horse battery", ip="192.0.2.99").status_code == 302


def test_retry_after_counts_down_with_the_lock(client, alice, settings):
    settings.LOGIN_LOCKOUT_SECONDS = 3
    for n in range(3):
        sign_in(client, "alice", f"guess {n}")
    time.sleep(1.1)
    response = sign_in(client, "alice", "correct horse battery")
    assert response.status_code == 429
    assert response["Retry-After"] == "2"  # whole seconds, rounded up: never too early
    assert LOCKED in response.content.decode()
