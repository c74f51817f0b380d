"""RateLimit-Limit / -Remaining / -Reset / -Policy: where the caller stands in the bucket that
counted its request (claims.api.ratelimit_headers, from claims.api.throttling)."""

from __future__ import annotations

import pytest

from claims.api import throttling
from tests.claims.api.conftest import client_with_token

LIST = "/api/v1/claims/"


@pytest.fixture
def rates(settings):
    def set_rates(**rates: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                "token": "1000/hour",
                "anon": "1000/hour",
                "export": "1000/hour",
                **rates,
            },
        }

    return set_rates


@pytest.fixture
def clock(monkeypatch):
    """The throttles' clock, moved by hand: ``clock.now`` seconds."""

    class Clock:
        now = 1_000_000.0

        def __call__(self) -> float:
            return self.now

    fake = Clock()
    monkeypatch.setattr(throttling._LiveRateThrottle, "timer", fake)
    return fake


def limits(response) -> tuple[str, str, str, str]:
    return tuple(
        response[f"RateLimit-{name}"] for name in ("Limit", "Remaining", "Reset", "Policy")
    )


def test_remaining_counts_down_with_each_request(reader, rates, clock, db):
    rates(token="5/minute")
    seen = []
    for _ in range(3):
        seen.append(limits(reader.get(LIST)))
        clock.now += 10
    assert seen == [
        ("5", "4", "60", "5;w=60"),
        ("5", "3", "50", "5;w=60"),
        ("5", "2", "40", "5;w=60"),
    ]


def test_reset_is_when_the_oldest_request_leaves_the_window(reader, rates, clock, db):
    rates(token="2/minute")
    reader.get(LIST)
    clock.now += 45
    assert limits(reader.get(LIST))[1:3] == ("0", "15")
    clock.now += 15  # the first request has left the window: one more is allowed
    assert limits(reader.get(LIST))[1:3] == ("0", "45")


def test_a_429_says_when_to_retry_in_both_headers(reader, rates, clock, db):
    rates(token="2/minute")
    reader.get(LIST)
    clock.now += 20.5
    reader.get(LIST)
    clock.now += 1
    refused = reader.get(LIST)
    assert refused.status_code == 429
    # 60 - 21.5 seconds, rounded up: a client that waits that long is let in.
    assert refused["Retry-After"] == refused["RateLimit-Reset"] == "39"
    assert refused.json()["retry_after"] == 39
    assert limits(refused)[:2] == ("2", "0")
    clock.now += 39
    assert reader.get(LIST).status_code == 200


def test_each_token_has_its_own_figures(consumer, rates, clock, db):
    rates(token="5/minute")
    first, second = client_with_token(consumer), client_with_token(consumer)
    first.get(LIST)
    first.get(LIST)
    assert first.get(LIST)["RateLimit-Remaining"] == "2"
    assert second.get(LIST)["RateLimit-Remaining"] == "4"


def test_requests_without_a_token_show_their_addresss_bucket(api, rates, clock, db):
    rates(anon="3/minute")
    here = {"REMOTE_ADDR": "203.0.113.20"}
    refused = api.get(LIST, **here)
    assert refused.status_code == 401
    assert limits(refused) == ("3", "2", "60", "3;w=60")
    api.credentials(HTTP_AUTHORIZATION="Bearer fct_0000000000_nope")
    assert api.get(LIST, **here)["RateLimit-Remaining"] == "1"


def test_staff_endpoints_carry_them_too(fact_checker, rates, clock, db):
    rates(token="7/hour")
    staff = client_with_token(fact_checker, "review")
    response = staff.get("/api/v1/queues/")
    assert response.status_code == 200
    assert limits(response) == ("7", "6", "3600", "7;w=3600")


def test_a_response_no_limit_counted_has_none(client, db):
    response = client.get("/healthz")
    assert not any(header.startswith("RateLimit-") for header in response.headers)
