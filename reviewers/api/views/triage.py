"""Triage actions on one candidate claim: queue it, dismiss it, restore it, merge it."""

from __future__ import annotations

from claims import workflow
from reviewers.api import serializers
from reviewers.api.views.common import StaffView, claim_action, found, valid


class TriageView(StaffView):
    @claim_action(
        operation_id="claims_triage",
        summary="Queue a candidate for review",
        description=(
            "Into the named queue, or where the routing rules send it. A `queue` that does "
            "not exist is a 422 `unprocessable_input`."
        ),
        request=serializers.TriageInput,
        names_rows=True,
    )
    def post(self, request, pk: int):
        data = valid(serializers.TriageInput, request.data)
        with found("claim"):
            workflow.claim_triage(
                claim=pk, actor=request.user, queue=data["queue"], note=data["note"]
            )
        return self.claim_state(pk)


class DismissView(StaffView):
    @claim_action(
        operation_id="claims_dismiss",
        summary="Dismiss a candidate (with a reason)",
        request=serializers.DismissInput,
    )
    def post(self, request, pk: int):
        data = valid(serializers.DismissInput, request.data)
        with found("claim"):
            workflow.claim_dismiss(claim=pk, actor=request.user, reason=data["reason"])
        return self.claim_state(pk)


class RestoreView(StaffView):
    @claim_action(
        operation_id="claims_restore",
        summary="Bring a dismissed claim back to triage",
        request=serializers.NoteInput,
    )
    def post(self, request, pk: int):
        data = valid(serializers.NoteInput, request.data)
        with found("claim"):
            workflow.claim_restore(claim=pk, actor=request.user, note=data["note"])
        return self.claim_state(pk)


class MergeView(StaffView):
    @claim_action(
        operation_id="claims_merge",
        summary="Merge a candidate as a duplicate of another claim",
        description="A `canonical` claim that does not exist is a 422 `unprocessable_input`.",
        request=serializers.MergeInput,
        names_rows=True,
    )
    def post(self, request, pk: int):
        data = valid(serializers.MergeInput, request.data)
        with found("claim"):
            workflow.claim_merge(
                claim=pk, canonical=data["canonical"], actor=request.user, note=data["note"]
            )
        return self.claim_state(pk)
