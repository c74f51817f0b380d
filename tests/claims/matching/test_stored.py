"""The stored wording of a claim (``Claim.match_wording``, ``claims.matching.stored``): what
the candidate bound reads instead of analyzing every retrieved claim afresh. Used only when
it is exactly what the analysis gives now: the same decisions, less work."""

from __future__ import annotations

import shutil

import pytest
from django.core.management import call_command

from claims.matching import analyze, features, normalize, stored, wording
from claims.matching import score as score_module
from claims.matching.retrieval import rank
from claims.matching.score import best_score, match_score
from claims.models import Claim

# Sentences written for these tests.
TEXT = "The ferry operator said 2.4 million people crossed to the island by boat last year."
CANDIDATES = [
    "Last year 2.4 million people took the boat to the island, the ferry operator said.",
    "Some 2.4 million passengers crossed to the island on the ferry in the past year.",
    "The island's only hospital will close its maternity ward in the spring.",
    "Fishing quotas around the island were cut by a quarter, the ministry announced.",
    "A strike by dock workers stopped the ferries for four days in July.",
]


def _same(parts, full) -> bool:
    return (
        parts.lower == bool(full.lower)
        and parts.content_set == full.content_set
        and parts.bigrams == full.bigrams
        and parts.grams == full.grams
        and parts.grams_norm == full.grams_norm
    )


def _cold() -> None:
    for cache in (features, wording, analyze, normalize):
        cache.cache_clear()


def test_a_saved_claim_stores_its_wording_and_it_follows_edits(make_claim):
    claim = make_claim("In Britain, fourteen million people voted by post.", article=None)
    claim.refresh_from_db()
    assert claim.match_wording
    assert _same(stored.of(claim), wording(claim.statement))
    claim.claim_text = "Fourteen million people in France voted by post."
    claim.save()
    claim.refresh_from_db()
    parts = stored.of(claim)
    assert _same(parts, wording(claim.statement))
    assert "france" in parts.content_set


def test_a_stale_or_unreadable_wording_is_not_read(make_claim, monkeypatch):
    claim = make_claim("The council raised parking fees by a third in the old town.", article=None)
    # The text changed without a save: the stored wording names another statement.
    Claim.objects.filter(pk=claim.pk).update(claim_text="Parking in the old town is free.")
    claim.refresh_from_db()
    assert stored.of(claim) is None
    claim.claim_text = ""
    assert stored.of(claim) is not None
    # Other matching code (another version), an empty or a broken value: not read.
    monkeypatch.setattr(stored, "version", lambda: "another")
    assert stored.of(claim) is None
    monkeypatch.undo()
    for value in ("", "[1, 2]", "{not json"):
        claim.match_wording = value
        assert stored.of(claim) is None
    # A deferred column is not read (that would be a query per candidate).
    deferred = Claim.objects.defer("match_wording").get(pk=claim.pk)
    assert stored.of(deferred) is None


def test_the_bound_from_the_stored_wording_is_the_same_number():
    for candidate in [*CANDIDATES, "", "2.4m"]:
        parts = stored.decode(stored.encode(candidate), candidate)
        for same in (False, True):
            assert best_score(
                TEXT, candidate, suggest_threshold=0.69, same_claimant=same, wording_b=parts
            ) == best_score(TEXT, candidate, suggest_threshold=0.69, same_claimant=same)


def test_rank_analyzes_only_the_candidates_that_may_match(make_claim, monkeypatch):
    claims = [make_claim(t, article=None) for t in CANDIDATES]
    rows = list(Claim.objects.filter(pk__in=[c.pk for c in claims]).order_by("pk"))
    analyzed = []
    real = score_module.wording

    def counted(text):
        analyzed.append(text)
        return real(text)

    monkeypatch.setattr(score_module, "wording", counted)
    _cold()
    found = rank(TEXT, rows)
    # The same matches, in the same order, with the same results as scoring every one.
    every = [(c, match_score(TEXT, c.statement)) for c in rows]
    kept = sorted(
        [(c, r) for c, r in every if r.decision != "none"], key=lambda cr: (-cr[1].score, cr[0].pk)
    )
    assert [(m.claim.pk, m.result) for m in found] == [(c.pk, r) for c, r in kept]
    assert {m.claim.pk for m in found} >= {claims[0].pk, claims[1].pk}
    # The hospital, the quotas and the strike were bounded from their stored wording: only
    # the text and the candidates scored in full were analyzed.
    during_rank = analyzed[: len(analyzed) - 2 * len(rows)]
    assert not any("hospital" in t or "quotas" in t or "strike" in t for t in during_rank)
    assert TEXT in during_rank


def test_the_version_covers_the_modules_the_wording_is_computed_by(tmp_path, monkeypatch):
    package = tmp_path / "matching"
    shutil.copytree(stored._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(stored, "_PACKAGE", package)

    def version_now() -> str:
        stored.version.cache_clear()
        return stored.version()

    try:
        first = version_now()
        # quantities.py is imported by features.py; places.py by features.py too.
        for name in ("quantities", "places", "normalize", "features"):
            path = package / f"{name}.py"
            path.write_text(path.read_text() + "\n# changed\n")
            changed = version_now()
            assert changed != first
            first = changed
        # A module the wording does not depend on changes nothing.
        path = package / "retrieval.py"
        path.write_text(path.read_text() + "\n# changed\n")
        assert version_now() == first
    finally:
        monkeypatch.undo()
        stored.version.cache_clear()


def test_fill_match_wording_writes_the_missing_and_the_stale(make_claim, monkeypatch):
    claims = [make_claim(t, article=None) for t in CANDIDATES[:3]]
    Claim.objects.filter(pk=claims[0].pk).update(match_wording="")
    Claim.objects.filter(pk=claims[1].pk).update(claim_text="Boats to the island are full.")
    call_command("fill_match_wording", stdout=(out := __import__("io").StringIO()))
    assert "stored the wording of 2 claims" in out.getvalue()
    for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]):
        assert _same(stored.of(claim), wording(claim.statement))


@pytest.mark.parametrize("text", CANDIDATES)
def test_the_stored_value_is_compact_text(text):
    value = stored.encode(text)
    assert value.startswith(f'["{stored.version()}",')
    assert len(value) < 3 * len(text) + 100
