"""Query parameters of the read endpoints, validated like any input (400 with field errors)."""

from __future__ import annotations

from rest_framework import serializers

from claims.ingestion.urls import InvalidURL, normalize_url
from claims.models import Claim, Rating


def _normalized(value: str) -> str:
    try:
        return normalize_url(value)
    except InvalidURL as exc:
        raise serializers.ValidationError(exc.message) from None


class ClaimFilters(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["pending", "published"],
        required=False,
        help_text="published: has a published verdict; pending: being checked, no verdict yet.",
    )
    rating = serializers.SlugField(
        required=False, help_text="Rating slug of the published verdict, e.g. mostly_true."
    )
    claimant = serializers.CharField(
        required=False, max_length=300, help_text="Who made the claim (case-insensitive part)."
    )
    sourcing = serializers.ChoiceField(choices=Claim.Sourcing.choices, required=False)
    article_url = serializers.CharField(
        required=False,
        max_length=4096,
        help_text="The article's address; normalized (tracking parameters etc. ignored).",
    )
    q = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Text search in the sentence, claim text, claimant and role.",
    )
    updated_since = serializers.DateTimeField(
        required=False,
        help_text="ISO 8601; only claims whose updated_at is at or after this moment.",
    )

    def validate_article_url(self, value: str) -> str:
        return _normalized(value)

    def validate_rating(self, value: str) -> str:
        if not Rating.objects.filter(slug=value).exists():
            raise serializers.ValidationError(f"Unknown rating {value!r}.")
        return value


class FeedFilters(serializers.Serializer):
    updated_since = serializers.DateTimeField(
        required=False,
        help_text="ISO 8601; only ClaimReviews updated at or after this moment.",
    )


class ArticleLookupParams(serializers.Serializer):
    url = serializers.CharField(max_length=4096, help_text="The article's address.")

    def validate_url(self, value: str) -> str:
        return _normalized(value)
