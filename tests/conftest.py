"""Personas and factories shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.test import override_settings

from claims import roles
from claims.models import Article, Claim, Rating
from claims.workflow import claim_add_source, claim_assign, claim_create, claim_triage

# In CI every service a test needs must be there: a missing one fails instead of skipping.
IN_CI = bool(os.environ.get("CI"))

# `make test-fast` leaves out the tests marked slow (-m "not slow"); `make test` runs them.
# Two kinds are marked here, by where they are, so that a new one is marked too: every test
# that drives Chromium (the ``browser`` fixture of tests/reviewers/ui) and every fault test
# (tests/faults/ start and kill servers of their own). Tests that start processes, retrain a
# model or run a long property search (Schemathesis, the random workflows, every Hypothesis
# search of 150 examples or more) carry ``@pytest.mark.slow`` themselves.
FAULTS_DIR = Path(__file__).resolve().parent / "faults"


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--db-snapshot",
        action="store_true",
        help="SQLite in memory: copy the migrated test database from a snapshot in pytest's "
        "cache, made by the first run that migrates (tests/db_snapshot.py; make test-fast)",
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request):
    """pytest-django's own, and with ``--db-snapshot`` the snapshot for the databases it is
    about to create (tests/db_snapshot.py)."""
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    if not request.config.getoption("--db-snapshot") or cache is None:
        yield
        return
    from tests.db_snapshot import install

    uninstall = install(cache.mkdir("migrated-test-db"))
    yield
    uninstall()


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if "browser" in item.fixturenames or FAULTS_DIR in item.path.parents:
            item.add_marker(pytest.mark.slow)


def make_user(username: str, *groups: str, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw", **extra)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


# The personas, by fixture name: username, group, e-mail. ``persona(name)`` makes one (or
# the ``admin_user`` superuser), for a fixture of a wider scope (tests/module_rows.py) that
# needs the same user.
PERSONAS = {
    "fact_checker": ("checker", roles.FACT_CHECKERS, "checker@example.org"),
    "other_fact_checker": ("checker2", roles.FACT_CHECKERS, "checker2@example.org"),
    "editor": ("editor", roles.EDITORS, "editor@example.org"),
    "other_editor": ("editor2", roles.EDITORS, "editor2@example.org"),
    "consumer": ("consumer", roles.API_CONSUMERS, ""),
}


def persona(name: str) -> User:
    if name == "admin_user":
        return User.objects.create_superuser("admin", "admin@example.org", "pw")
    username, group, email = PERSONAS[name]
    return make_user(username, group, email=email)


@pytest.fixture
def fact_checker(db) -> User:
    return persona("fact_checker")


@pytest.fixture
def other_fact_checker(db) -> User:
    return persona("other_fact_checker")


@pytest.fixture
def editor(db) -> User:
    return persona("editor")


@pytest.fixture
def other_editor(db) -> User:
    return persona("other_editor")


@pytest.fixture
def consumer(db) -> User:
    return persona("consumer")


@pytest.fixture
def admin_user(db) -> User:
    return persona("admin_user")


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()


def make_article() -> Article:
    return Article.objects.create(
        url="https://news.example.org/2025/08/buffer-zone",
        title="Buffer zone talks",
        outlet="Example News",
        text="An armed truce has been in place on the Korean Peninsula for more than 70 years.",
        content_hash="0" * 64,
        status=Article.Status.DONE,
    )


def claim_factory(article: Article):
    """``make_claim(text=None, **kwargs)``: claims of ``article`` through the real service."""
    counter = iter(range(1, 10_000))

    def factory(text: str | None = None, **kwargs) -> Claim:
        n = next(counter)
        return claim_create(
            text=text or f"Claim number {n} says the truce has held for {n} years.",
            article=kwargs.pop("article", article),
            **kwargs,
        )

    return factory


@pytest.fixture
def article(db) -> Article:
    return make_article()


@pytest.fixture
def rating(db) -> Rating:
    return Rating.objects.get(slug="mostly_true")


@pytest.fixture
def make_claim(db, article):
    return claim_factory(article)


@pytest.fixture
def claim(make_claim) -> Claim:
    return make_claim()


@pytest.fixture
def claim_in_review(make_claim, fact_checker, editor) -> Claim:
    """A queued claim the fact-checker has taken, with one source link ready to cite."""
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    claim_add_source(
        claim=claim,
        actor=fact_checker,
        url="https://stats.example.org/korea-armistice",
        title="Armistice agreement",
        kind="primary_document",
        stance="supports",
    )
    claim.refresh_from_db()
    return claim


@pytest.fixture(scope="module")
def lexical_matching():
    """Claim matching without its embedding re-ranker (``MATCH_SEMANTIC`` off) for a whole
    module, its module-scoped rows included. Every new claim is matched, and with the
    re-ranker on each is embedded by the ONNX model first: about a third of ``claim_create``'s
    time. For a module whose tests do not check matching or embeddings; it asks with
    ``pytestmark = pytest.mark.usefixtures("lexical_matching")``. Lexical matching still runs."""
    with override_settings(MATCH_SEMANTIC=False):
        yield


def require_service(name: str, reachable: bool, why: str) -> None:
    """Skip a test whose service is missing, except in CI, where that is a failure."""
    if reachable:
        return
    if IN_CI:
        pytest.fail(f"{name} is required in CI but unavailable: {why}")
    pytest.skip(f"{name} unavailable: {why}")


@pytest.fixture
def redis_url() -> str:
    from django.conf import settings

    url = settings.REDIS_URL
    if not url:
        pytest.skip("REDIS_URL is not set; this run does not target Redis")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        require_service("Redis", False, f"{url}: {exc}")
    return url


@pytest.fixture(autouse=True)
def _embedding_cells_read_afresh():
    """Each test reads the embedding cells of its own database (``claims.matching.cells``
    caches them per process for a minute)."""
    from claims.matching import cells

    cells.forget()
    yield
    cells.forget()
