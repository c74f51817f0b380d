"""The row shapes (claims.shapes.claim_data and its kin) write datetimes themselves
rather than through DRF's DateTimeField, looking the current time zone up once per claim:
under any zone, settled or activated, they must still be byte for byte what the serializers
make of the same claims (test_rows.py checks the same under the default zone, UTC)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import timezone

from claims import selectors
from claims.api.serializers import (
    ArticleLookupSerializer,
    ClaimDetailSerializer,
)
from claims.selectors import rows
from claims.shapes import article_lookup_data, claim_detail_data

# The module reads every_public_kind built once (tests/module_rows.py).
from tests.claims.api.public_kinds_world import (  # noqa: F401 (fixtures)
    every_public_kind_of_the_world,
    every_public_kind_world,
)
from tests.claims.api.test_rows import as_bytes
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_copy,
    world_editor,
    world_fact_checker,
    world_make_claim,
)


def assert_rows_render_as_serializers(claims, article):
    for claim in claims:
        row = rows.public_claim_row(viewer=None, pk=claim.pk)
        data = claim_detail_data(
            row, sources=rows.cited_source_rows(row), revisions=rows.revision_rows(row)
        )
        loaded = selectors.public_claim(viewer=None, pk=claim.pk)
        assert as_bytes(data) == as_bytes(ClaimDetailSerializer(loaded).data), claim.status
    lookup = article_lookup_data(rows.public_article_rows(viewer=None, url=article.url))
    loaded = selectors.public_article(viewer=None, url=article.url)
    assert as_bytes(lookup) == as_bytes(ArticleLookupSerializer(loaded).data)
    return lookup


@pytest.mark.parametrize(("zone", "offset"), [("Asia/Kolkata", "+05:30"), ("UTC", "Z")])
def test_under_the_settled_time_zone(zone, offset, every_public_kind, article):
    with override_settings(TIME_ZONE=zone):
        lookup = assert_rows_render_as_serializers(every_public_kind, article)
    assert lookup["claims"][0]["updated_at"].endswith(offset)


def test_under_an_activated_time_zone(every_public_kind, article):
    with timezone.override("America/New_York"):
        lookup = assert_rows_render_as_serializers(every_public_kind, article)
    assert lookup["claims"][0]["updated_at"][-6:] in ("-05:00", "-04:00")
