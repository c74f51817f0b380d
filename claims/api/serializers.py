"""Output shapes of the public record, as the OpenAPI schema declares them. They render
what the selectors loaded: no queries.

The consumer reads and the webhooks send the dicts ``claims.shapes`` builds from rows;
these serializers declare the same output (tests hold the two to the same bytes) and
render model instances. A pending claim renders with ``verdict`` null and nothing else
about its review; reviewer identities, drafts, notes and internal statuses have no field
here at all.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import selectors
from claims.claimreview import public_claim_url
from claims.models import AnonymousReport, Claim, SourceLink, Verdict


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
        return public_claim_url(obj.claim_id, obj.claim.statement)


class VerdictDetailSerializer(VerdictSerializer):
    """The verdict as a claim's detail (and its webhook) gives it: with its rationale."""

    rationale = serializers.CharField(
        help_text="The reasoning behind the rating, as the fact check's page publishes it; "
        "may be empty."
    )


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
_VERDICT_DETAIL = VerdictDetailSerializer()
_SOURCE = CitedSourceSerializer()
_REVISION = RevisionSerializer()


def _speaking_verdict(claim: Claim) -> Verdict | None:
    """``selectors.public_verdict`` with its claim (this one, or its loaded canonical) set on
    it, so the verdict's ``url`` names that claim's page without another query."""
    verdict = selectors.public_verdict(claim)
    if verdict is None:
        return None
    for owner in (claim, Claim.canonical.field.get_cached_value(claim, None)):
        if owner is not None and owner.pk == verdict.claim_id:
            Verdict.claim.field.set_cached_value(verdict, owner)
            break
    return verdict


class ClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField(help_text="The sentence as the article printed it.")
    claim_text = serializers.CharField(
        source="statement",
        help_text=(
            "The statement checked: the sentence without its attribution frame, dateline or "
            "time stamp (the sentence itself when the outlet asserts it)."
        ),
    )
    claimant = serializers.CharField(help_text="Who made the claim, as the article says.")
    claimant_role = serializers.CharField(
        help_text='The claimant\'s title or description ("transport director"); may be empty.'
    )
    cue = serializers.CharField(
        help_text='How the article attributes it ("said", "according to"); may be empty.'
    )
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
        verdict = _speaking_verdict(obj)
        return _VERDICT.to_representation(verdict) if verdict is not None else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_duplicate_of(self, obj: Claim) -> int | None:
        return obj.canonical_id if obj.status == Claim.Status.DUPLICATE else None


class CorroborationSourceSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Where the document is.")
    title = serializers.CharField(help_text="Its title as the desk entered it; may be empty.")


class CorroborationEvidenceSerializer(serializers.Serializer):
    claim = serializers.IntegerField(
        allow_null=True,
        help_text="The later claim (named-sourced) that corroborated or contradicted the "
        "report: its id under /api/v1/claims/; null if none, or while it is not public.",
    )
    verdict = serializers.IntegerField(
        allow_null=True, help_text="The published verdict that contradicted it, if one did."
    )
    source = CorroborationSourceSerializer(
        allow_null=True,
        help_text="The document (a primary document, an official statement or a data set "
        "the desk cited as this claim's source) that corroborated it, if one did.",
    )


class CorroborationSerializer(serializers.Serializer):
    """What became of an anonymously sourced report ("according to EU sources")."""

    state = serializers.ChoiceField(
        choices=AnonymousReport.State.choices,
        help_text="open: nobody named has said it yet; corroborated: a named source (or a "
        "document) later did; contradicted: a named source or a published verdict says "
        "otherwise; withdrawn: the outlet corrected it; stale: still unconfirmed after the "
        "desk's waiting time (30 days by default).",
    )
    since = serializers.DateTimeField(help_text="When it entered this state.")
    evidence = CorroborationEvidenceSerializer()


_CORROBORATION = CorroborationSerializer()


def _corroboration(claim: Claim) -> dict | None:
    """The ledger's entry of a loaded claim (``selectors.public_claim`` loads it, its
    evidence claim and the count), as ``claims.shapes.corroboration_data`` reads a row."""
    report = getattr(claim, "anonymous_report", None)
    if claim.sourcing != Claim.Sourcing.ANONYMOUS or report is None:
        return None
    evidence, source = report.evidence_claim, report.evidence_source
    return {
        "state": report.state,
        "since": report.since,
        "evidence": {
            "claim": evidence.pk if evidence and selectors.is_public(evidence) else None,
            "verdict": report.evidence_verdict_id,
            "source": None if source is None else {"url": source.url, "title": source.title},
        },
    }


