"""A claim's history: every step of its life, oldest first."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from claims.api.schema import problems
from reviewers import selectors
from reviewers.api import serializers
from reviewers.api.views.common import AUTH_ERRORS, CLAIM_ID, TAG, StaffView, found


class HistoryView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="claims_history",
        summary="Every step of a claim's life, oldest first",
        parameters=[CLAIM_ID],
        request=None,
        responses={
            (200, "application/json"): serializers.EventSerializer(many=True),
            **problems(404, *AUTH_ERRORS),
        },
    )
    def get(self, request, pk: int):
        with found("claim"):
            events = list(selectors.claim_history(viewer=request.user, pk=pk))
        return Response(serializers.EventSerializer(events, many=True).data)
