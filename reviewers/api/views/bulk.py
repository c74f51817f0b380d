"""Many claims at once: bulk triage and bulk assignment, each claim its own transaction."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from claims.api.schema import problems
from reviewers.api import serializers
from reviewers.api.views.common import AUTH_ERRORS, TAG, StaffView, valid
from reviewers.services import claims_bulk_assign, claims_bulk_triage


def _bulk_response(results) -> Response:
    succeeded = sum(1 for r in results if r.ok)
    body = {"succeeded": succeeded, "failed": len(results) - succeeded, "results": results}
    return Response(serializers.BulkOutcomeSerializer(body).data)


_BULK_DESCRIPTION = (
    "Each claim is its own transaction: one that cannot take the action is reported in "
    "`results` with its error, and the others still go through. The request as a whole "
    "fails (400/403) only when it is wrong for every claim (bad input, no permission), "
    "and is a 422 `unprocessable_input` when it names a queue, a reviewer or a canonical "
    "claim that does not exist."
)


class BulkTriageView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="triage_bulk",
        summary="Queue, dismiss or merge many candidates",
        description=_BULK_DESCRIPTION,
        request=serializers.BULK_TRIAGE,
        responses={
            (200, "application/json"): serializers.BulkOutcomeSerializer,
            **problems(400, 422, *AUTH_ERRORS),
        },
    )
    def post(self, request):
        data = valid(serializers.BulkTriageInput, request.data)
        results = claims_bulk_triage(
            claim_ids=data["claim_ids"],
            actor=request.user,
            action=data["action"],
            queue=data["queue"],
            reason=data["reason"],
            canonical=data["canonical"],
            note=data["note"],
        )
        return _bulk_response(results)


class BulkAssignView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="assign_bulk",
        summary="Assign many claims to one reviewer (editors)",
        description=_BULK_DESCRIPTION,
        request=serializers.BulkAssignInput,
        responses={
            (200, "application/json"): serializers.BulkOutcomeSerializer,
            **problems(400, 422, *AUTH_ERRORS),
        },
    )
    def post(self, request):
        data = valid(serializers.BulkAssignInput, request.data)
        results = claims_bulk_assign(
            claim_ids=data["claim_ids"],
            actor=request.user,
            assignee=data["assignee"],
            note=data["note"],
        )
        return _bulk_response(results)
