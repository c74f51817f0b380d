"""``Claim.verdict_published_at`` stays the date of the verdict that speaks for the claim (its
own published one, or its canonical's for a duplicate), whichever path wrote the claim (see
``claims.verdict_date``); and it is set exactly for the claims the public record calls
published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from claims import selectors, verdict_date
from claims.models import Claim
from claims.workflow import (
    claim_assign,
    claim_merge,
    claim_reopen,
    claim_triage,
    verdict_approve,
)
from tests.claims.helpers import STARTS, bring_to, propose


def expected_date(pk: int):
    """Recomputed in Python from the loaded claim: what the stored date must equal."""
    claim = Claim.objects.select_related("canonical__published_verdict", "published_verdict").get(
        pk=pk
    )
    verdict = selectors.public_verdict(claim)
    return verdict.published_at if verdict is not None else None


def stored_date(pk: int):
    return Claim.objects.values_list("verdict_published_at", flat=True).get(pk=pk)


def assert_in_step(*claims: Claim) -> None:
    for claim in claims:
        assert stored_date(claim.pk) == expected_date(claim.pk), claim.pk


@pytest.fixture
def drive(make_claim, fact_checker, editor):
    def factory(start: str) -> Claim:
        return bring_to(start, make_claim=make_claim, checker=fact_checker, editor=editor)

    return factory


@pytest.mark.parametrize("start", STARTS)
def test_the_date_is_set_exactly_for_published_claims(start, drive):
    claim = drive(start)
    assert_in_step(claim)
    dated = Claim.objects.filter(verdict_published_at__isnull=False, pk=claim.pk).exists()
    published = Claim.objects.filter(selectors.PUBLISHED, pk=claim.pk).exists()
    assert dated == published
    assert dated == (start in {"published", "queued_after_reopen", "in_review_after_reopen"})


def test_no_claim_has_a_sync_key_earlier_than_its_verdicts_date(drive, make_claim, editor):
    # The consumer list's published_after, in change-feed order, starts its walk at that
    # moment on the strength of this (claims.selectors.DATED).
    claims = [drive(start) for start in STARTS]
    published = claims[STARTS.index("published")]
    claims.append(claim_merge(claim=make_claim(), canonical=published, actor=editor))
    for claim in Claim.objects.filter(verdict_published_at__isnull=False):
        assert claim.verdict_published_at <= claim.synced_at, claim.pk
    assert Claim.objects.filter(verdict_published_at__isnull=False).count() == 4


def test_approval_sets_the_verdicts_date(drive, editor):
    claim = drive("pending_approval")
    assert stored_date(claim.pk) is None
    verdict = verdict_approve(verdict=claim.verdicts.get(state="proposed"), actor=editor)
    assert stored_date(claim.pk) == verdict.published_at
    assert_in_step(claim)


def test_a_correction_moves_the_date_and_a_reopening_keeps_it(drive, fact_checker, editor):
    claim = drive("published")
    first = stored_date(claim.pk)
    claim_reopen(claim=claim, actor=editor, note="New figures.")
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    assert stored_date(claim.pk) == first  # still public while re-reviewed
    second = verdict_approve(verdict=propose(claim, fact_checker, rating="false"), actor=editor)
    assert stored_date(claim.pk) == second.published_at > first
    assert_in_step(claim)


def test_a_duplicate_takes_its_canonicals_date_when_merged_and_when_published(
    drive, make_claim, editor
):
    published = drive("published")
    repeat = claim_merge(claim=make_claim(), canonical=published, actor=editor)
    assert stored_date(repeat.pk) == stored_date(published.pk) is not None

    waiting = drive("pending_approval")
    later = claim_merge(claim=make_claim(), canonical=waiting, actor=editor)
    assert stored_date(later.pk) is None
    # The canonical's approval writes only the canonical row: its duplicates follow.
    verdict_approve(verdict=waiting.verdicts.get(state="proposed"), actor=editor)
    assert stored_date(later.pk) == stored_date(waiting.pk) is not None
    assert_in_step(repeat, later, published, waiting)


def test_a_duplicate_set_apart_by_hand_loses_the_canonicals_date(drive, make_claim, editor):
    # No workflow step undoes a merge; a statement that does (a repair in psql, a later
    # step) is seen all the same.
    published = drive("published")
    repeat = claim_merge(claim=make_claim(), canonical=published, actor=editor)
    Claim.objects.filter(pk=repeat.pk).update(status=Claim.Status.QUEUED, canonical=None)
    assert stored_date(repeat.pk) is None
    assert_in_step(repeat)


def test_a_full_save_of_a_stale_object_does_not_write_a_stale_date(drive, editor):
    claim = drive("pending_approval")
    stale = Claim.objects.get(pk=claim.pk)  # verdict_published_at None in Python
    verdict_approve(verdict=claim.verdicts.get(state="proposed"), actor=editor)
    stale.refresh_from_db(fields=["status", "published_verdict", "updated_at"])
    stale.save()  # every column, the stale None among them
    assert stored_date(claim.pk) is not None
    assert_in_step(claim)


def test_setting_the_date_by_hand_is_corrected(drive):
    claim = drive("published")
    Claim.objects.filter(pk=claim.pk).update(verdict_published_at=timezone.now() - timedelta(9))
    assert_in_step(claim)
    queued = drive("queued")
    Claim.objects.filter(pk=queued.pk).update(verdict_published_at=timezone.now())
    assert stored_date(queued.pk) is None


def test_recompute_all_fills_what_was_written_without_the_triggers(drive, editor):
    # What migration 0020 does for the claims stored before it.
    published, waiting = drive("published"), drive("pending_approval")
    verdict_date.TRIGGERS.drop(connection)
    try:
        verdict_approve(verdict=waiting.verdicts.get(state="proposed"), actor=editor)
        Claim.objects.filter(pk=published.pk).update(verdict_published_at=None)
        assert stored_date(waiting.pk) is None and stored_date(published.pk) is None
        assert verdict_date.recompute_all(connection) >= 2
    finally:
        verdict_date.TRIGGERS.ensure(connection)
    assert_in_step(published, waiting)
    # And the triggers are back.
    claim_triage(claim=drive("candidate"), actor=editor)
    assert_in_step(*Claim.objects.all())
