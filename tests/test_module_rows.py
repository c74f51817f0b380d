"""tests/module_rows.py: rows built once for a module, each test in a savepoint of its own
with a copy of its own. Each test below changes the world in the database and in memory
after checking it is as built, so whichever runs second shows the first left no trace."""

from __future__ import annotations

import pytest

from claims.models import Claim
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_copy,
    world_editor,
    world_for_the_module,
    world_make_claim,
)

SAID = "The ferry to the island runs twice a day in winter."


def _build(*, make_claim, editor, fact_checker) -> dict:
    return {"claim": make_claim(SAID)}


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    yield from world_for_the_module(django_db_blocker, _build)


def _as_built_then_changed(world) -> None:
    claim = world["rows"]["claim"]
    assert claim.text == SAID
    assert Claim.objects.get(pk=claim.pk).text == SAID
    assert Claim.objects.count() == 1
    Claim.objects.filter(pk=claim.pk).update(text="The ferry stopped running.")
    Claim.objects.create(text="A second claim.", article=world["article"])
    claim.text = "Changed in memory."


def test_a_write_is_rolled_back_before_the_next_test(world):
    _as_built_then_changed(world)


def test_a_change_in_memory_is_the_tests_own(world):
    _as_built_then_changed(world)


def test_the_personas_and_article_are_the_worlds(world, editor, article):
    assert editor.pk == world["editor"].pk and editor.username == "editor"
    assert article.pk == world["rows"]["claim"].article_id


def test_the_world_is_built_under_the_default_settings(world, settings):
    # tests/test_lexical_matching.py turns the embedding re-ranker off for its own module
    # only: this module's rows were matched with it on, and its claim's vector is stored.
    from claims.models import ClaimEmbedding

    assert settings.MATCH_SEMANTIC is True
    assert ClaimEmbedding.objects.filter(claim_id=world["rows"]["claim"].pk).exists()
