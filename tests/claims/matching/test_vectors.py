"""Stored claim embeddings: computed once per claim, read back in one query, never stale."""

from __future__ import annotations

import numpy as np
import pytest
from django.core.management import call_command

from claims import embeddings
from claims.matching import semantic, vectors
from claims.matching.retrieval import find_similar
from claims.models import ClaimEmbedding

KNOWN = "The new bridge over the river will cost 1.2 billion euros to build."
PARAPHRASE = "Building the new bridge over the river is going to cost 1.2 billion euros."


@pytest.fixture(autouse=True)
def empty_cache():
    semantic._vectors.clear()
    yield
    semantic._vectors.clear()


def test_a_new_claim_gets_its_vector_stored_when_it_is_matched(make_claim):
    claim = make_claim(KNOWN)
    row = ClaimEmbedding.objects.get(claim=claim)
    assert row.model == embeddings.model_id()
    assert row.text_hash == vectors.text_hash(claim.statement)
    stored = vectors.unpack(row.vector)
    assert stored.shape == (embeddings.DIMENSIONS,)
    # float16 storage: the same direction as a fresh encoding, to rounding.
    assert float(stored @ embeddings.encode([claim.statement])[0]) > 0.9999


def test_candidates_are_read_from_storage_not_re_embedded(make_claim, monkeypatch):
    known = make_claim(KNOWN)
    semantic._vectors.clear()
    calls = []
    real = embeddings.encode
    monkeypatch.setattr(
        embeddings, "encode", lambda texts: calls.append(list(texts)) or real(texts)
    )
    matches = find_similar(PARAPHRASE)
    assert [m.claim for m in matches] == [known]
    # Only the query text was embedded; the candidate's vector came from its row.
    assert calls == [[PARAPHRASE]]


def test_a_vector_of_another_model_or_an_old_text_is_not_used(make_claim):
    claim = make_claim(KNOWN)
    ClaimEmbedding.objects.filter(claim=claim).update(model="other-model")
    other = make_claim("The harbour handled 3 million containers last year, a record.")
    ClaimEmbedding.objects.filter(claim=other).update(text_hash="0" * 40)
    semantic._vectors.clear()
    vectors.prime([claim, other], store=True)
    rows = {r.claim_id: r for r in ClaimEmbedding.objects.filter(claim__in=[claim, other])}
    assert rows[claim.pk].model == embeddings.model_id()
    assert rows[other.pk].text_hash == vectors.text_hash(other.statement)


def test_reading_without_store_writes_nothing(make_claim):
    claim = make_claim(KNOWN)
    ClaimEmbedding.objects.all().delete()
    vectors.prime([claim])
    assert not ClaimEmbedding.objects.exists()
    assert np.allclose(semantic._vectors[claim.statement], embeddings.encode([KNOWN])[0], atol=1e-3)


def test_embed_claims_fills_the_claims_stored_before(make_claim, capsys):
    claims = [make_claim(f"The port handled {n} million containers in 2024.") for n in (2, 3, 4)]
    ClaimEmbedding.objects.filter(claim=claims[1]).delete()
    ClaimEmbedding.objects.filter(claim=claims[2]).update(model="old")
    call_command("embed_claims", batch=2)
    assert "embedded 2 claims (3 in all)" in capsys.readouterr().out
    assert set(ClaimEmbedding.objects.values_list("model", flat=True)) == {embeddings.model_id()}
    call_command("embed_claims")
    assert "embedded 0 claims" in capsys.readouterr().out
