"""Staff workflow endpoints (scope ``review`` or a staff session).

Each view translates: the input serializer validates, one service from
``claims.workflow`` / ``reviewers.*`` acts (permissions and history are the service's),
a selector reloads what changed, an output serializer renders. Domain errors become
problems in ``claims.api.exceptions`` (409 illegal transition, 403 not permitted, 400
invalid input); a missing claim, verdict or source is a 404.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import workflow
from claims.api.schema import problems
from claims.models import SourceLink, Verdict
from reviewers import selectors
from reviewers.api import serializers as s
from reviewers.api.permissions import ReviewScope
from reviewers.assignments import assignment_renew_lease, claim_give, claims_bulk_assign
from reviewers.models import ReviewQueue
from reviewers.queues import assign_next
from reviewers.triage import claims_bulk_triage

TAG = "Workflow (staff)"
AUTH_ERRORS = (401, 403, 429)
ACTION_ERRORS = problems(400, 404, 409, *AUTH_ERRORS)

CLAIM_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Claim id.")
VERDICT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Verdict id."
)
SOURCE_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Source link id."
)
QUEUE_SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="Queue slug."
)
NOTHING_WAITING = OpenApiResponse(description="Nothing is waiting in your queues.")


@contextmanager
def found(what: str) -> Iterator[None]:
    """A row the request names that does not exist is a 404, whichever service looks."""
    try:
        yield
    except ObjectDoesNotExist:
        raise exceptions.NotFound(f"No such {what}.") from None


def _valid(serializer_class, data):
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class StaffView(APIView):
    permission_classes = [ReviewScope]
    renderer_classes = [JSONRenderer]

    def claim_state(self, pk: int) -> Response:
        claim = selectors.staff_claim(viewer=self.request.user, pk=pk)
        return Response(s.ClaimStateSerializer(claim).data)

    def verdict_state(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        verdict = Verdict.objects.select_related("rating", "author", "decided_by").get(pk=pk)
        return Response(s.VerdictOutSerializer(verdict).data, status=code)


def claim_action(*, summary: str, request, description: str = "", operation_id: str):
    return extend_schema(
        tags=[TAG],
        operation_id=operation_id,
        summary=summary,
        description=description,
        parameters=[CLAIM_ID],
        request=request,
        responses={(200, "application/json"): s.ClaimStateSerializer, **ACTION_ERRORS},
    )


# --- triage ---------------------------------------------------------------------------


class TriageView(StaffView):
    @claim_action(
        operation_id="claims_triage",
        summary="Queue a candidate for review",
        description="Into the named queue, or where the routing rules send it.",
        request=s.TriageInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.TriageInput, request.data)
        with found("claim"):
            workflow.claim_triage(
                claim=pk, actor=request.user, queue=data["queue"], note=data["note"]
            )
        return self.claim_state(pk)


class DismissView(StaffView):
    @claim_action(
        operation_id="claims_dismiss",
        summary="Dismiss a candidate (with a reason)",
        request=s.DismissInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.DismissInput, request.data)
        with found("claim"):
            workflow.claim_dismiss(claim=pk, actor=request.user, reason=data["reason"])
        return self.claim_state(pk)


class RestoreView(StaffView):
    @claim_action(
        operation_id="claims_restore",
        summary="Bring a dismissed claim back to triage",
        request=s.NoteInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.NoteInput, request.data)
        with found("claim"):
            workflow.claim_restore(claim=pk, actor=request.user, note=data["note"])
        return self.claim_state(pk)


class MergeView(StaffView):
    @claim_action(
        operation_id="claims_merge",
        summary="Merge a candidate as a duplicate of another claim",
        request=s.MergeInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.MergeInput, request.data)
        with found("claim"):
            workflow.claim_merge(
                claim=pk, canonical=data["canonical"], actor=request.user, note=data["note"]
            )
        return self.claim_state(pk)


# --- assignment -----------------------------------------------------------------------


class AssignView(StaffView):
    @claim_action(
        operation_id="claims_assign",
        summary="Assign a claim to a reviewer (editors)",
        description=(
            "A queued claim is assigned; a claim in review is reassigned (the previous "
            "assignment ends as `reassigned`). The reviewer is told by e-mail."
        ),
        request=s.AssignInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.AssignInput, request.data)
        with found("claim"):
            claim_give(claim=pk, actor=request.user, assignee=data["assignee"], note=data["note"])
        return self.claim_state(pk)


class ReleaseView(StaffView):
    @claim_action(
        operation_id="claims_release",
        summary="Hand a claim in review back to its queue",
        request=s.NoteInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.NoteInput, request.data)
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
        request=s.RequiredNoteInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.RequiredNoteInput, request.data)
        with found("claim"):
            workflow.claim_reopen(claim=pk, actor=request.user, note=data["note"])
        return self.claim_state(pk)


def _take(request, queue: ReviewQueue | None) -> Response:
    claim = assign_next(request.user, queue=queue)
    if claim is None:
        return Response(status=status.HTTP_204_NO_CONTENT)
    claim = selectors.staff_claim(viewer=request.user, pk=claim.pk)
    return Response(s.ClaimStateSerializer(claim).data)


_NEXT_RESPONSES = {
    (200, "application/json"): s.ClaimStateSerializer,
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


# --- sources and verdicts -------------------------------------------------------------


class SourcesView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="claims_sources_add",
        summary="Attach an evidence link to a claim being checked",
        parameters=[CLAIM_ID],
        request=s.SourceInput,
        responses={(201, "application/json"): s.SourceOutSerializer, **ACTION_ERRORS},
    )
    def post(self, request, pk: int):
        data = _valid(s.SourceInput, request.data)
        with found("claim"):
            source = workflow.claim_add_source(claim=pk, actor=request.user, **data)
        return Response(s.SourceOutSerializer(source).data, status=status.HTTP_201_CREATED)


class SourceView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="sources_remove",
        summary="Take a source link off a claim's working list",
        description="The link is kept (a verdict may cite it) and marked removed.",
        parameters=[SOURCE_ID],
        request=None,
        responses={(200, "application/json"): s.SourceOutSerializer, **ACTION_ERRORS},
    )
    def delete(self, request, pk: int):
        with found("source"):
            source = workflow.claim_remove_source(source=pk, actor=request.user)
        return Response(s.SourceOutSerializer(SourceLink.objects.get(pk=source.pk)).data)


class ProposeView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="claims_verdicts_propose",
        summary="Propose a verdict on the claim you hold",
        description="A new revision, sent for approval; it must cite the claim's sources.",
        parameters=[CLAIM_ID],
        request=s.ProposeInput,
        responses={(201, "application/json"): s.VerdictOutSerializer, **ACTION_ERRORS},
    )
    def post(self, request, pk: int):
        data = _valid(s.ProposeInput, request.data)
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
        responses={(200, "application/json"): s.VerdictOutSerializer, **ACTION_ERRORS},
    )


class ApproveView(StaffView):
    @verdict_action(
        operation_id="verdicts_approve",
        summary="Approve and publish a proposed verdict (editors; never your own)",
        request=s.NoteInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.NoteInput, request.data)
        with found("verdict"):
            workflow.verdict_approve(verdict=pk, actor=request.user, note=data["note"])
        return self.verdict_state(pk)


class RequestChangesView(StaffView):
    @verdict_action(
        operation_id="verdicts_request_changes",
        summary="Send a proposal back to its reviewer (editors, with a note)",
        request=s.RequiredNoteInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.RequiredNoteInput, request.data)
        with found("verdict"):
            workflow.verdict_request_changes(verdict=pk, actor=request.user, note=data["note"])
        return self.verdict_state(pk)


class WithdrawView(StaffView):
    @verdict_action(
        operation_id="verdicts_withdraw",
        summary="Withdraw your own proposal before it is decided",
        request=s.NoteInput,
    )
    def post(self, request, pk: int):
        data = _valid(s.NoteInput, request.data)
        with found("verdict"):
            workflow.verdict_withdraw(verdict=pk, actor=request.user, note=data["note"])
        return self.verdict_state(pk)


# --- bulk -----------------------------------------------------------------------------


def _bulk_response(results) -> Response:
    succeeded = sum(1 for r in results if r.ok)
    body = {"succeeded": succeeded, "failed": len(results) - succeeded, "results": results}
    return Response(s.BulkOutcomeSerializer(body).data)


_BULK_DESCRIPTION = (
    "Each claim is its own transaction: one that cannot take the action is reported in "
    "`results` with its error, and the others still go through. The request as a whole "
    "fails (400/403) only when it is wrong for every claim (bad input, no permission)."
)


class BulkTriageView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="triage_bulk",
        summary="Queue, dismiss or merge many candidates",
        description=_BULK_DESCRIPTION,
        request=s.BulkTriageInput,
        responses={
            (200, "application/json"): s.BulkOutcomeSerializer,
            **problems(400, *AUTH_ERRORS),
        },
    )
    def post(self, request):
        data = _valid(s.BulkTriageInput, request.data)
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
        request=s.BulkAssignInput,
        responses={
            (200, "application/json"): s.BulkOutcomeSerializer,
            **problems(400, *AUTH_ERRORS),
        },
    )
    def post(self, request):
        data = _valid(s.BulkAssignInput, request.data)
        results = claims_bulk_assign(
            claim_ids=data["claim_ids"],
            actor=request.user,
            assignee=data["assignee"],
            note=data["note"],
        )
        return _bulk_response(results)


# --- reads ----------------------------------------------------------------------------


class MyWorkView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="my_work",
        summary="Open assignments: yours, or (editors) everyone's",
        description=(
            "Soonest lease expiry first. Editors may filter by `assignee` and `queue`; for "
            "a fact-checker `assignee` is ignored: they see their own work."
        ),
        parameters=[s.MyWorkParams],
        responses={
            (200, "application/json"): s.WorkItemSerializer(many=True),
            **problems(400, *AUTH_ERRORS),
        },
    )
    def get(self, request):
        params = _valid(s.MyWorkParams, request.query_params)
        work = selectors.my_work(viewer=request.user, **params)
        return Response(s.WorkItemSerializer(work, many=True).data)


class QueuesView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="queues_list",
        summary="Active queues with backlog, in-review and overdue counts",
        request=None,
        responses={
            (200, "application/json"): s.QueueSerializer(many=True),
            **problems(*AUTH_ERRORS),
        },
    )
    def get(self, request):
        return Response(
            s.QueueSerializer(selectors.queues_overview(viewer=request.user), many=True).data
        )


class OverdueView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="overdue_list",
        summary="Claims past their queue's SLA (queued or in review)",
        description="Most overdue first.",
        parameters=[s.OverdueParams],
        responses={
            (200, "application/json"): s.OverdueItemSerializer(many=True),
            **problems(400, *AUTH_ERRORS),
        },
    )
    def get(self, request):
        params = _valid(s.OverdueParams, request.query_params)
        entries = selectors.overdue_entries(viewer=request.user, **params)
        return Response(s.OverdueItemSerializer(entries, many=True).data)


class InboxView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="editor_inbox",
        summary="Verdicts awaiting approval, oldest first (editors)",
        request=None,
        responses={
            (200, "application/json"): s.InboxItemSerializer(many=True),
            **problems(*AUTH_ERRORS),
        },
    )
    def get(self, request):
        inbox = selectors.editor_inbox(viewer=request.user)
        return Response(s.InboxItemSerializer(inbox, many=True).data)


class HistoryView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="claims_history",
        summary="Every step of a claim's life, oldest first",
        parameters=[CLAIM_ID],
        request=None,
        responses={
            (200, "application/json"): s.EventSerializer(many=True),
            **problems(404, *AUTH_ERRORS),
        },
    )
    def get(self, request, pk: int):
        with found("claim"):
            events = list(selectors.claim_history(viewer=request.user, pk=pk))
        return Response(s.EventSerializer(events, many=True).data)
