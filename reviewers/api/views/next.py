"""Take the most urgent claim: from all your queues, or from one of them."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from claims.api.schema import problems
from reviewers import selectors
from reviewers.api import serializers
from reviewers.api.views.common import AUTH_ERRORS, TAG, StaffView
from reviewers.models import ReviewQueue
from reviewers.take import assign_next

QUEUE_SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="Queue slug."
)
NOTHING_WAITING = OpenApiResponse(description="Nothing is waiting in your queues.")


def _take(request, queue: ReviewQueue | None) -> Response:
    claim = assign_next(request.user, queue=queue)
    if claim is None:
        return Response(status=status.HTTP_204_NO_CONTENT)
    claim = selectors.staff_claim(viewer=request.user, pk=claim.pk)
    return Response(serializers.ClaimStateSerializer(claim).data)


_NEXT_RESPONSES = {
    (200, "application/json"): serializers.ClaimStateSerializer,
    204: NOTHING_WAITING,
    **problems(*AUTH_ERRORS),
}


class NextView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="take_next",
        summary="Take the most urgent claim from your queues",
        description="Assigns it to you with a lease. 204 when nothing is waiting.",
        request=None,
        responses=_NEXT_RESPONSES,
    )
    def post(self, request):
        return _take(request, None)


class QueueNextView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="queues_take_next",
        summary="Take the most urgent claim from one of your queues",
        description="204 when nothing is waiting there (or you are not a member).",
        parameters=[QUEUE_SLUG],
        request=None,
        responses={**_NEXT_RESPONSES, **problems(404)},
    )
    def post(self, request, slug: str):
        queue = ReviewQueue.objects.filter(slug=slug, is_active=True).first()
        if queue is None:
            raise exceptions.NotFound("No such queue.")
        return _take(request, queue)
