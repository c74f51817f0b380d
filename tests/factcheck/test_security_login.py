"""Sign-in throttling: per account and per client address, with a clear lockout message
that never tells whether the account exists."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client, RequestFactory

from factcheck import auth

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
    assert third.status_code == 200
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
