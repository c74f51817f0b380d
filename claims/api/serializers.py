"""Output shapes of the public record. They render what the selectors loaded: no queries.

A pending claim renders with ``verdict`` null and nothing else about its review; reviewer
identities, drafts, notes and internal statuses have no field here at all.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import selectors
from claims.claimreview import public_claim_url
from claims.models import Claim, SourceLink, Verdict


class ArticleRefSerializer(serializers.Serializer):
    url = serializers.URLField(allow_null=True)
    title = serializers.CharField()
    outlet = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


class VerdictSerializer(serializers.Serializer):
    rating = serializers.CharField(source="rating.slug", help_text="Rating slug.")
    label = serializers.CharField(source="rating.label")
    value = serializers.IntegerField(
        source="rating.value", allow_null=True, help_text="Place on the numeric scale, if any."
    )
    headline = serializers.CharField()
    summary = serializers.CharField()
    published_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="The fact check's public page.")

    def get_url(self, obj: Verdict) -> str:
        return public_claim_url(obj.claim_id)


class CitedSourceSerializer(serializers.Serializer):
    url = serializers.URLField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=SourceLink.Kind.choices)
    stance = serializers.ChoiceField(choices=SourceLink.Stance.choices)


class RevisionSerializer(serializers.Serializer):
    """One entry of the corrections log: a verdict as it was published."""

    rating = serializers.CharField(source="rating.slug")
    label = serializers.CharField(source="rating.label")
    value = serializers.IntegerField(source="rating.value", allow_null=True)
    headline = serializers.CharField()
    published_at = serializers.DateTimeField()
    superseded = serializers.SerializerMethodField(
        help_text="True once a later revision replaced it."
    )

    def get_superseded(self, obj: Verdict) -> bool:
        return obj.state == Verdict.State.SUPERSEDED


# One instance each, reused for every item: building a serializer per item (deep-copying
# its fields) cost more than rendering it. to_representation keeps no per-call state.
_VERDICT = VerdictSerializer()
_SOURCE = CitedSourceSerializer()
_REVISION = RevisionSerializer()


class ClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    claimant = serializers.CharField(help_text="Who made the claim, as the article says.")
    sourcing = serializers.ChoiceField(choices=Claim.Sourcing.choices)
    article = ArticleRefSerializer(allow_null=True)
    review_status = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()
    duplicate_of = serializers.SerializerMethodField(
        help_text="For a repeat of a checked claim: the id of the claim whose verdict applies."
    )
    updated_at = serializers.DateTimeField(
        source="synced_at", help_text="Last change visible here; the sync position."
    )

    @extend_schema_field(serializers.ChoiceField(choices=["pending", "published"]))
    def get_review_status(self, obj: Claim) -> str:
        return selectors.review_status(obj)

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_verdict(self, obj: Claim):
        verdict = selectors.public_verdict(obj)
        return _VERDICT.to_representation(verdict) if verdict is not None else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_duplicate_of(self, obj: Claim) -> int | None:
        return obj.canonical_id if obj.status == Claim.Status.DUPLICATE else None


class ClaimDetailSerializer(ClaimSerializer):
    sources = serializers.SerializerMethodField(
        help_text="Sources cited by the published verdict (empty while pending)."
    )
    corrections = serializers.SerializerMethodField(
        help_text="Every published revision of the verdict, oldest first: the corrections log."
    )

    @extend_schema_field(CitedSourceSerializer(many=True))
    def get_sources(self, obj: Claim):
        return [_SOURCE.to_representation(s) for s in selectors.cited_sources(obj)]

    @extend_schema_field(RevisionSerializer(many=True))
    def get_corrections(self, obj: Claim):
        return [_REVISION.to_representation(v) for v in selectors.public_revisions(obj)]


class ArticleLookupSerializer(ArticleRefSerializer):
    claims = ClaimSerializer(many=True, source="public_claims")
