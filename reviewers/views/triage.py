"""Triage: candidate claims with their scores and article; bulk queue, dismiss or merge."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from claims import permissions
from claims.models import Claim
from claims.selectors import text_search
from claims.workflow import InvalidInput
from reviewers.forms import BulkTriageForm, TriageFilterForm
from reviewers.triage import claims_bulk_triage
from reviewers.views.common import ActionFailed, as_message, desk_view, form_errors

triagers_only = desk_view(permissions.can_triage, "Only the desk triages claims.")

PAGE_SIZE = 50


@triagers_only
def triage(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _bulk(request)
    filters = TriageFilterForm(request.GET or None)
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
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters if request.GET else TriageFilterForm(),
        "page": page,
        "bulk_form": BulkTriageForm(),
        "query": query.urlencode(),
    }
    return render(request, "reviewers/triage.html", context)


def _bulk(request: HttpRequest) -> HttpResponse:
    back = reverse("desk:triage") + (
        "?" + request.POST["filters"] if request.POST.get("filters") else ""
    )
    ids = [int(v) for v in request.POST.getlist("claims") if v.isdigit()]
    form = BulkTriageForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    data = form.cleaned_data
    try:
        with as_message(request):
            if not ids:
                raise InvalidInput("Tick at least one claim.")
            results = claims_bulk_triage(
                claim_ids=ids,
                actor=request.user,
                action=data["action"],
                queue=data["queue"].slug if data["queue"] else None,
                reason=data["reason"],
                canonical=data["canonical"],
            )
    except ActionFailed:
        return redirect(back)
    done = [r for r in results if r.ok]
    if done:
        messages.success(request, f"{len(done)} claim(s) done.")
    for result in results:
        if not result.ok:
            messages.error(request, f"Claim {result.claim_id}: {result.error}")
    return redirect(back)
