"""Evidence links on a claim being checked: attach one, take one off."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from claims import workflow
from claims.api.ids import id_parameter
from claims.models import SourceLink
from reviewers.api import serializers
from reviewers.api.views.common import ACTION_ERRORS, CLAIM_ID, TAG, StaffView, found, valid

SOURCE_ID = id_parameter("Source link id.")


class SourcesView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="claims_sources_add",
        summary="Attach an evidence link to a claim being checked",
        parameters=[CLAIM_ID],
        request=serializers.SourceInput,
        responses={(201, "application/json"): serializers.SourceOutSerializer, **ACTION_ERRORS},
    )
    def post(self, request, pk: int):
        data = valid(serializers.SourceInput, request.data)
        with found("claim"):
            source = workflow.claim_add_source(claim=pk, actor=request.user, **data)
        return Response(
            serializers.SourceOutSerializer(source).data, status=status.HTTP_201_CREATED
        )


class SourceView(StaffView):
    @extend_schema(
        tags=[TAG],
        operation_id="sources_remove",
        summary="Take a source link off a claim's working list",
        description="The link is kept (a verdict may cite it) and marked removed.",
        parameters=[SOURCE_ID],
        request=None,
        responses={(200, "application/json"): serializers.SourceOutSerializer, **ACTION_ERRORS},
    )
    def delete(self, request, pk: int):
        with found("source"):
            source = workflow.claim_remove_source(source=pk, actor=request.user)
        return Response(serializers.SourceOutSerializer(SourceLink.objects.get(pk=source.pk)).data)
