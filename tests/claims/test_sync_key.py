"""``Claim.synced_at`` stays the greatest of the claim's, its canonical's and its article's
``updated_at``, whichever path wrote them (see ``claims.sync_key``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from claims import selectors, sync_key
from claims.models import Article, Claim
from claims.workflow import (
    claim_add_source,
    claim_assign,
    claim_merge,
    claim_triage,
    text_fingerprint,
    verdict_approve,
)
from tests.claims.helpers import bring_to, propose

LIST = "/api/v1/claims/"


def expected_key(pk: int):
    """Recomputed from the rows, in Python: what the stored key must equal."""
    claim = Claim.objects.select_related("article", "canonical").get(pk=pk)
    stamps = [claim.updated_at]
    if claim.article is not None:
        stamps.append(claim.article.updated_at)
    if claim.canonical is not None:
        stamps.append(claim.canonical.updated_at)
    return max(stamps)


def stored_key(pk: int):
    return Claim.objects.values_list("synced_at", flat=True).get(pk=pk)


def assert_in_step(*claims: Claim) -> None:
    for claim in claims:
        assert stored_key(claim.pk) == expected_key(claim.pk), claim.pk


def test_a_new_claim_gets_its_key_on_insert(make_claim):
    claim = make_claim()
    assert_in_step(claim)


def test_each_workflow_step_moves_the_key(make_claim, fact_checker, editor):
    claim = make_claim()
    keys = [stored_key(claim.pk)]
    claim_triage(claim=claim, actor=editor)
    keys.append(stored_key(claim.pk))
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    keys.append(stored_key(claim.pk))
    verdict = propose(claim, fact_checker)  # adds a source: a QuerySet.update of updated_at
    keys.append(stored_key(claim.pk))
    verdict_approve(verdict=verdict, actor=editor)
    keys.append(stored_key(claim.pk))
    assert keys == sorted(set(keys)), "every step moved the key forward"
    assert_in_step(claim)


def test_adding_a_source_moves_the_key(claim_in_review, fact_checker):
    before = stored_key(claim_in_review.pk)
    claim_add_source(
        claim=claim_in_review, actor=fact_checker, url="https://evidence.example.org/more"
    )
    assert stored_key(claim_in_review.pk) > before
    assert_in_step(claim_in_review)


def test_saving_the_article_moves_its_claims(make_claim, article):
    first, second = make_claim(), make_claim()
    article.title = "Buffer zone talks, updated"
    article.save()
    article.refresh_from_db()
    assert stored_key(first.pk) == stored_key(second.pk) == article.updated_at
    assert_in_step(first, second)


def test_a_queryset_update_of_the_article_moves_its_claims(make_claim, article):
    # The ingestion pipeline moves articles with conditional .update() calls.
    claim = make_claim()
    later = timezone.now() + timedelta(minutes=5)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.RUNNING, updated_at=later)
    assert stored_key(claim.pk) == later
    assert_in_step(claim)


def test_an_unrelated_article_does_not_move_the_claim(make_claim, db):
    claim = make_claim()
    before = stored_key(claim.pk)
    other = Article.objects.create(title="Elsewhere", content_hash="1" * 64)
    Article.objects.filter(pk=other.pk).update(updated_at=timezone.now() + timedelta(hours=1))
    assert stored_key(claim.pk) == before


def test_a_change_of_the_canonical_moves_its_duplicates(make_claim, fact_checker, editor):
    canonical = bring_to(
        "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
    )
    repeat = claim_merge(claim=make_claim(), canonical=canonical, actor=editor)
    before = stored_key(repeat.pk)
    verdict_approve(verdict=canonical.verdicts.get(state="proposed"), actor=editor)
    assert stored_key(repeat.pk) > before
    assert stored_key(repeat.pk) == Claim.objects.get(pk=canonical.pk).updated_at
    assert_in_step(repeat, canonical)


def test_merging_takes_the_canonicals_time_when_it_is_later(make_claim, editor):
    canonical, repeat = make_claim(), make_claim()
    future = timezone.now() + timedelta(hours=1)
    Claim.objects.filter(pk=canonical.pk).update(updated_at=future)
    claim_merge(claim=repeat, canonical=canonical, actor=editor)
    assert stored_key(repeat.pk) == future
    assert_in_step(repeat)


def test_bulk_update_and_bulk_create_keep_it(make_claim, article):
    claims = [make_claim(), make_claim()]
    future = timezone.now() + timedelta(hours=2)
    for claim in claims:
        claim.updated_at = future
    Claim.objects.bulk_update(claims, ["updated_at"])
    assert [stored_key(c.pk) for c in claims] == [future, future]
    created = Claim.objects.bulk_create(
        Claim(article=article, text=t, text_hash=text_fingerprint(t)) for t in ("One.", "Two.")
    )
    assert_in_step(*claims, *Claim.objects.filter(text__in=["One.", "Two."]))
    assert len(created) == 2


def test_setting_the_key_by_hand_is_corrected_on_the_next_write(make_claim):
    claim = make_claim()
    Claim.objects.filter(pk=claim.pk).update(synced_at=timezone.now() - timedelta(days=9))
    Claim.objects.filter(pk=claim.pk).update(updated_at=timezone.now())
    assert_in_step(claim)


def test_triggers_come_back_after_a_table_rebuild(make_claim, article):
    # A SQLite migration that rebuilds claims_claim drops its triggers; the post_migrate
    # hook calls ensure_triggers, which puts them back (and, on SQLite, recomputes).
    claim = make_claim()
    sync_key.drop_triggers(connection)
    later = timezone.now() + timedelta(minutes=3)
    Article.objects.filter(pk=article.pk).update(updated_at=later)
    assert stored_key(claim.pk) < later  # nothing kept it while the triggers were gone
    sync_key.ensure_triggers(connection)
    if connection.vendor == "postgresql":
        sync_key.recompute_all(connection)
    assert stored_key(claim.pk) == later
    Article.objects.filter(pk=article.pk).update(updated_at=later + timedelta(minutes=1))
    assert stored_key(claim.pk) == later + timedelta(minutes=1)


# --- the consumer API reads the stored key ----------------------------------------------


@pytest.fixture
def reader(consumer):
    from tests.claims.api.conftest import client_with_token

    return client_with_token(consumer, "read")


def test_an_article_update_brings_its_claims_back_into_the_feed(
    make_claim, fact_checker, editor, article, reader
):
    claims = [
        bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
        for _ in range(2)
    ]
    before = timezone.now()
    assert reader.get(LIST, {"updated_since": before.isoformat()}).json()["results"] == []
    Article.objects.filter(pk=article.pk).update(title="Corrected title", updated_at=timezone.now())
    response = reader.get(LIST, {"updated_since": before.isoformat()})
    body = response.json()["results"]
    assert [c["id"] for c in body] == sorted(c.pk for c in claims)  # same key: id order
    assert {c["article"]["title"] for c in body} == {"Corrected title"}
    article.refresh_from_db()
    assert body[0]["updated_at"] == article.updated_at.isoformat().replace("+00:00", "Z")
    # The lists' Last-Modified (the record's version) moved with it too.
    assert selectors.record_version(viewer=None) == article.updated_at


def test_the_feed_is_ordered_by_the_stored_key(make_claim, fact_checker, editor, reader):
    first, second = (
        bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
        for _ in range(2)
    )
    Claim.objects.filter(pk=first.pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    ids = [c["id"] for c in reader.get(LIST).json()["results"]]
    assert ids == [second.pk, first.pk]
