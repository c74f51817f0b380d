"""Consumer endpoints (scope ``read``): the public record of claims and verdicts.

Every view: validate the query parameters, ask a selector, render. Anything the selectors
do not show is a 404, never a 403, so a consumer cannot learn that a hidden claim exists.
The claim views read the selectors' querysets as rows (``claims.selectors.rows``) and render them
with ``claims.shapes.claim_data`` and its kin, the ClaimReview views with
``claims.claimreview``'s one builder: same bodies, a fraction of the cost.
"""

from __future__ import annotations

from contextlib import nullcontext

from django.db import connection
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import claimreview, selectors
from claims.api.authentication import SharedPermissionsMixin
from claims.api.conditional import ConditionalGetMixin
from claims.api.filters import ArticleLookupParams, ClaimFilters, FeedFilters
from claims.api.ids import id_parameter
from claims.api.pagination import SyncCursorPagination
from claims.api.permissions import ReadPublished
from claims.api.readcache import cached_read
from claims.api.renderers import JSONLDRenderer
from claims.api.schema import CLAIM_REVIEW as CLAIM_REVIEW_SCHEMA
from claims.api.schema import DATA_FEED, NOT_MODIFIED, READ_ERRORS, problems
from claims.api.serializers import (
    ArticleLookupSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
    RatingScaleSerializer,
    TombstoneSerializer,
    rating_scale_data,
)
from claims.api.throttling import AddressRateLimit
from claims.models import Claim
from claims.plans import custom_plans
from claims.selectors import rows
from claims.shapes import article_lookup_data, claim_data, claim_detail_data, tombstone_data

TAG = "Published claims"
# The list's parameters that narrow it by a value whose selectivity varies (all but the
# sync position and the order).
FILTERS = frozenset(ClaimFilters().fields) - {"updated_since", "ordering", "count"}
CLAIM_ID = id_parameter("Claim id.")

PAGE_PARAMETERS = [
    OpenApiParameter(
        "cursor", OpenApiTypes.STR, description=SyncCursorPagination.cursor_query_description
    ),
    OpenApiParameter(
        "page_size", OpenApiTypes.INT, description=SyncCursorPagination.page_size_query_description
    ),
]


def _params(serializer_class, request):
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


class ReadView(SharedPermissionsMixin, ConditionalGetMixin, GenericAPIView):
    permission_classes = [ReadPublished]
    renderer_classes = [JSONRenderer]


# An item of the change feed: a live claim, or the tombstone of one that left the view.
FEED_ITEM = PolymorphicProxySerializer(
    component_name="ClaimFeedItem",
    serializers=[ClaimSerializer, TombstoneSerializer],
    resource_type_field_name=None,
    many=True,
)


class ClaimListView(ReadView):
    pagination_class = SyncCursorPagination

    @extend_schema(
        tags=[TAG],
        operation_id="claims_list",
        summary="List public claims in change-feed order",
        description=(
            "Published and pending claims, ordered by (updated_at, id) with cursor pagination. "
            "To sync incrementally, walk `next` to the end, then later ask again with "
            "`updated_since` set to the last `updated_at` you saw. Pending claims show only "
            "what the article says; `verdict` is null until a verdict is published.\n\n"
            "A claim that was public and left the public view (merged as a repeat of a claim "
            "that is not published) is listed in the same order as a tombstone, "
            '`{"id", "removed": true, "removed_at", "reason", "updated_at"}`: delete it from '
            "your copy. Tombstones are listed with or without `updated_since` (a claim can "
            "leave while you walk the pages) and whatever the other filters, except `status`, "
            "`rating` and the verdict's date (its filters and orders), which ask for a public "
            "state a removed claim does not have. A claim "
            "that becomes public again is listed as itself. The `claim.removed` webhook event "
            "says the same at once.\n\n"
            "To browse rather than sync: `ordering=-published_at` lists the newest verdicts "
            "first (`published_at`, the oldest), and `published_after` / `published_before` "
            "select by the verdict's date; each lists published claims only. `count=true` "
            "adds the whole list's `count` to the page."
        ),
        parameters=[ClaimFilters],
        responses={
            # Tuple keys throughout: spectacular picks the main response by the smallest key.
            (200, "application/json"): FEED_ITEM,
            **NOT_MODIFIED,
            **problems(400, 404, 422, *READ_ERRORS),
        },
    )
    @cached_read
    def get(self, request):
        filters = _params(ClaimFilters, request)
        counted, rating_ids = filters.pop("count"), filters.pop("rating", ())
        claims = selectors.public_claims(
            viewer=request.user, with_removed=True, rating_ids=rating_ids, **filters
        )
        self.ordering = selectors.ORDERINGS[filters["ordering"]]
        # What a filter matches decides the plan (a rare site: from its articles; a common
        # one: along the order), so a filtered page is planned for its values.
        narrowed = rating_ids or FILTERS & set(filters)
        planned = custom_plans(connection) if narrowed else nullcontext()
        with planned:
            if counted:
                self.paginator.total = claims.count()
            page = self.paginate_queryset(rows.claim_rows(claims))
        # Not the page's newest item: a claim leaving the page moves none of theirs.
        self.last_modified = self.record_version()
        items = [claim_data(row) if rows.is_public(row) else tombstone_data(row) for row in page]
        return self.get_paginated_response(items)


