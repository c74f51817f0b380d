"""The consumer reads render rows (claims.selectors.rows) with the shapes of claims.shapes:
each one must be byte for byte what the declared serializer makes of the same claim loaded
as model instances, for every kind of public claim. Bytes, not just equal dicts: the ETag hashes
them, so even the order of keys is part of the contract."""

from __future__ import annotations

import json

from claims import selectors
from claims.api.serializers import (
    ArticleLookupSerializer,
    ArticleRefSerializer,
    CitedSourceSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
    RevisionSerializer,
    TombstoneSerializer,
    VerdictDetailSerializer,
    VerdictSerializer,
)
from claims.models import Article, Claim
from claims.selectors import rows
from claims.shapes import article_lookup_data, claim_data, claim_detail_data, tombstone_data
from claims.workflow import claim_merge

# The module reads every_public_kind built once (tests/module_rows.py).
from tests.claims.api.public_kinds_world import (  # noqa: F401 (fixtures)
    every_public_kind_of_the_world,
    every_public_kind_world,
)
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_copy,
    world_editor,
    world_fact_checker,
    world_make_claim,
)


def as_bytes(data) -> str:
    return json.dumps(data)


def test_a_claim_row_renders_as_the_claim_serializer(every_public_kind):
    # Guards the fixture: the claim text differs from the sentence, or falls back to it.
    assert every_public_kind[0].claim_text != every_public_kind[0].text
    assert Claim.objects.get(pk=every_public_kind[-1].pk).claim_text == ""
    for claim in every_public_kind:
        row = rows.public_claim_row(viewer=None, pk=claim.pk)
        loaded = selectors.public_claim(viewer=None, pk=claim.pk)
        assert as_bytes(claim_data(row)) == as_bytes(ClaimSerializer(loaded).data), claim.status


def test_the_detail_renders_as_the_detail_serializer(every_public_kind):
    for claim in every_public_kind:
        row = rows.public_claim_row(viewer=None, pk=claim.pk)
        data = claim_detail_data(
            row, sources=rows.cited_source_rows(row), revisions=rows.revision_rows(row)
        )
        loaded = selectors.public_claim(viewer=None, pk=claim.pk)
        assert as_bytes(data) == as_bytes(ClaimDetailSerializer(loaded).data), claim.status
    # Guards the fixture: a rationale is compared, on a claim's own verdict and through a
    # duplicate's canonical.
    details = [
        ClaimDetailSerializer(selectors.public_claim(viewer=None, pk=c.pk)).data
        for c in every_public_kind
    ]
    assert [d["id"] for d in details if d["verdict"] and d["verdict"]["rationale"]] == [
        every_public_kind[1].pk,
        every_public_kind[5].pk,
    ]


def test_the_article_lookup_renders_as_its_serializer(every_public_kind, article):
    claims = rows.public_article_rows(viewer=None, url=article.url)
    assert len(claims) == len(every_public_kind) - 2  # the two not in the shared article
    loaded = selectors.public_article(viewer=None, url=article.url)
    assert as_bytes(article_lookup_data(claims)) == as_bytes(ArticleLookupSerializer(loaded).data)


def test_an_article_without_a_public_claim_has_no_rows(at):
    # An article and words of its own: the module's shared article holds the public claims,
    # and a repeat of one of them would be taken for its duplicate.
    quiet = Article.objects.create(url="https://news.example.org/quiet", content_hash="4" * 64)
    at("candidate", article=quiet, text="The harbour dredging ended in March.")
    at("dismissed", article=quiet, text="The new bridge is the finest in the region.")
    assert rows.public_article_rows(viewer=None, url=quiet.url) == []
    assert rows.public_article_rows(viewer=None, url="https://unknown.example.org/") == []


def test_the_details_of_many_rows_at_once_are_each_rows_own(
    every_public_kind, django_assert_num_queries
):
    found = [rows.public_claim_row(viewer=None, pk=claim.pk) for claim in every_public_kind]
    # The export's chunk: the cited sources of every speaking verdict, then the published
    # revisions of every speaking claim. Two statements, however many rows.
    with django_assert_num_queries(2):
        sources, revisions = rows.detail_extras(found)
    for row in found:
        assert rows.sources_of(row, sources) == rows.cited_source_rows(row), row["id"]
        assert rows.revisions_of(row, revisions) == rows.revision_rows(row), row["id"]
    # Guards the fixture: sources and a corrections log of two were compared.
    assert sum(bool(rows.sources_of(row, sources)) for row in found) >= 5
    assert max(len(rows.revisions_of(row, revisions)) for row in found) == 2


def test_no_details_to_read_is_no_query(every_public_kind, django_assert_num_queries):
    pending = rows.public_claim_row(viewer=None, pk=every_public_kind[6].pk)
    assert rows.public_verdict(pending) is None
    with django_assert_num_queries(0):
        assert rows.detail_extras([]) == ({}, {})
    with django_assert_num_queries(1):  # its revisions: a pending claim cites nothing
        rows.detail_extras([pending])


def declared(serializer_class) -> list[str]:
    """The keys the OpenAPI schema declares for a shape, in its order."""
    return list(serializer_class().fields)


def test_every_shape_writes_the_keys_its_serializer_declares(
    every_public_kind, article, at, editor
):
    # The serializers are the schema; claims.shapes writes what is sent. Each shape and each
    # nested one has the declared keys in the declared order, the tombstone included, which
    # no serializer renders.
    met = set()
    for claim in every_public_kind:
        row = rows.public_claim_row(viewer=None, pk=claim.pk)
        listed = claim_data(row)
        detail = claim_detail_data(
            row, sources=rows.cited_source_rows(row), revisions=rows.revision_rows(row)
        )
        assert list(listed) == declared(ClaimSerializer), claim.status
        assert list(detail) == declared(ClaimDetailSerializer), claim.status
        nested = [
            (listed["verdict"], VerdictSerializer),
            (detail["verdict"], VerdictDetailSerializer),
            (listed["article"], ArticleRefSerializer),
            *((source, CitedSourceSerializer) for source in detail["sources"]),
            *((revision, RevisionSerializer) for revision in detail["corrections"]),
        ]
        for data, serializer_class in nested:
            if data is not None:
                assert list(data) == declared(serializer_class), (claim.status, serializer_class)
                met.add(serializer_class)
    lookup = article_lookup_data(rows.public_article_rows(viewer=None, url=article.url))
    assert list(lookup) == declared(ArticleLookupSerializer)
    # A queued claim merged into one that is not published leaves the public view.
    removed = claim_merge(claim=at("queued"), canonical=at("in_review"), actor=editor)
    tombstone = tombstone_data(rows.tombstone_row(pk=removed.pk))
    assert list(tombstone) == declared(TombstoneSerializer)
    # Guards the fixture: every nested shape was met.
    assert len(met) == 5
