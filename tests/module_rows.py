"""Rows built once for all the tests of a module, as ``TestCase.setUpTestData`` builds them
once for a class: in a transaction opened before the module's first test and rolled back
after its last. Each test runs inside it, in a savepoint of its own that pytest-django rolls
back (what the test writes never reaches the next one), and reads its own deep copy of the
rows (what it changes in memory neither).

For a module whose tests all start from the same rows and only read them or write what is
rolled back: not with a ``transaction=True`` test (it needs a real commit), nor where a test
changes a setting the build reads (the module's rows were built under the default ones,
unless its fixture builds them under the same: tests/reviewers/ui/test_workload.py).
Under pytest-xdist a worker that runs part of the module builds them for that part.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from django.db import transaction

from tests.conftest import claim_factory, make_article, persona

T = TypeVar("T")


def rows_for_the_module(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """For a module-scoped fixture: ``yield from rows_for_the_module(django_db_blocker,
    build)``. The database is open to ``build`` only, not to the tests that do not ask."""
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            rows = build()
        except BaseException:
            block.__exit__(*sys.exc_info())
            raise
    try:
        yield rows
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


def own_copy(rows: T) -> T:
    """A test's own copy of the module's rows (Django's TestData does the same)."""
    return copy.deepcopy(rows)


def world_for_the_module(
    django_db_blocker, build: Callable[..., T], people: tuple[str, ...] = ("editor", "fact_checker")
) -> Iterator[dict]:
    """``rows_for_the_module`` of ``build(make_claim=..., editor=..., ...)``: the personas
    named in ``people`` (tests/conftest.py) and the shared article are made first, as the
    per-test fixtures make them. A module that uses it imports the fixtures below, which
    then stand for the per-test ones."""

    def world() -> dict:
        made = {name: persona(name) for name in people}
        article = make_article()
        make_claim = claim_factory(article)
        rows = build(make_claim=make_claim, **made)
        return {"rows": rows, "article": article, "make_claim": make_claim} | made

    yield from rows_for_the_module(django_db_blocker, world)


# Named apart (``name=``) so that a module imports them without shadowing the names of the
# fixtures its tests ask for.
@pytest.fixture(name="world")
def world_copy(db, _module_world) -> dict:
    """This test's copy of the module's world (the module defines ``_module_world``)."""
    return own_copy(_module_world)


@pytest.fixture(name="article")
def world_article(world):
    return world["article"]


@pytest.fixture(name="make_claim")
def world_make_claim(world):
    # The world's own factory (a function: deepcopy keeps it), whose numbers go on from the
    # claims of the build: a test's default texts never repeat one of them.
    return world["make_claim"]


@pytest.fixture(name="editor")
def world_editor(world):
    return world["editor"]


@pytest.fixture(name="fact_checker")
def world_fact_checker(world):
    return world["fact_checker"]


@pytest.fixture(name="other_fact_checker")
def world_other_fact_checker(world):
    return world["other_fact_checker"]


@pytest.fixture(name="consumer")
def world_consumer(world):
    return world["consumer"]


@pytest.fixture(name="admin_user")
def world_admin_user(world):
    return world["admin_user"]
