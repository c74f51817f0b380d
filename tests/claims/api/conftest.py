"""Clients, tokens and claims at the points of their life the public API cares about."""

from __future__ import annotations

import functools

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.api.tokens import token_issue
from claims.models import Article, Claim
from claims.workflow import claim_assign, claim_merge, claim_reopen, verdict_approve
from tests.claims.helpers import bring_to, propose


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    # Throttle counters live in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


def client_with_token(user, *scopes: str) -> APIClient:
    _, secret = token_issue(user=user, scopes=scopes or ("read",))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def api() -> APIClient:
    """No credentials."""
    return APIClient()


@pytest.fixture
def reader(consumer) -> APIClient:
    """An API consumer with a read token: the ordinary caller."""
    return client_with_token(consumer, "read")


def driver(make_claim, fact_checker, editor):
    """``at("published", claimant=..., ...)``: a claim driven there by the real services."""

    def factory(start: str, **claim_kwargs):
        maker = functools.partial(make_claim, **claim_kwargs) if claim_kwargs else make_claim
        return bring_to(start, make_claim=maker, checker=fact_checker, editor=editor)

    return factory


@pytest.fixture
def at(make_claim, fact_checker, editor):
    return driver(make_claim, fact_checker, editor)


@pytest.fixture
def published(at):
    return at("published", claimant="Steve Witkoff", sourcing="named")


@pytest.fixture
def every_public_kind(make_claim, fact_checker, editor):
    return build_every_public_kind(make_claim=make_claim, fact_checker=fact_checker, editor=editor)


def build_every_public_kind(*, make_claim, fact_checker, editor) -> list[Claim]:
    """One public claim of each kind the consumer shapes tell apart (claims.selectors.rows), in
    the order made: published, corrected with a rationale, reopened, duplicates of each,
    pending, without an article, with a bare article, without a claim text."""
    at = driver(make_claim, fact_checker, editor)
    bare = Article.objects.create(url=None, title="", outlet="", content_hash="1" * 64)
    published = at(
        "published",
        text="The truce has held for 70 years, US envoy Steve Witkoff told reporters.",
        claim_text="The truce has held for 70 years",
        claimant="Steve Witkoff",
        claimant_role="US envoy",
        cue="told",
        sourcing="named",
    )
    # A row stored before claim texts and not filled: its sentence names it.
    without_claim_text = at("queued")
    Claim.objects.filter(pk=without_claim_text.pk).update(claim_text="")
    corrected = at("published", claimant="", sourcing="unattributed")
    claim_reopen(claim=corrected, actor=editor, note="New figures.")
    claim_assign(claim=corrected, actor=fact_checker, assignee=fact_checker)
    reasons = "The 1953 armistice was signed; the archive has no record of the later incidents."
    verdict_approve(
        verdict=propose(corrected, fact_checker, rating="unverifiable", rationale=reasons),
        actor=editor,
    )
    under_review = at("in_review_after_reopen")  # its first verdict stays public
    duplicate = claim_merge(claim=make_claim("Said again."), canonical=published, actor=editor)
    duplicate_of_reopened = claim_merge(
        claim=make_claim("Said once more."), canonical=under_review, actor=editor
    )
    # Speaks with a verdict that has a rationale: the detail gives the canonical's.
    duplicate_of_corrected = claim_merge(
        claim=make_claim("Said a third time."), canonical=corrected, actor=editor
    )
    return [
        published,
        corrected,
        under_review,
        duplicate,
        duplicate_of_reopened,
        duplicate_of_corrected,
        at("queued"),
        at("pending_approval"),
        at("queued", article=None),
        at("published", article=bare),
        without_claim_text,
    ]
