"""tests/conftest.py's ``lexical_matching``: a module that asks for it matches its claims
lexically (no embedding computed or stored, links marked lexical), and the setting is back
on for the modules after it."""

from __future__ import annotations

import pytest

from claims.matching import semantic
from claims.models import ClaimEmbedding, ClaimLink

pytestmark = pytest.mark.usefixtures("lexical_matching")

FIRST = "The night train from the coast now takes four hours and ten minutes."
AGAIN = "The night train from the coast now takes four hours and ten minutes, they said."


def test_the_re_ranker_is_off_in_the_module(settings):
    assert settings.MATCH_SEMANTIC is False
    assert not semantic.enabled()


def test_new_claims_are_matched_without_embeddings(make_claim):
    first = make_claim(FIRST)
    repeat = make_claim(AGAIN)
    assert not ClaimEmbedding.objects.exists()
    [link] = ClaimLink.objects.filter(claim=repeat)
    assert link.matched_id == first.pk
    assert link.method == ClaimLink.Method.LEXICAL
