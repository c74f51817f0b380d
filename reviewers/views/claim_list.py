"""The claims list: every claim the desk may see, any status, searched, filtered and sorted,
a page at a time, with a count per status. The filter lives in the URL (a GET form), so a
view can be bookmarked and shared."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone

from claims import permissions
from claims import selectors as claims_selectors
from claims.models import Claim
from claims.ratings import RatingBadge
from reviewers import selectors
from reviewers.forms import ClaimListForm
from reviewers.keyset import InvalidCursor
from reviewers.views.common import desk_view

desk_only = desk_view(permissions.can_review, "Only fact-checkers and editors use the desk.")

# Folded away under "More filters" (open when one of them is set): the search and the sort
# are what a desk reaches for first, and ten fields fill a phone's screen.
MORE_FILTERS = (
    "queue",
    "assignee",
    "claimant",
    "sourcing",
    "rating",
    "article",
    "created_from",
    "created_to",
    "has_match",
    "overdue",
)


@desk_only
def claim_list(request: HttpRequest) -> HttpResponse:
    # A submitted form sends every field, the empty ones too: keep the URL to what is set,
    # so the address a desk shares says what the view is.
    if any(value == "" for _, values in request.GET.lists() for value in values):
        return redirect(f"{request.path}?{_without(request.GET, empty=True).urlencode()}")
    form = ClaimListForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.warning(request, "Some filters could not be applied; see below.")
    filters, order = form.filters(), form.order()
    claimant = None
    if filters.claimant_ref is not None:
        claimant = selectors.claimant_named(viewer=request.user, pk=filters.claimant_ref)
        if claimant is not None and claimant.merged_into_id is not None:
            # An old link to a claimant merged since: the survivor's claims.
            moved = request.GET.copy()
            moved["claimant_id"] = str(claimant.merged_into_id)
            return redirect(f"{request.path}?{moved.urlencode()}")
        if claimant is None:
            messages.warning(request, f"There is no claimant #{filters.claimant_ref}.")
            filters = replace(filters, claimant_ref=None)
    try:
        page = selectors.desk_claims_page(
            viewer=request.user, filters=filters, sort=order, cursor=request.GET.get("cursor")
        )
    except InvalidCursor as exc:
        messages.warning(request, f"{exc} Showing the first page.")
        page = selectors.desk_claims_page(viewer=request.user, filters=filters, sort=order)
    counts = selectors.count_claims_by_status(viewer=request.user, filters=filters)
    now = timezone.now()
    query = _without(request.GET, "cursor")
    more_fields = [form[name] for name in MORE_FILTERS]
    context = {
        "form": form,
        "more_fields": more_fields,
        "more_filters": sum(1 for name in MORE_FILTERS if request.GET.get(name)),
        "page": page,
        "rows": _rows(page.rows, now, request.user),
        "order_label": dict(form.fields["sort"].choices)[order],
        "counts": counts,
        "statuses": filters.statuses,
        "current_status": filters.statuses[0] if len(filters.statuses) == 1 else None,
        "tabs_query": _without(query, "status").urlencode(),
        "query": query.urlencode(),
        "filtered": bool(_without(query, "status", "sort")),
        "claimant": claimant,
        "without_claimant": _without(query, "claimant_id").urlencode(),
    }
    return render(request, "reviewers/claim_list.html", context)


def _without(params: QueryDict, *names: str, empty: bool = False) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name, values in params.lists():
        if name in names:
            continue
        values = [v for v in values if v != ""] if empty else values
        if values:
            kept.setlist(name, values)
    return kept


@dataclass(frozen=True, slots=True)
class Row:
    """One claim as a row of the list shows it, every value ready to print.

    Rendering a page of 50 claims from the model objects (a dozen tags and filters per
    cell) cost more than the page's queries; printing prepared values costs a fraction of
    it (README, "Benchmarks")."""

    pk: int
    url: str
    statement: str
    claimant: str
    claimant_url: str  # the claimant record's desk page, once linking found one
    sourcing: str
    sourcing_label: str
    has_match: bool
    article_url: str
    article_title: str
    found_iso: str
    found: str
    status: str
    status_label: str
    canonical_id: int | None
    canonical_url: str
    queue: str
    assignee: str
    score: str
    due_iso: str
    due: str
    overdue: bool
    rating: RatingBadge | None

    @classmethod
    def of(
        cls,
        claim: Claim,
        *,
        now: datetime,
        claim_url: Callable[[int], str],
        article_url: Callable[[int], str],
        claimant_url: Callable[[int], str],
        scale: Callable[[], tuple[int, int] | None],
    ) -> Row:
        entry = _queue_entry(claim)
        verdict = claim.published_verdict
        article = claim.article
        claimant = ", ".join(p for p in (claim.claimant, claim.claimant_role) if p)
        return cls(
            pk=claim.pk,
            url=claim_url(claim.pk),
            statement=_shortened(claim.statement, 300),
            claimant=claimant if claim.claimant else "",
            claimant_url=claimant_url(claim.claimant_ref_id) if claim.claimant_ref_id else "",
            sourcing=claim.sourcing,
            sourcing_label=claim.get_sourcing_display(),
            has_match=claim.has_match,
            article_url=article_url(article.pk) if article else "",
            article_title=_shortened(article.title or article.url or "an article", 120)
            if article
            else "",
            found_iso=claim.created_at.isoformat(),
            found=_date(claim.created_at, "j M Y"),
            status=claim.status,
            status_label=claim.get_status_display(),
            canonical_id=claim.canonical_id,
            canonical_url=claim_url(claim.canonical_id) if claim.canonical_id else "",
            queue=entry.queue.name if entry else "",
            assignee=claim.assignee.username if claim.assignee else "",
            score=f"{claim.checkworthiness:.2f}" if claim.checkworthiness is not None else "",
            due_iso=entry.due_at.isoformat() if entry else "",
            due=_date(entry.due_at, "j M Y, H:i") if entry else "",
            overdue=bool(entry and claim.status in selectors.SLA_STATUSES and entry.due_at < now),
            rating=RatingBadge.of(
                slug=verdict.rating.slug,
                label=verdict.rating.label,
                value=verdict.rating.value,
                scale=scale(),
            )
            if verdict
            else None,
        )


def _rows(claims: list[Claim], now: datetime, viewer) -> list[Row]:
    urls = {
        "claim_url": _url_of("desk:claim"),
        "article_url": _url_of("desk:article"),
        "claimant_url": _url_of("desk:claimant"),
    }
    # The rating scale is read once, and only for a page with a published verdict on it.
    scale = functools.cache(lambda: claims_selectors.rating_scale(viewer=viewer))
    return [Row.of(claim, now=now, scale=scale, **urls) for claim in claims]


def _url_of(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for many pks, reversed once (a reverse costs more than
    the rest of a row)."""
    marker = 987654321
    prefix, suffix = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _queue_entry(claim: Claim):
    try:
        return claim.queue_entry
    except Claim.queue_entry.RelatedObjectDoesNotExist:  # never queued
        return None


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date(moment: datetime, fmt: str) -> str:
    return dateformat.format(timezone.localtime(moment), fmt)
