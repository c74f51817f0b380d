"""Staff article endpoints: submit an article for ingestion, and follow what became of it.

``POST /api/v1/articles/`` takes JSON ``{"url"}``, ``{"html", "url"?}`` or
``{"text", "title"?, "url"?}``, or a multipart upload of an HTML or plain-text ``file`` (with
optional ``url`` and ``title``). The size cap is checked before anything is parsed (413);
the ingestion services in ``claims.ingestion.pipeline`` do the rest and refuse bad input
before writing a row. ``GET /api/v1/articles/{id}/`` is the internal record: ingestion status
and error, and every claim with its internal status and scores.
"""

from __future__ import annotations

from django.db.models import F, Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiRequest,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims.api.conditional import ConditionalGetMixin
from claims.api.ids import id_parameter
from claims.api.parsers import BoundedJSONParser, BoundedMultiPartParser, check_content_length
from claims.api.permissions import ReadInternalRecord, SubmitArticles
from claims.api.schema import WebAddressField, problems
from claims.ingestion import pipeline
from claims.models import Article, Claim
from claims.types import User

TAG = "Articles (staff)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md")
# What a multipart part's Content-Type may say (the schema's encoding): an HTML or a text
# type. A part without one (or application/octet-stream) is judged by its file name.
UPLOAD_TYPES = ", ".join(sorted(HTML_TYPES | TEXT_TYPES))


# --- the internal record (belongs in claims.selectors once that module takes it) --------


def staff_article(*, viewer: User | None, pk: int) -> Article:
    """The article with every claim (internal fields) and their published ratings. Two
    queries whatever the number of claims. Raises ``Article.DoesNotExist``."""
    claims = Claim.objects.select_related("published_verdict__rating").order_by(
        F("span_start").asc(nulls_last=True), "id"
    )
    return (
        Article.objects.select_related("submitted_by")
        .prefetch_related(Prefetch("claims", queryset=claims, to_attr="all_claims"))
        .get(pk=pk)
    )


# --- input -----------------------------------------------------------------------------


class _SubmitBase(serializers.Serializer):
    def validate(self, attrs):
        contents = [key for key in ("html", "text", "file") if key in attrs]
        if len(contents) > 1:
            raise serializers.ValidationError(
                f"Send one content at a time, not {' and '.join(contents)}."
            )
        if not contents and not attrs.get("url"):
            raise serializers.ValidationError(
                "Send a url to fetch, html or text (JSON), or an HTML or text file (multipart)."
            )
        if "title" in attrs and "html" in attrs:
            raise serializers.ValidationError(
                {"title": "An HTML page brings its own title; title goes with text."}
            )
        return attrs


_URL = {
    "max_length": 2048,
    "help_text": "The article's address (http or https). Alone: fetched by the server.",
}


class ArticleSubmitSerializer(_SubmitBase):
    """Validates every shape; the schema shows them one by one."""

    url = WebAddressField(required=False, **_URL)
    html = serializers.CharField(required=False, trim_whitespace=False, allow_blank=True)
    text = serializers.CharField(required=False, trim_whitespace=False, allow_blank=True)
    title = serializers.CharField(required=False, max_length=500, allow_blank=True)
    file = serializers.FileField(required=False, allow_empty_file=True)


class SubmitURLSerializer(serializers.Serializer):
    url = WebAddressField(**_URL)


class SubmitHTMLSerializer(serializers.Serializer):
    html = serializers.CharField(help_text="A whole HTML page.")
    url = WebAddressField(required=False, **_URL)


class SubmitTextSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="Plain text of the article.")
    title = serializers.CharField(required=False, max_length=500)
    url = WebAddressField(required=False, **_URL)


class SubmitFileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="An HTML page (.html) or plain text (.txt).")
    url = WebAddressField(required=False, **_URL)
    title = serializers.CharField(required=False, max_length=500, help_text="For text files.")


SUBMIT_JSON = PolymorphicProxySerializer(
    component_name="ArticleSubmission",
    serializers=[SubmitURLSerializer, SubmitHTMLSerializer, SubmitTextSerializer],
    resource_type_field_name=None,
)


# --- output ----------------------------------------------------------------------------


class StaffVerdictRefSerializer(serializers.Serializer):
    rating = serializers.CharField(source="rating.slug")
    version = serializers.IntegerField()
    published_at = serializers.DateTimeField()


class StaffClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    claimant = serializers.CharField()
    sourcing = serializers.ChoiceField(choices=Claim.Sourcing.choices)
    status = serializers.ChoiceField(
        choices=Claim.Status.choices, help_text="Internal workflow status."
    )
    checkworthiness = serializers.FloatField(
        allow_null=True, help_text="The extractor's score, 0 to 1."
    )
    flags = serializers.ListField(child=serializers.CharField())
    span_start = serializers.IntegerField(allow_null=True)
    span_end = serializers.IntegerField(allow_null=True)
    duplicate_of = serializers.IntegerField(source="canonical_id", allow_null=True)
    published_verdict = StaffVerdictRefSerializer(allow_null=True)
    updated_at = serializers.DateTimeField()


class StaffArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField(allow_null=True)
    canonical_url = serializers.CharField()
    origin = serializers.ChoiceField(choices=Article.Origin.choices)
    title = serializers.CharField()
    outlet = serializers.CharField()
    author = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField()
    status = serializers.ChoiceField(
        choices=Article.Status.choices,
        help_text="pending and running: ingestion under way; done; failed (see error).",
    )
    error = serializers.CharField(help_text="Why ingestion failed, in plain words.")
    text_length = serializers.SerializerMethodField(help_text="Characters of extracted text.")
    submitted_by = serializers.CharField(source="submitted_by.username", allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    claims = StaffClaimSerializer(many=True, source="all_claims")

    def get_text_length(self, obj: Article) -> int:
        return len(obj.text or "")


# --- views -----------------------------------------------------------------------------


def _kind_of_upload(upload) -> str:
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    name = (upload.name or "").lower()
    if content_type in HTML_TYPES:
        return "html"
    if content_type in TEXT_TYPES:
        return "text"
    if content_type in ("", "application/octet-stream"):
        if name.endswith(HTML_SUFFIXES):
            return "html"
        if name.endswith(TEXT_SUFFIXES):
            return "text"
    raise exceptions.UnsupportedMediaType(
        content_type or "unknown",
        detail=(
            f"The file must be HTML (text/html) or plain text (text/plain), not "
            f"{content_type or 'an unknown type'}."
        ),
    )


def _ingest(data: dict, actor) -> pipeline.IngestResult:
    url = data.get("url") or None
    upload = data.get("file")
    if upload is not None:
        kind = _kind_of_upload(upload)
        # Django has already stored the part (bounded by Content-Length); the services
        # size-check the bytes before decoding them.
        content = upload.read()
        if kind == "html":
            return pipeline.ingest_html(html=content, url=url, actor=actor)
        return pipeline.ingest_text(text=content, title=data.get("title", ""), url=url, actor=actor)
    if "html" in data:
        return pipeline.ingest_html(html=data["html"], url=url, actor=actor)
    if "text" in data:
        return pipeline.ingest_text(
            text=data["text"], title=data.get("title", ""), url=url, actor=actor
        )
    return pipeline.submit_url(url=url, actor=actor)


def _render(article_id: int) -> dict:
    return StaffArticleSerializer(staff_article(viewer=None, pk=article_id)).data


ARTICLE_ID = id_parameter("Article id.")
LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    description="The article's address in this API.",
    response=[200, 202],
)


class ArticleSubmitView(GenericAPIView):
    permission_classes = [SubmitArticles]
    parser_classes = [BoundedJSONParser, BoundedMultiPartParser]
    renderer_classes = [JSONRenderer]
    serializer_class = ArticleSubmitSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and permissions first
        check_content_length(request)

    @extend_schema(
        tags=[TAG],
        operation_id="articles_submit",
        summary="Submit an article (URL, HTML, text, or a file) for ingestion",
        description=(
            "Scope `ingest` (or a staff session) of an account that may add articles. "
            "JSON: `{url}` (fetched by the server), `{html, url?}` or `{text, title?, url?}`; "
            "or multipart/form-data with an HTML or plain-text `file`. The body may be at "
            "most 2 x INGEST_MAX_BYTES + 64 KiB (413 before parsing); the content itself at "
            "most INGEST_MAX_BYTES. 202: ingestion is queued; follow `Location`. 200: the "
            "same content (or URL) is already known; nothing new was queued. Bad input "
            "writes nothing: 400 (invalid or refused URL, missing content; a URL whose "
            "address, or host name as resolved now, is not on the public internet, and one "
            "whose host name does not resolve, get the same `blocked_address` answer), 413, 415 "
            "(a file that is neither HTML nor text), 422 (content refused: binary, empty, "
            "undecodable, no article text; `code` says which)."
        ),
        parameters=[LOCATION],
        request={
            "application/json": SUBMIT_JSON,
            "multipart/form-data": OpenApiRequest(
                SubmitFileSerializer, encoding={"file": {"contentType": UPLOAD_TYPES}}
            ),
        },
        responses={
            (202, "application/json"): OpenApiResponse(
                StaffArticleSerializer, description="Queued for ingestion."
            ),
            (200, "application/json"): OpenApiResponse(
                StaffArticleSerializer, description="Already known; nothing queued."
            ),
            **problems(400, 401, 403, 406, 413, 415, 422, 429),
        },
        examples=[
            OpenApiExample(
                "By URL",
                value={"url": "https://news.example.org/2025/08/story"},
                request_only=True,
            ),
            OpenApiExample(
                "Pasted text",
                value={"text": "The truce held.", "title": "Notes"},
                request_only=True,
            ),
        ],
    )
    def post(self, request):
        params = self.get_serializer(data=request.data)
        params.is_valid(raise_exception=True)
        result = _ingest(params.validated_data, request.user)
        article_id = result.article.pk
        location = request.build_absolute_uri(reverse("api:article-detail", args=[article_id]))
        queued = result.created or result.updated
        return Response(
            _render(article_id),
            status=status.HTTP_202_ACCEPTED if queued else status.HTTP_200_OK,
            headers={"Location": location},
        )


class ArticleDetailView(ConditionalGetMixin, GenericAPIView):
    permission_classes = [ReadInternalRecord]
    renderer_classes = [JSONRenderer]
    serializer_class = StaffArticleSerializer

    @extend_schema(
        tags=[TAG],
        operation_id="articles_retrieve",
        summary="An article's ingestion status and all its claims (internal record)",
        description=(
            "Scope `ingest` or `review` (or a staff session) of an account that may see "
            "unpublished claims. Every claim the article yielded, with its internal status, "
            "check-worthiness score, sourcing and flags."
        ),
        parameters=[ARTICLE_ID],
        responses={
            (200, "application/json"): StaffArticleSerializer,
            304: OpenApiResponse(description="Not modified (If-None-Match matched)."),
            **problems(401, 403, 404, 406, 429),
        },
    )
    def get(self, request, pk: int):
        try:
            article = staff_article(viewer=request.user, pk=pk)
        except Article.DoesNotExist:
            raise exceptions.NotFound("No article with this id.") from None
        self.last_modified = article.updated_at
        return Response(self.get_serializer(article).data)
