"""``every_public_kind`` built once for a module whose tests only read it
(tests/module_rows.py). A module imports these two fixtures with the world's."""

from __future__ import annotations

import pytest

from claims.models import Claim
from tests.claims.api.conftest import build_every_public_kind
from tests.module_rows import world_for_the_module


@pytest.fixture(scope="module", name="_module_world")
def every_public_kind_world(django_db_setup, django_db_blocker):
    yield from world_for_the_module(django_db_blocker, build_every_public_kind)


@pytest.fixture(name="every_public_kind")
def every_public_kind_of_the_world(world) -> list[Claim]:
    return world["rows"]
