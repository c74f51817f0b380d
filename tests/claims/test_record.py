"""The record's guards: what is written stays written."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from claims.immutability import ImmutableRecordError
from claims.models import Citation, Claim, ClaimEvent, Rating, Verdict
from claims.workflow import claim_create, text_fingerprint, verdict_approve
from tests.claims.helpers import propose


@pytest.fixture
def verdict(claim_in_review, fact_checker) -> Verdict:
    return propose(claim_in_review, fact_checker)


def test_verdict_content_cannot_be_edited(verdict):
    verdict.headline = "Quietly rewritten"
    with pytest.raises(ImmutableRecordError, match="headline"):
        verdict.save()
    with pytest.raises(ImmutableRecordError):
        Verdict.objects.filter(pk=verdict.pk).update(summary="rewritten")
    with pytest.raises(ImmutableRecordError):
        Verdict.objects.bulk_update([verdict], ["headline"])
    verdict.refresh_from_db()
    assert verdict.headline == "Broadly accurate"


def test_verdict_decision_fields_do_change_through_workflow(verdict, editor):
    verdict_approve(verdict=verdict, actor=editor)
    verdict.refresh_from_db()
    assert verdict.state == "approved" and verdict.decided_by == editor


def test_verdicts_events_and_citations_cannot_be_deleted(verdict):
    event = ClaimEvent.objects.first()
    citation = Citation.objects.get(verdict=verdict)
    for row in (verdict, event, citation):
        with pytest.raises(ImmutableRecordError):
            row.delete()
    for model in (Verdict, ClaimEvent, Citation):
        with pytest.raises(ImmutableRecordError):
            model.objects.all().delete()
    assert ClaimEvent.objects.filter(pk=event.pk).exists()


def test_events_cannot_be_edited(verdict):
    event = ClaimEvent.objects.filter(verdict=verdict).get()
    event.note = "edited"
    with pytest.raises(ImmutableRecordError, match="note"):
        event.save()
    with pytest.raises(ImmutableRecordError):
        ClaimEvent.objects.update(note="x")
    with pytest.raises(ImmutableRecordError):
        event.save(update_fields=["kind"])


def test_cited_sources_are_fixed_after_proposal(verdict, claim_in_review, fact_checker):
    from claims.workflow import claim_add_source

    extra = claim_add_source(
        claim=claim_in_review, actor=fact_checker, url="https://example.org/late"
    )
    with pytest.raises(ImmutableRecordError), transaction.atomic():
        verdict.cited_sources.add(extra)
    with pytest.raises(ImmutableRecordError), transaction.atomic():
        verdict.cited_sources.clear()
    assert verdict.cited_sources.count() == 1


def test_same_sentence_twice_in_an_article_is_one_claim(article):
    claim_create(text="Unemployment fell to 3.4 percent.", article=article)
    with pytest.raises(IntegrityError), transaction.atomic():
        claim_create(text="  unemployment fell to 3.4 percent. ", article=article)
    assert Claim.objects.filter(article=article).count() == 1


def test_fingerprint_folds_case_space_and_quotes():
    assert text_fingerprint("He said “yes”.") == text_fingerprint('he  said "YES".')
    assert text_fingerprint("3.4 percent") != text_fingerprint("2.1 percent")


def test_checkworthiness_is_a_probability(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        claim_create(text="Out of range", article=article, checkworthiness=1.5)


def test_default_rating_scale_is_seeded(db):
    scale = list(Rating.objects.values_list("slug", "value"))
    assert scale == [
        ("false", 1),
        ("mostly_false", 2),
        ("mixed", 3),
        ("mostly_true", 4),
        ("true", 5),
        ("misleading", None),
        ("unverifiable", None),
    ]


def test_created_event_is_written_with_the_claim(article):
    claim = claim_create(text="Exports rose 12% in 2024.", article=article, span=(0, 25))
    event = claim.events.get()
    assert (event.kind, event.from_status, event.to_status, event.actor) == (
        "created",
        "",
        "candidate",
        None,
    )
