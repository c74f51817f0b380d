"""Fixtures for the desk's pages: personas signed in, and queue memberships."""

from __future__ import annotations

import pytest
from django.test import Client

from reviewers.models import ReviewQueue


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