class ClaimDetailSerializer(ClaimSerializer):
    verdict = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField(
        help_text="Sources cited by the published verdict (empty while pending)."
    )
    corrections = serializers.SerializerMethodField(
        help_text="Every published revision of the verdict, oldest first: the corrections log."
    )

    @extend_schema_field(VerdictDetailSerializer(allow_null=True))
    def get_verdict(self, obj: Claim):
        verdict = _speaking_verdict(obj)
        return _VERDICT_DETAIL.to_representation(verdict) if verdict is not None else None

    @extend_schema_field(CitedSourceSerializer(many=True))
    def get_sources(self, obj: Claim):
        return [_SOURCE.to_representation(s) for s in selectors.cited_sources(obj)]

    corroboration = serializers.SerializerMethodField(
        help_text="For an anonymously sourced claim, its report in the desk's ledger: "
        "whether it was later corroborated, contradicted, withdrawn or never confirmed; "
        "null for any other claim."
    )

    @extend_schema_field(RevisionSerializer(many=True))
    def get_corrections(self, obj: Claim):
        return [_REVISION.to_representation(v) for v in selectors.public_revisions(obj)]

    @extend_schema_field(CorroborationSerializer(allow_null=True))
    def get_corroboration(self, obj: Claim):
        data = _corroboration(obj)
        return _CORROBORATION.to_representation(data) if data is not None else None


class TombstoneSerializer(serializers.Serializer):
    """A claim that left the public view, as the change feed lists it: drop it."""

    id = serializers.IntegerField()
    removed = serializers.BooleanField(help_text="Always true: this claim is no longer public.")
    removed_at = serializers.DateTimeField(help_text="When it left the public view.")
    reason = serializers.ChoiceField(
        choices=Claim.RemovedReason.choices,
        help_text=(
            "merged: merged as a repeat of a claim that is not public; dismissed: set aside "
            "as not worth checking; unpublished: no longer public for another reason."
        ),
    )
    updated_at = serializers.DateTimeField(
        help_text="Its sync position, as for a live claim (at or after removed_at)."
    )


class RatingSerializer(serializers.Serializer):
    """One step of the newsroom's verdict scale, as a verdict's ``rating`` names it."""

    slug = serializers.SlugField(help_text="What verdicts give as rating, and ?rating= takes.")
    label = serializers.CharField(help_text="The name readers see.")
    value = serializers.IntegerField(
        allow_null=True,
        help_text="ClaimReview reviewRating.ratingValue: its place on the numeric scale; "
        "null for a rating off the scale (misleading, unverifiable).",
    )
    alternate_name = serializers.CharField(help_text="ClaimReview reviewRating.alternateName.")
    order = serializers.IntegerField(help_text="Its place in the list, the scale's order.")
    description = serializers.CharField(help_text="What it means, in plain words; may be empty.")
    active = serializers.BooleanField(
        source="is_active",
        help_text="False for a retired rating: no new verdict takes it, published ones keep it.",
    )


class RatingScaleSerializer(serializers.Serializer):
    worst_rating = serializers.IntegerField(
        allow_null=True, help_text="The lowest value (ClaimReview worstRating); null if none."
    )
    best_rating = serializers.IntegerField(
        allow_null=True, help_text="The highest value (ClaimReview bestRating); null if none."
    )
    results = RatingSerializer(many=True, help_text="Every rating, in the scale's order.")


def rating_scale_data(ratings: list) -> dict:
    """``RatingScaleSerializer``'s output for the whole scale (``selectors.ratings``): the
    range of its values as ``selectors.rating_scale`` reads it, from the same rows."""
    values = [rating.value for rating in ratings if rating.value is not None]
    return {
        "worst_rating": min(values, default=None),
        "best_rating": max(values, default=None),
        "results": RatingSerializer(ratings, many=True).data,
    }


class ArticleLookupSerializer(ArticleRefSerializer):
    claims = ClaimSerializer(many=True, source="public_claims")
