"""Who holds a claim: assign it, hand it back, renew the lease, reopen a published one."""

from __future__ import annotations

from claims import workflow
from reviewers.api import serializers
from reviewers.api.views.common import StaffView, claim_action, found, valid
from reviewers.services import assignment_renew_lease, claim_give


class AssignView(StaffView):
    @claim_action(
        operation_id="claims_assign",
        summary="Assign a claim to a reviewer (editors)",
        description=(
            "A queued claim is assigned; a claim in review is reassigned (the previous "
            "assignment ends as `reassigned`). The reviewer is told by e-mail. An "
            "`assignee` who is not an active user is a 422 `unprocessable_input`."
        ),
        request=serializers.AssignInput,
        names_rows=True,
    )
    def post(self, request, pk: int):
        data = valid(serializers.AssignInput, request.data)
        with found("claim"):
            claim_give(claim=pk, actor=request.user, assignee=data["assignee"], note=data["note"])
        return self.claim_state(pk)


class ReleaseView(StaffView):
    @claim_action(
        operation_id="claims_release",
        summary="Hand a claim in review back to its queue",
        request=serializers.NoteInput,
    )
    def post(self, request, pk: int):
        data = valid(serializers.NoteInput, request.data)
        with found("claim"):
            workflow.claim_release(claim=pk, actor=request.user, note=data["note"])
        return self.claim_state(pk)


class RenewView(StaffView):
    @claim_action(
        operation_id="claims_renew_lease",
        summary="Renew your lease on a claim you hold",
        description="Adding or removing sources renews it too.",
        request=None,
    )
    def post(self, request, pk: int):
        with found("claim"):
            assignment_renew_lease(claim=pk, actor=request.user)
        return self.claim_state(pk)


class ReopenView(StaffView):
    @claim_action(
        operation_id="claims_reopen",
        summary="Reopen a published claim (editors, with a note)",
        description="Its published verdict stays public until a new one is approved.",
        request=serializers.RequiredNoteInput,
    )
    def post(self, request, pk: int):
        data = valid(serializers.RequiredNoteInput, request.data)
        with found("claim"):
            workflow.claim_reopen(claim=pk, actor=request.user, note=data["note"])
        return self.claim_state(pk)
