"""``GET /api/v1/claimants/`` and ``/api/v1/claimants/{id}/`` (scope ``read``): who makes
the claims the desk published, and how those checks came out.

A claimant is visible when one of its claims is published (``claims.claimants.selectors``);
any other is a 404, as for claims. Counts only, by rating, as the scale defines them: no
score. Not cached by record version (``claims.api.readcache``): a claimant's name or
identifiers change without moving any claim's sync key; the ETag still answers
conditional requests, and no ``Last-Modified`` is given for the same reason.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from claims.api.ids import id_parameter
from claims.api.schema import NOT_MODIFIED, READ_ERRORS, problems
from claims.api.serializers import ClaimSerializer
from claims.api.views import ReadView
from claims.claimants import selectors
from claims.claimreview import public_claimant_url
from claims.models import Claimant
from claims.selectors import rows
from claims.shapes import claim_data

TAG = "Claimants"
MAX_CHECKS = 100


class ClaimantParams(serializers.Serializer):
    q = serializers.CharField(
        required=False, max_length=200, help_text="A part of the name or of a name it goes by."
    )


class ClaimantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")
    kind = serializers.ChoiceField(choices=Claimant.Kind.choices)
    same_as = serializers.ListField(
        child=serializers.URLField(),
        help_text="Identifiers the desk entered, as addresses (Wikidata item, website).",
    )
    published_count = serializers.IntegerField(help_text="Its claims with a published check.")
    url = serializers.URLField(
        help_text="Its public page (/claimants/<id>-<slug>/, under the publisher's site), as "
        "a claim's `url` is its check's page."
    )


class RatingCountSerializer(serializers.Serializer):
    rating = serializers.SlugField(help_text="A rating slug (see /api/v1/ratings/).")
    count = serializers.IntegerField()


class ClaimantDetailSerializer(ClaimantSerializer):
    counts = RatingCountSerializer(
        many=True, help_text="Published checks by rating, in the scale's order; counts only."
    )
    checks = ClaimSerializer(
        many=True, help_text=f"Its published claims, newest verdict first (at most {MAX_CHECKS})."
    )


class ClaimantPagination(CursorPagination):
    ordering = ("id",)
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _claimant_data(claimant: Claimant) -> dict:
    return {
        "id": claimant.pk,
        "name": claimant.display_name,
        "kind": claimant.kind,
        "same_as": claimant.same_as,
        "published_count": claimant.published_count,
        "url": public_claimant_url(claimant.pk, claimant.display_name),
    }


class ClaimantListView(ReadView):
    pagination_class = ClaimantPagination

    @extend_schema(
        tags=[TAG],
        operation_id="claimants_list",
        summary="Claimants with published checks",
        description=(
            "People, organisations and anonymous descriptions ('EU sources') with at least "
            "one published check, by id, with the number of those checks. `q` finds a part "
            "of a name or alias, case and accents ignored."
        ),
        parameters=[ClaimantParams],
        responses={
            (200, "application/json"): ClaimantSerializer(many=True),
            **NOT_MODIFIED,
            # 404: a cursor that was not made here.
            **problems(400, 404, *READ_ERRORS),
        },
    )
    def get(self, request):
        params = ClaimantParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        claimants = selectors.public_claimants(
            viewer=request.user, q=params.validated_data.get("q")
        )
        page = self.paginate_queryset(claimants)
        return self.get_paginated_response([_claimant_data(c) for c in page])


class ClaimantDetailView(ReadView):
    @extend_schema(
        tags=[TAG],
        operation_id="claimants_retrieve",
        summary="One claimant: published checks and their count by rating",
        parameters=[id_parameter("Claimant id.")],
        description=(
            "The claimant, its published checks counted by rating (never a single score), "
            "and the checks themselves as the claims list gives them. 404 for a claimant "
            "with no published check. The id of a claimant the desk merged into another "
            "answers with that one (its `id` says which)."
        ),
        responses={
            (200, "application/json"): ClaimantDetailSerializer,
            **NOT_MODIFIED,
            **problems(404, *READ_ERRORS),
        },
    )
    def get(self, request, pk: int):
        try:
            claimant = selectors.public_claimant(viewer=request.user, pk=pk)
        except Claimant.DoesNotExist:
            # A claimant the desk merged into another: its id resolves to that one.
            survivor = selectors.survivor_of(viewer=request.user, pk=pk)
            try:
                if survivor is None:
                    raise Claimant.DoesNotExist
                claimant = selectors.public_claimant(viewer=request.user, pk=survivor)
            except Claimant.DoesNotExist:
                raise exceptions.NotFound(
                    "No claimant with published checks has this id."
                ) from None
        counts = selectors.counts_by_rating(viewer=request.user, claimant=claimant)
        checks = rows.claim_rows(selectors.published_checks(viewer=request.user, claimant=claimant))
        return Response(
            {
                **_claimant_data(claimant),
                "counts": counts,
                "checks": [claim_data(row) for row in checks[:MAX_CHECKS]],
            }
        )
