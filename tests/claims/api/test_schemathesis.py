"""Schemathesis against /api/schema/: every operation, as a consumer and as staff.

The schema is loaded from the Django app itself (WSGI, in-process, the test database), and
each operation is fed a bounded number of generated requests, valid and invalid. Every
response must not be a 5xx and must match the schema: documented status code, content type,
headers and body. A request the schema calls valid must not be refused as invalid
(``positive_data_acceptance``): what the server enforces, the schema states. It may be
answered with a status that is about the data rather than the request's form, when the
operation documents it (``status_code_conformance`` holds it to that): 401/403 (the
caller), 404 (the claim in the path), 409 (the claim's state), 422 (a queue, reviewer or
rating the request names that does not exist; content the ingestion refuses) and 429.
Kept small (a dozen examples per operation and persona) so the module runs in well under
two minutes.
"""

from __future__ import annotations

import ipaddress

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.config import SchemathesisConfig

from claims import netguard
from claims.api.tokens import token_issue
from tests.conftest import make_user

# Every operation, generated requests: a minute or two, so `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

MAX_EXAMPLES = 6

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.positive_data_acceptance,
]

# Schemathesis' defaults, and 422: documented where a request names a row that does not
# exist (claims.api.exceptions) or brings content the ingestion refuses.
ACCEPTED_AS_VALID = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED_AS_VALID}}}
)


# Schemathesis calls the app as http://localhost.
HOSTS = ["localhost", "testserver"]

# Loaded at collection, from the app itself (generating the schema needs no database).
with override_settings(ALLOWED_HOSTS=HOSTS):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)


@pytest.fixture(autouse=True)
def _localhost(settings):
    settings.ALLOWED_HOSTS = HOSTS


@pytest.fixture(autouse=True)
def _public_dns(monkeypatch):
    """Submitting a URL resolves its host name (an unknown name is refused); generated
    names (https://0.com, https://v8.dev) would ask the real DNS. Here every name resolves
    to one public address, so the answer does not depend on the network."""
    monkeypatch.setattr(netguard, "resolve", lambda host, port: [ipaddress.ip_address("1.1.1.1")])


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight into the WSGI app, whose request signals close "obsolete"
    connections; inside the test's transaction that would close PostgreSQL's connection
    under the test. Django's own test client unhooks the same receiver, for this reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db, published, editor):
    """A consumer's read token, and a token with every scope for an administrator who
    may also manage webhooks (the widest caller there is)."""
    from claims import roles

    consumer = make_user("st-consumer", roles.API_CONSUMERS)
    staff = make_user("st-staff", roles.EDITORS, is_superuser=True)
    _, read = token_issue(user=consumer, scopes=["read"])
    _, everything = token_issue(user=staff, scopes=["read", "ingest", "review"])
    return {"consumer": read, "staff": everything}


def _hypothesis(test):
    return settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        # The tokens are made once per operation, not per example: that is the point.
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )(test)


def _as(token: str) -> dict[str, str]:
    # The WSGI transport asks for gzip (requests' default header) but does not inflate what
    # comes back, as a real HTTP client does; gzip has its own tests (test_compression.py).
    return {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}


@schema.parametrize()
@_hypothesis
def test_every_operation_as_a_consumer(case, tokens):
    case.call_and_validate(headers=_as(tokens["consumer"]), checks=CHECKS)


@schema.parametrize()
@_hypothesis
def test_every_operation_as_staff(case, tokens):
    case.call_and_validate(headers=_as(tokens["staff"]), checks=CHECKS)
