"""The consumer reads render rows (claims.api.rows) with hand-built shapes: each one must be
byte for byte what the declared serializer makes of the same claim loaded as model
instances, for every kind of public claim. Bytes, not just equal dicts: the ETag hashes
them, so even the order of keys is part of the contract."""

from __future__ import annotations

import json

import pytest

from claims import selectors
from claims.api import rows
from claims.api.serializers import (
    ArticleLookupSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
    article_lookup_data,
    claim_data,
    claim_detail_data,
)
from claims.models import Article, Claim
from claims.workflow import claim_assign, claim_merge, claim_reopen, verdict_approve
from tests.claims.helpers import propose


def as_bytes(data) -> str:
    return json.dumps(data)


@pytest.fixture
def every_kind(at, make_claim, fact_checker, editor):
    """One public claim of each kind the shapes tell apart."""
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


def test_a_claim_row_renders_as_the_claim_serializer(every_kind):
    # Guards the fixture: the claim text differs from the sentence, or falls back to it.
    assert every_kind[0].claim_text != every_kind[0].text
    assert Claim.objects.get(pk=every_kind[-1].pk).claim_text == ""
    for claim in every_kind:
        row = rows.public_claim_row(viewer=None, pk=claim.pk)
        loaded = selectors.public_claim(viewer=None, pk=claim.pk)
        assert as_bytes(claim_data(row)) == as_bytes(ClaimSerializer(loaded).data), claim.status


def test_the_detail_renders_as_the_detail_serializer(every_kind):
    for claim in every_kind:
        row = rows.public_claim_row(viewer=None, pk=claim.pk)
        data = claim_detail_data(
            row, sources=rows.cited_source_rows(row), revisions=rows.revision_rows(row)
        )
        loaded = selectors.public_claim(viewer=None, pk=claim.pk)
        assert as_bytes(data) == as_bytes(ClaimDetailSerializer(loaded).data), claim.status
    # Guards the fixture: a rationale is compared, on a claim's own verdict and through a
    # duplicate's canonical.
    details = [
        ClaimDetailSerializer(selectors.public_claim(viewer=None, pk=c.pk)).data for c in every_kind
    ]
    assert [d["id"] for d in details if d["verdict"] and d["verdict"]["rationale"]] == [
        every_kind[1].pk,
        every_kind[5].pk,
    ]


def test_the_article_lookup_renders_as_its_serializer(every_kind, article):
    claims = rows.public_article_rows(viewer=None, url=article.url)
    assert len(claims) == len(every_kind) - 2  # the two not in the shared article
    loaded = selectors.public_article(viewer=None, url=article.url)
    assert as_bytes(article_lookup_data(claims)) == as_bytes(ArticleLookupSerializer(loaded).data)


def test_an_article_without_a_public_claim_has_no_rows(at, article):
    at("candidate")
    at("dismissed")
    assert rows.public_article_rows(viewer=None, url=article.url) == []
    assert rows.public_article_rows(viewer=None, url="https://unknown.example.org/") == []
