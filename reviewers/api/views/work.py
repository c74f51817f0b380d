"""Work waiting for someone: open assignments, and verdicts awaiting an editor."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from claims.api.schema import problems
from reviewers import selectors
from reviewers.api import serializers
from reviewers.api.views.common import AUTH_ERRORS, TAG, StaffView, valid


class MyWorkView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="my_work",
        summary="Open assignments: yours, or (editors) everyone's",
        description=(
            "Soonest lease expiry first. Editors may filter by `assignee` and `queue`; for "
            "a fact-checker `assignee` is ignored: they see their own work."
        ),
        parameters=[serializers.MyWorkParams],
        responses={
            (200, "application/json"): serializers.WorkItemSerializer(many=True),
            **problems(400, *AUTH_ERRORS),
        },
    )
    def get(self, request):
        params = valid(serializers.MyWorkParams, request.query_params)
        work = selectors.my_work(viewer=request.user, **params)
        return Response(serializers.WorkItemSerializer(work, many=True).data)


class InboxView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="editor_inbox",
        summary="Verdicts awaiting approval, oldest first (editors)",
        request=None,
        responses={
            (200, "application/json"): serializers.InboxItemSerializer(many=True),
            **problems(*AUTH_ERRORS),
        },
    )
    def get(self, request):
        inbox = selectors.editor_inbox(viewer=request.user)
        return Response(serializers.InboxItemSerializer(inbox, many=True).data)
