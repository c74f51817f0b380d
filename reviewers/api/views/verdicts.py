"""Verdicts: propose one on the claim you hold; approve, send back or withdraw a proposal."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status

from claims import workflow
from claims.api.ids import id_parameter
from reviewers.api import serializers
from reviewers.api.views.common import ACTION_ERRORS, CLAIM_ID, TAG, StaffView, found, valid

VERDICT_ID = id_parameter("Verdict id.")


class ProposeView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="claims_verdicts_propose",
        summary="Propose a verdict on the claim you hold",
        description="A new revision, sent for approval; it must cite the claim's sources.",
        parameters=[CLAIM_ID],
        request=serializers.ProposeInput,
        responses={(201, "application/json"): serializers.VerdictOutSerializer, **ACTION_ERRORS},
    )
    def post(self, request, pk: int):
        data = valid(serializers.ProposeInput, request.data)
        with found("claim"):
            verdict = workflow.claim_propose_verdict(claim=pk, actor=request.user, **data)
        return self.verdict_state(verdict.pk, status.HTTP_201_CREATED)


def verdict_action(*, operation_id: str, summary: str, request, description: str = ""):
    return extend_schema(
        tags=[TAG],
        operation_id=operation_id,
        summary=summary,
        description=description,
        parameters=[VERDICT_ID],
        request=request,
        responses={(200, "application/json"): serializers.VerdictOutSerializer, **ACTION_ERRORS},
    )


class ApproveView(StaffView):
    @verdict_action(
        operation_id="verdicts_approve",
        summary="Approve and publish a proposed verdict (editors; never your own)",
        request=serializers.NoteInput,
    )
    def post(self, request, pk: int):
        data = valid(serializers.NoteInput, request.data)
        with found("verdict"):
            workflow.verdict_approve(verdict=pk, actor=request.user, note=data["note"])
        return self.verdict_state(pk)


class RequestChangesView(StaffView):
    @verdict_action(
        operation_id="verdicts_request_changes",
        summary="Send a proposal back to its reviewer (editors, with a note)",
        request=serializers.RequiredNoteInput,
    )
    def post(self, request, pk: int):
        data = valid(serializers.RequiredNoteInput, request.data)
        with found("verdict"):
            workflow.verdict_request_changes(verdict=pk, actor=request.user, note=data["note"])
        return self.verdict_state(pk)


class WithdrawView(StaffView):
    @verdict_action(
        operation_id="verdicts_withdraw",
        summary="Withdraw your own proposal before it is decided",
        request=serializers.NoteInput,
    )
    def post(self, request, pk: int):
        data = valid(serializers.NoteInput, request.data)
        with found("verdict"):
            workflow.verdict_withdraw(verdict=pk, actor=request.user, note=data["note"])
        return self.verdict_state(pk)
