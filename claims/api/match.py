"""``GET /api/v1/claims/match/?text=...``: has this been checked before? (scope ``read``)

The consumer's question from a platform: here is a sentence, is there a published fact check
of the same claim? Retrieval from the full-text index, re-ranked with ``match_score``;
only published claims are candidates, so nothing unpublished is revealed (not even by its
absence from the ranking).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims import selectors
from claims.api.conditional import ConditionalGetMixin
from claims.api.permissions import ReadPublished
from claims.api.schema import NOT_MODIFIED, READ_ERRORS, problems
from claims.api.serializers import ClaimSerializer
from claims.matching.query import framed
from claims.matching.retrieval import find_similar

MAX_RESULTS = 20


class MatchParams(serializers.Serializer):
    text = serializers.CharField(
        max_length=2000, trim_whitespace=True, help_text="The claim to look up, in any wording."
    )
    limit = serializers.IntegerField(
        required=False,
        default=5,
        min_value=1,
        max_value=MAX_RESULTS,
        help_text=f"At most this many matches (1-{MAX_RESULTS}, default 5).",
    )


class MatchSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="How sure the matcher is that it is the same claim.")
    decision = serializers.ChoiceField(
        choices=["auto", "suggest"],
        help_text="auto: the same claim; suggest: probably the same, worth a look.",
    )
    claim = ClaimSerializer(help_text="The published claim, with its verdict.")


class MatchResponseSerializer(serializers.Serializer):
    matches = MatchSerializer(many=True, help_text="Best match first; empty if none.")


class ClaimMatchView(ConditionalGetMixin, GenericAPIView):
    permission_classes = [ReadPublished]
    renderer_classes = [JSONRenderer]
    serializer_class = MatchResponseSerializer

    @extend_schema(
        tags=["Published claims"],
        operation_id="claims_match",
        summary="Published fact checks of the claim in this text",
        description=(
            "Finds published claims that state the same thing as `text`, however it is "
            "worded (numbers, abbreviations, order), and returns them with their verdicts, "
            "best match first. Claims differing in a number, date, negation, name or "
            "direction are not matches. A repeat stored as a duplicate is reported as the "
            "claim it repeats."
        ),
        parameters=[MatchParams],
        responses={
            (200, "application/json"): MatchResponseSerializer,
            **NOT_MODIFIED,
            **problems(400, *READ_ERRORS),
        },
        examples=[
            OpenApiExample(
                "A match",
                value={"matches": [{"score": 0.91, "decision": "suggest", "claim": {"id": 12}}]},
                response_only=True,
            )
        ],
    )
    def get(self, request):
        params = MatchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        text, limit = params.validated_data["text"], params.validated_data["limit"]
        # Queries: the index lookup, the published candidates with article and verdict, and
        # their stored embeddings. The text is matched as its claim (frame removed); the speaker
        # its frame names may raise a candidate with the same claimant.
        claim, claimant = framed(text)
        matches = find_similar(
            claim,
            claimant=claimant,
            top=limit,
            published_only=True,
            queryset=selectors.public_claims(viewer=request.user, status="published"),
        )
        # A list: a match that stops being public moves no date of the ones left.
        self.last_modified = self.record_version()
        data = [
            {"score": m.score, "decision": m.result.decision, "claim": m.claim} for m in matches
        ]
        return Response(MatchResponseSerializer({"matches": data}).data)
