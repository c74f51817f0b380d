"""Triage: candidate claims with their scores and article; bulk queue, dismiss or merge."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from claims import permissions
from claims.models import Claim
from claims.selectors import text_search
from reviewers.forms import BulkTriageForm, TriageFilterForm
from reviewers.triage import claims_bulk_triage
from reviewers.views.common import Refusal, Refused, desk_view, run

triagers_only = desk_view(permissions.can_triage, "Only the desk triages claims.")

PAGE_SIZE = 50


@triagers_only
def triage(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _bulk(request)
    return _triage_page(request, request.GET)


def _triage_page(
    request: HttpRequest, query: QueryDict, refused: Refused | None = None
) -> HttpResponse:
    """The candidates listed by ``query`` (filters and page); after a refused bulk action,
    with its form as sent (the ticks, the action, its reason or target) and the errors
    beside the inputs and the claims they concern, answered with the refusal's status."""
    filters = TriageFilterForm(query or None)
    claims = Claim.objects.filter(status=Claim.Status.CANDIDATE).select_related("article")
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"]:
            claims = claims.filter(text_search(data["q"]))
        if data["min_score"] is not None:
            claims = claims.filter(checkworthiness__gte=data["min_score"])
        if data["sourcing"]:
            claims = claims.filter(sourcing=data["sourcing"])
        if data["article"]:
            claims = claims.filter(article_id=data["article"])
    claims = claims.order_by(F("checkworthiness").desc(nulls_last=True), "id")
    page = Paginator(claims, PAGE_SIZE).get_page(query.get("page"))
    listing = query.copy()
    listing.pop("page", None)

    bulk_form = refused.form if refused is not None else BulkTriageForm()
    ticked = set(bulk_form.ticked())
    errors = bulk_form.claim_errors
    listed = {claim.pk for claim in page.object_list}
    for pk, error in errors.items():
        if pk not in listed:  # no longer a candidate here: say so at the top of the form
            bulk_form.add_error(None, f"Claim {pk}: {error}")
    rows = [
        {"claim": claim, "ticked": claim.pk in ticked, "error": errors.get(claim.pk, "")}
        for claim in page.object_list
    ]
    if bulk_form.error_focus is None:
        # Only some claims were refused: the browser lands on the first of them.
        first = next((row for row in rows if row["error"]), None)
        if first is not None:
            first["focus"] = True
    context = {
        "filters": filters if query else TriageFilterForm(),
        "page": page,
        "rows": rows,
        "bulk_form": bulk_form,
        "query": listing.urlencode(),
    }
    status = refused.status if refused is not None else 200
    return render(request, "reviewers/triage.html", context, status=status)


def _bulk(request: HttpRequest) -> HttpResponse:
    filters = request.POST.get("filters", "")
    query = QueryDict(filters, mutable=True)
    if request.POST.get("page"):
        query["page"] = request.POST["page"]
    form = BulkTriageForm(request.POST)
    try:
        results = run(
            form,
            lambda data: claims_bulk_triage(
                claim_ids=data["claims"],
                actor=request.user,
                action=data["action"],
                queue=data["queue"].slug if data["queue"] else None,
                reason=data["reason"],
                canonical=data["canonical"],
            ),
        )
    except Refusal:
        return _triage_page(request, query, Refused(form, "bulk"))
    failed = [r for r in results if not r.ok]
    done = len(results) - len(failed)
    if done:
        messages.success(request, f"{done} claim(s) done.")
    if failed:
        form.add_claim_refusals(failed)
        return _triage_page(request, query, Refused(form, "bulk"))
    return redirect(reverse("desk:triage") + ("?" + filters if filters else ""))
