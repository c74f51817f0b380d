"""Fixtures for the desk's pages: personas signed in, and queue memberships."""

from __future__ import annotations

import pytest
from django.test import Client

from reviewers.models import ReviewQueue
from tests.conftest import require_service
from tests.reviewers.ui import axe


@pytest.fixture
def general_queue(db) -> ReviewQueue:
    return ReviewQueue.objects.get(slug="general")


@pytest.fixture
def members(general_queue, fact_checker, other_fact_checker, editor, other_editor):
    general_queue.members.add(fact_checker, other_fact_checker, editor, other_editor)
    return general_queue


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def checker_client(fact_checker, members) -> Client:
    return signed_in(fact_checker)


@pytest.fixture
def editor_client(editor, members) -> Client:
    return signed_in(editor)


@pytest.fixture
def other_editor_client(other_editor, members) -> Client:
    return signed_in(other_editor)


@pytest.fixture
def consumer_client(consumer) -> Client:
    return signed_in(consumer)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, fetched from the npm registry once (into var/node/) if missing.

    Without it the accessibility scans skip, except in CI, where that fails the run.
    """
    try:
        script = axe.install()
    except (axe.InstallError, OSError, ValueError) as exc:
        require_service(f"axe-core {axe.VERSION}", False, str(exc))
    return script.read_text()