class ClaimDetailView(ReadView):
    @extend_schema(
        tags=[TAG],
        operation_id="claims_retrieve",
        summary="One public claim, with cited sources and its corrections log",
        parameters=[CLAIM_ID],
        description=(
            "The claim as in the list, plus the sources its published verdict cites and the "
            "corrections log: every published revision, oldest first; for an anonymously "
            "sourced claim, its `corroboration` in the desk's ledger of anonymous reports. "
            "404 for a claim that is not public."
        ),
        responses={
            (200, "application/json"): ClaimDetailSerializer,
            **NOT_MODIFIED,
            **problems(404, *READ_ERRORS),
        },
    )
    @cached_read
    def get(self, request, pk: int):
        try:
            row = rows.public_claim_row(viewer=request.user, pk=pk)
        except Claim.DoesNotExist:
            raise exceptions.NotFound("No public claim with this id.") from None
        self.last_modified = row["synced_at"]
        sources, revisions = rows.cited_source_rows(row), rows.revision_rows(row)
        return Response(claim_detail_data(row, sources=sources, revisions=revisions))


class ClaimReviewView(SharedPermissionsMixin, ConditionalGetMixin, APIView):
    permission_classes = [ReadPublished]
    renderer_classes = [JSONLDRenderer, JSONRenderer]

    @extend_schema(
        tags=[TAG],
        operation_id="claims_claimreview",
        summary="schema.org ClaimReview (JSON-LD) of a published claim",
        description="404 for a claim without a published verdict.",
        parameters=[CLAIM_ID],
        responses={
            (200, "application/ld+json"): CLAIM_REVIEW_SCHEMA,
            # The same document, for ?format=json or Accept: application/json.
            (200, "application/json"): CLAIM_REVIEW_SCHEMA,
            **NOT_MODIFIED,
            **problems(404, *READ_ERRORS),
        },
    )
    @cached_read
    def get(self, request, pk: int):
        try:
            row = rows.published_review_row(viewer=request.user, pk=pk)
        except Claim.DoesNotExist:
            raise exceptions.NotFound("No published fact check for this claim.") from None
        self.last_modified = row["synced_at"]
        scale = selectors.rating_scale(viewer=request.user)
        return Response(claimreview.review_document(rows.review_facts(row), scale=scale))


class ClaimReviewFeedView(SharedPermissionsMixin, ConditionalGetMixin, GenericAPIView):
    permission_classes = [ReadPublished]
    renderer_classes = [JSONLDRenderer, JSONRenderer]
    pagination_class = SyncCursorPagination

    @extend_schema(
        tags=[TAG],
        operation_id="claimreview_feed",
        summary="DataFeed of all published ClaimReviews",
        description=(
            "Oldest change first, paginated: the next page is in the `Link` header "
            '(rel="next"). Use `updated_since` to fetch only what changed.'
        ),
        parameters=[FeedFilters, *PAGE_PARAMETERS],
        responses={
            (200, "application/ld+json"): DATA_FEED,
            (200, "application/json"): DATA_FEED,
            **NOT_MODIFIED,
            **problems(400, 404, *READ_ERRORS),
        },
    )
    @cached_read
    def get(self, request):
        filters = _params(FeedFilters, request)
        claims = selectors.published_claims(viewer=request.user, with_sources=False, **filters)
        page = self.paginate_queryset(rows.review_rows(claims))
        self.last_modified = self.record_version()
        modified = max((row["synced_at"] for row in page), default=None)
        scale = selectors.rating_scale(viewer=request.user)
        reviews = [rows.review_facts(row) for row in page]
        feed = claimreview.data_feed(reviews, scale=scale, modified=modified)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (
                ("next", self.paginator.get_next_link()),
                ("prev", self.paginator.get_previous_link()),
            )
            if url
        ]
        return Response(feed, headers={"Link": ", ".join(links)} if links else None)


class ArticleLookupView(ReadView):
    @extend_schema(
        tags=[TAG],
        operation_id="articles_lookup",
        summary="What has been checked in this article?",
        description=(
            "The article by its (normalized) address, with its public claims and their "
            "status. 404 when the article is unknown or has no public claim."
        ),
        parameters=[ArticleLookupParams],
        responses={
            (200, "application/json"): ArticleLookupSerializer,
            **NOT_MODIFIED,
            **problems(400, 404, *READ_ERRORS),
        },
    )
    @cached_read
    def get(self, request):
        url = _params(ArticleLookupParams, request)["url"]
        claims = rows.public_article_rows(viewer=request.user, url=url)
        if not claims:
            raise exceptions.NotFound("No article with checked claims at this address.")
        # A list of the article's claims: one can leave it without a date here moving.
        self.last_modified = self.record_version()
        return Response(article_lookup_data(claims))


class RatingListView(ReadView):
    @extend_schema(
        tags=[TAG],
        operation_id="ratings_list",
        summary="The newsroom's rating scale",
        description=(
            "Every rating a verdict can carry, in the scale's order: its slug (the `rating` "
            "of verdicts and of `?rating=`), label, ClaimReview `value` and "
            "`alternate_name`, and what it means. Retired ratings are listed too "
            "(`active: false`): published verdicts keep them. `worst_rating` and "
            "`best_rating` are the numeric range ClaimReview documents state."
        ),
        responses={
            (200, "application/json"): RatingScaleSerializer,
            **NOT_MODIFIED,
            **problems(*READ_ERRORS),
        },
    )
    def get(self, request):
        # One small query: not worth the read cache, whose key would not see a rating's
        # edit (claims.api.readcache). The ETag answers conditional requests.
        return Response(rating_scale_data(list(selectors.ratings(viewer=request.user))))


class NotFoundView(APIView):
    """Unknown addresses under /api/v1/ answer with a problem, not an HTML page."""

    permission_classes = []
    # Counted per address, whoever calls, as before: no credential is looked at.
    authentication_classes = [AddressRateLimit]
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound("No such endpoint.")
