"""The queues at a glance: backlog and SLA counts per queue, and what is overdue."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from claims.api.schema import problems
from reviewers import selectors
from reviewers.api import serializers
from reviewers.api.views.common import AUTH_ERRORS, TAG, StaffView, valid


class QueuesView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="queues_list",
        summary="Active queues with backlog, in-review and overdue counts",
        request=None,
        responses={
            (200, "application/json"): serializers.QueueSerializer(many=True),
            **problems(*AUTH_ERRORS),
        },
    )
    def get(self, request):
        return Response(
            serializers.QueueSerializer(
                selectors.queues_overview(viewer=request.user), many=True
            ).data
        )


class OverdueView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="overdue_list",
        summary="Claims past their queue's SLA (queued or in review)",
        description="Most overdue first.",
        parameters=[serializers.OverdueParams],
        responses={
            (200, "application/json"): serializers.OverdueItemSerializer(many=True),
            **problems(400, *AUTH_ERRORS),
        },
    )
    def get(self, request):
        params = valid(serializers.OverdueParams, request.query_params)
        entries = selectors.overdue_entries(viewer=request.user, **params)
        return Response(serializers.OverdueItemSerializer(entries, many=True).data)
