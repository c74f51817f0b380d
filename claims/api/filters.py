"""Query parameters of the read endpoints, validated like any input (400 with field errors)."""

from __future__ import annotations

from urllib.parse import urlsplit

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.exceptions import DOES_NOT_EXIST, EMPTY_RANGE
from claims.api.schema import WebAddressField
from claims.ingestion.urls import InvalidURL, normalize_url
from claims.models import Claim, Rating
from claims.selectors import ORDERINGS

MAX_VALUES = 20
# One value of a slug list: at most MAX_VALUES slugs, comma-separated.
SLUG_LIST = rf"^[-a-zA-Z0-9_]+(,[-a-zA-Z0-9_]+){{0,{MAX_VALUES - 1}}}$"
# A language tag as BCP 47 spells it (primary subtag, then any subtags): "en", "pt-BR".
LANGUAGE_TAG = r"^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$"
# A host name in ASCII, labels of 1 to 63 characters ("_" is kept: it exists in the wild).
HOST_NAME = r"^[A-Za-z0-9_-]{1,63}(\.[A-Za-z0-9_-]{1,63})*\.?$"


def _normalized(value: str) -> str:
    try:
        return normalize_url(value)
    except InvalidURL as exc:
        raise serializers.ValidationError(exc.message) from None


@extend_schema_field(
    {"oneOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}
)
class MomentField(serializers.DateTimeField):
    """ISO 8601, a date and time or a date alone (its midnight, UTC)."""

    default_error_messages = {
        "invalid": "Give an ISO 8601 date (YYYY-MM-DD) or date and time "
        "(YYYY-MM-DDThh:mm[:ss][+HH:MM|Z])."
    }


@extend_schema_field({"type": "string", "pattern": HOST_NAME})
class HostNameField(serializers.CharField):
    """A host name. The schema states its ASCII spelling; a name in another script is taken
    too (and compared in its IDNA form)."""


class SlugListField(serializers.ListField):
    """Slugs, as the parameter repeated (``rating=false&rating=misleading``) or as one
    comma-separated value (``rating=false,misleading``), or both; duplicates dropped.

    The limits are the ones the schema can state: at most MAX_VALUES values (maxItems) of
    at most MAX_VALUES slugs each (the pattern), so one lookup of at most 400 slugs."""

    def __init__(self, **kwargs):
        child = serializers.RegexField(SLUG_LIST, max_length=400)
        super().__init__(child=child, min_length=1, max_length=MAX_VALUES, **kwargs)

    def run_validation(self, data=serializers.empty):
        # Split after the list's own validation, so its limits count the values as sent.
        values = super().run_validation(data)
        return list(dict.fromkeys(slug for value in values for slug in value.split(",")))


class ClaimFilters(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["pending", "published"],
        required=False,
        help_text="published: has a published verdict; pending: being checked, no verdict yet.",
    )
    rating = SlugListField(
        required=False,
        help_text=(
            "Rating slugs of the published verdict (any of them, see /api/v1/ratings/): "
            "repeat the parameter or separate them with commas, e.g. false,misleading. A "
            "slug that is not on the scale is a 422 naming it (code does_not_exist)."
        ),
    )
    claimant = serializers.CharField(
        required=False,
        max_length=300,
        help_text="Who made the claim: a case-insensitive part of the name (witkoff).",
    )
    sourcing = serializers.ChoiceField(choices=Claim.Sourcing.choices, required=False)
    article_url = WebAddressField(
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
    published_after = MomentField(
        required=False,
        help_text=(
            "Only claims whose verdict (verdict.published_at) was published at or after this "
            "moment; a date alone is its midnight UTC. Lists published claims only."
        ),
    )
    published_before = MomentField(
        required=False,
        help_text=(
            "Only claims whose verdict was published before this moment (exclusive: "
            "published_after=2025-08-01&published_before=2025-09-01 is August). Lists "
            "published claims only. Not later than published_after: a range that holds no "
            "moment, a 422 (code empty_range)."
        ),
    )
    language = serializers.RegexField(
        LANGUAGE_TAG,
        required=False,
        max_length=35,
        help_text='The article\'s language (BCP 47 tag, case-insensitive): "en" also finds en-GB.',
    )
    publisher = serializers.CharField(
        required=False,
        max_length=200,
        help_text="The article's outlet, its whole name, case-insensitive (Example News).",
    )
    domain = HostNameField(
        required=False,
        max_length=253,
        help_text=(
            "The host of the article's address, with or without www.: example.com finds "
            "example.com and www.example.com; ask for news.example.com by its name."
        ),
    )
    ordering = serializers.ChoiceField(
        choices=list(ORDERINGS),
        default="updated_at",
        help_text=(
            "updated_at (default): the change feed's order, oldest change first, for sync. "
            "-published_at: newest verdict first; published_at: oldest verdict first. The "
            "verdict orders list published claims only (no pending claims, no tombstones); "
            "claims whose verdict has the same date (a claim and its repeats) follow their "
            "id. Keep the ordering when you follow next and previous links."
        ),
    )
    count = serializers.BooleanField(
        default=False,
        help_text=(
            "true: add the total number of items of the whole list, all pages, as count. "
            "Off by default: counting costs a query that grows with the list."
        ),
    )

    def validate_article_url(self, value: str) -> str:
        return _normalized(value)

    def validate_domain(self, value: str) -> str:
        candidate = value.strip().rstrip(".")
        if not candidate or any(c in candidate for c in "/:@?#[] "):
            raise serializers.ValidationError("Give a host name, e.g. example.com.")
        try:
            return urlsplit(normalize_url(f"https://{candidate}/")).hostname
        except InvalidURL:
            raise serializers.ValidationError(f"{value!r} is not a host name.") from None

    def validate_rating(self, value: list[str]) -> list[int]:
        """The ratings' ids (what ``selectors.public_claims`` takes), or a 422 naming the
        slugs that are not on the scale."""
        known = dict(Rating.objects.filter(slug__in=value).values_list("slug", "id"))
        unknown = [slug for slug in value if slug not in known]
        if unknown:
            names = ", ".join(repr(slug) for slug in unknown)
            raise serializers.ValidationError(
                f"Unknown rating {names}; /api/v1/ratings/ lists the scale."
                if len(unknown) == 1
                else f"Unknown ratings {names}; /api/v1/ratings/ lists the scale.",
                code=DOES_NOT_EXIST,
            )
        return [known[slug] for slug in value]

    def validate(self, attrs: dict) -> dict:
        after, before = attrs.get("published_after"), attrs.get("published_before")
        if after is not None and before is not None and after >= before:
            raise serializers.ValidationError(
                {"published_before": "Must be later than published_after."}, code=EMPTY_RANGE
            )
        return attrs


class FeedFilters(serializers.Serializer):
    updated_since = serializers.DateTimeField(
        required=False,
        help_text="ISO 8601; only ClaimReviews updated at or after this moment.",
    )


class ArticleLookupParams(serializers.Serializer):
    url = WebAddressField(max_length=4096, help_text="The article's address.")

    def validate_url(self, value: str) -> str:
        return _normalized(value)
