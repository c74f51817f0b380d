"""What every staff endpoint shares: the base view, the 404 rule, input validation and the
schema pieces (tag, error responses, the claim id parameter)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.ids import id_parameter
from claims.api.schema import problems
from claims.models import Verdict
from reviewers import selectors
from reviewers.api import serializers
from reviewers.api.permissions import ReviewScope

TAG = "Workflow (staff)"
AUTH_ERRORS = (401, 403, 429)
ACTION_ERRORS = problems(400, 404, 409, *AUTH_ERRORS)
# An action whose input names another row (a queue, a reviewer, a claim): one that does
# not exist is a 422 unprocessable_input (the claim in the path stays a 404).
REFERENCE_ERRORS = problems(422)

CLAIM_ID = id_parameter("Claim id.")


@contextmanager
def found(what: str) -> Iterator[None]:
    """A row the request names that does not exist is a 404, whichever service looks."""
    try:
        yield
    except ObjectDoesNotExist:
        raise exceptions.NotFound(f"No such {what}.") from None


def valid(serializer_class, data):
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class StaffView(APIView):
    permission_classes = [ReviewScope]
    renderer_classes = [JSONRenderer]

    def claim_state(self, pk: int) -> Response:
        claim = selectors.staff_claim(viewer=self.request.user, pk=pk)
        return Response(serializers.ClaimStateSerializer(claim).data)

    def verdict_state(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        verdict = Verdict.objects.select_related("rating", "author", "decided_by").get(pk=pk)
        return Response(serializers.VerdictOutSerializer(verdict).data, status=code)


def claim_action(
    *,
    summary: str,
    request,
    description: str = "",
    operation_id: str,
    names_rows: bool = False,
):
    errors = {**ACTION_ERRORS, **(REFERENCE_ERRORS if names_rows else {})}
    return extend_schema(
        tags=[TAG],
        operation_id=operation_id,
        summary=summary,
        description=description,
        parameters=[CLAIM_ID],
        request=request,
        responses={(200, "application/json"): serializers.ClaimStateSerializer, **errors},
    )
