"""The project's URLs plus bare baselines: the same rows as each consumer endpoint, read with
``.values()`` and returned with ``JsonResponse``: no DRF, no auth, no serializers, no ETag.
The API's cost is measured against these (``bench/api_load.py``)."""

from django.db.models import F, Q
from django.http import Http404, JsonResponse
from django.urls import include, path

from claims.models import Article, Claim, Rating, SourceLink, Verdict
from claims.selectors import DATED, PUBLIC, PUBLISHED, on_site

PAGE = 50
CLAIM_FIELDS = (
    "id",
    "text",
    "claimant",
    "sourcing",
    "status",
    "canonical_id",
    "synced_at",
    "article__url",
    "article__title",
    "article__outlet",
    "article__published_at",
    "published_verdict__rating__slug",
    "published_verdict__headline",
    "published_verdict__summary",
    "published_verdict__published_at",
)


def _page(qs, request):
    after = request.GET.get("after")
    if after:
        qs = qs.filter(synced_at__gt=after)
    return list(qs.order_by("synced_at", "id").values(*CLAIM_FIELDS)[:PAGE])


def claims(request):
    qs = Claim.objects.filter(PUBLIC)
    body = {"results": _page(qs, request)}
    if request.GET.get("count"):  # what count=true adds: the rows after the moment, counted
        after = request.GET.get("after")
        body["count"] = (qs.filter(synced_at__gt=after) if after else qs).count()
    return JsonResponse(body)


def claims_filtered(request):
    """The list's filters as a syncing platform sets them: some ratings, a language, a
    site, in change-feed order."""
    ids = list(
        Rating.objects.filter(slug__in=request.GET["rating"].split(",")).values_list(
            "id", flat=True
        )
    )
    language = request.GET["language"]
    qs = Claim.objects.filter(
        PUBLIC,
        Q(published_verdict__rating_id__in=ids)
        | Q(status="duplicate", canonical__published_verdict__rating_id__in=ids),
        Q(article__language__iexact=language) | Q(article__language__istartswith=f"{language}-"),
        on_site(request.GET["domain"], "article__url"),
    )
    return JsonResponse({"results": _page(qs, request)})


def claims_newest(request):
    """Newest verdict first, from a moment on (a page at a random place of that order)."""
    qs = Claim.objects.filter(DATED, verdict_published_at__lt=request.GET["before"])
    rows = qs.order_by("-verdict_published_at", "-id").values(*CLAIM_FIELDS)[:PAGE]
    return JsonResponse({"results": list(rows)})


def claimreview_feed(request):
    return JsonResponse({"results": _page(Claim.objects.filter(PUBLISHED), request)})


def claim(request, pk: int):
    row = Claim.objects.filter(PUBLIC, pk=pk).values(*CLAIM_FIELDS).first()
    if row is None:
        raise Http404
    row["sources"] = list(
        SourceLink.objects.filter(citations__verdict__claim_id=pk).values("url", "title", "kind")
    )
    row["corrections"] = list(
        Verdict.objects.filter(claim_id=pk, published_at__isnull=False)
        .order_by("published_at")
        .values("rating__slug", "headline", "published_at", "state")
    )
    return JsonResponse(row)


def article(request):
    row = (
        Article.objects.filter(url=request.GET.get("url"))
        .values("id", "url", "title", "outlet", "published_at")
        .first()
    )
    if row is None:
        raise Http404
    row["claims"] = list(
        Claim.objects.filter(PUBLIC, article_id=row.pop("id"))
        .order_by(F("span_start").asc(nulls_last=True), "id")
        .values(*CLAIM_FIELDS)
    )
    return JsonResponse(row)


urlpatterns = [
    path("bench/baseline/claims/", claims),
    path("bench/baseline/claims/filtered/", claims_filtered),
    path("bench/baseline/claims/newest/", claims_newest),
    path("bench/baseline/claims/<int:pk>/", claim),
    path("bench/baseline/claimreview/", claimreview_feed),
    path("bench/baseline/articles/lookup/", article),
    path("", include("factcheck.urls")),
]
