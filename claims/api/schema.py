"""OpenAPI pieces shared by the views: the problem shape, error responses, the token scheme,
and the shape of the JSON-LD documents (keys starting with "@" are not Python names, so
those serializers are built with ``inline_serializer``; they only describe, never render).
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema_field, inline_serializer
from rest_framework import serializers

from claims.api.exceptions import PROBLEM_CONTENT_TYPE


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "claims.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API token (`fct_...`), created with `manage.py create_api_token` or in the "
                "admin. Scopes: read (published record, the token's own webhook "
                "subscriptions), ingest (submit articles), review (staff reads, workflow "
                "actions, staff webhook subscriptions)."
            ),
        }


class AddressRateLimitScheme(OpenApiAuthenticationExtension):
    """Not a credential (it only counts requests per address): no security scheme."""

    target_class = "claims.api.throttling.AddressRateLimit"
    name: list[str] = []

    def get_security_requirement(self, auto_schema):
        return None

    def get_security_definition(self, auto_schema):
        return []


def web_address(pattern: str = "^https?://") -> dict:
    """The schema of an address a request gives as text: a URI whose scheme the server
    takes (http or https), so a generated "example.com" is not called valid. The rest of
    the server's rules (a host name, no user name or password, the address guard's public
    addresses) are the endpoint's to say in words."""
    return {"type": "string", "format": "uri", "pattern": pattern}


@extend_schema_field(web_address())
class WebAddressField(serializers.CharField):
    """Text that must be an http(s) address; the view's own checks judge the rest (and say
    what is wrong in their words), the schema states the scheme."""


@extend_schema_field(web_address("^https://"))
class HttpsAddressField(WebAddressField):
    """An address that must be https (a consumer's webhook)."""


class ProblemFieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Dotted path of the input or query parameter.")
    detail = serializers.CharField()
    code = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(
        help_text="about:blank, or urn:factcheck:problem:<code> for app-specific kinds."
    )
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField(help_text="Stable machine-readable code.")
    errors = ProblemFieldErrorSerializer(
        many=True,
        required=False,
        help_text="Present on every 400 and on a 422 unprocessable_input.",
    )
    retry_after = serializers.IntegerField(
        required=False, help_text="On 429: seconds to wait (also in Retry-After)."
    )


_DESCRIPTIONS = {
    400: "Invalid query parameters or input; see errors.",
    401: "No credentials, or an invalid, expired or revoked token.",
    403: "Authenticated, but the token lacks the scope or the account the role.",
    404: "No such resource, or not public.",
    405: "Method not allowed.",
    406: "None of the accepted media types can be produced.",
    409: "The claim's current state does not allow this action (the workflow's order, or "
    "what it would add is there already); see code.",
    413: "Request body too large.",
    415: "Unsupported request media type.",
    422: "Well formed, but it cannot be acted on: unprocessable_input (it names a row that "
    "does not exist, or an empty date range; see errors), or content the ingestion "
    "refused (binary, empty, undecodable, no article text; see code).",
    429: "Rate limit reached; retry after the Retry-After seconds.",
}

READ_ERRORS = (401, 403, 406, 429)


def problems(*statuses: int) -> dict:
    """extend_schema ``responses`` entries for these error statuses."""
    return {
        (status, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            ProblemSerializer, description=_DESCRIPTIONS[status]
        )
        for status in statuses
    }


def document_unsupported_media_types(result, generator, request, public):
    """POSTPROCESSING_HOOKS: every operation with a request body answers 415 for a body of a
    media type its parsers do not take; say so where a view did not."""
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                operation["responses"].setdefault(
                    "415",
                    {
                        "content": {PROBLEM_CONTENT_TYPE: {"schema": problem_ref}},
                        "description": _DESCRIPTIONS[415],
                    },
                )
    return result


NOT_MODIFIED = {
    304: OpenApiResponse(description="Not modified (If-None-Match, or If-Modified-Since, matched).")
}


def _thing(component: str, /, *, required: bool = True, **fields) -> serializers.Serializer:
    return inline_serializer(
        name=component, fields={"@type": serializers.CharField(), **fields}, required=required
    )


# Built once: spectacular names components by class, and each call would make a new class.
_ORGANIZATION = _thing(
    "SchemaOrganization", name=serializers.CharField(), url=serializers.URLField()
)
_RATING = _thing(
    "SchemaRating",
    alternateName=serializers.CharField(),
    ratingValue=serializers.IntegerField(required=False),
    bestRating=serializers.IntegerField(required=False),
    worstRating=serializers.IntegerField(required=False),
)
# Two fields take this shape: instances of one class, so one component (one instance in
# two places would be bound, and documented, once).
_CREATIVE_WORK = type(
    _thing(
        "SchemaCreativeWork",
        url=serializers.URLField(),
        headline=serializers.CharField(required=False),
        publisher=_thing("SchemaPublisher", name=serializers.CharField(), required=False),
        datePublished=serializers.DateTimeField(required=False),
    )
)
_CLAIM = _thing(
    "SchemaClaim",
    author=_thing(
        "SchemaClaimant",
        name=serializers.CharField(),
        jobTitle=serializers.CharField(required=False, help_text="A person's role."),
        required=False,
    ),
    appearance=_CREATIVE_WORK(required=False),
    firstAppearance=_CREATIVE_WORK(
        required=False, help_text="The appearance, unless the claim repeats one checked before."
    ),
    inLanguage=serializers.CharField(required=False, help_text="BCP 47 language tag."),
    datePublished=serializers.DateTimeField(
        help_text="The article's date, or when the claim was first seen."
    ),
)


def _claim_review_fields(*, with_context: bool) -> dict:
    context = {"@context": serializers.CharField(help_text="https://schema.org")}
    return {
        **(context if with_context else {}),
        "@type": serializers.CharField(help_text="ClaimReview"),
        "url": serializers.URLField(),
        "claimReviewed": serializers.CharField(),
        "headline": serializers.CharField(),
        "reviewBody": serializers.CharField(),
        "author": _ORGANIZATION,
        "datePublished": serializers.DateTimeField(),
        "dateModified": serializers.DateTimeField(required=False),
        "reviewRating": _RATING,
        "itemReviewed": _CLAIM,
    }


CLAIM_REVIEW = inline_serializer(name="ClaimReview", fields=_claim_review_fields(with_context=True))

DATA_FEED = inline_serializer(
    name="ClaimReviewDataFeed",
    fields={
        "@context": serializers.CharField(),
        "@type": serializers.CharField(help_text="DataFeed"),
        "name": serializers.CharField(),
        "publisher": _ORGANIZATION,
        "dateModified": serializers.DateTimeField(required=False),
        "dataFeedElement": inline_serializer(
            name="ClaimReviewFeedElement",
            fields=_claim_review_fields(with_context=False),
            many=True,
        ),
    },
)
