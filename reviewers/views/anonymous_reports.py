"""Anonymous reports: the ledger of anonymously sourced claims still waiting for a named
source, suggested corroborations and contradictions first; accept or reject a suggestion
from its row."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import permissions
from claims.claimants.ledger import (
    report_suggestion_accept,
    report_suggestion_reject,
    suggestion_label,
)
from claims.models import AnonymousReport, CorroborationSuggestion
from reviewers import selectors
from reviewers.forms import NoteForm, ReportFilterForm
from reviewers.views.common import Refusal, Refused, desk_view, run

ledger_keepers_only = desk_view(
    permissions.can_keep_report_ledger, "Only the desk keeps the ledger of anonymous reports."
)


@ledger_keepers_only
def anonymous_reports(request: HttpRequest) -> HttpResponse:
    return _reports_page(request, request.GET)


def _reports_page(
    request: HttpRequest, query: QueryDict, refused: Refused | None = None
) -> HttpResponse:
    """The reports ``query`` lists (filters and page); after a refused answer to a
    suggestion, with its form as sent and the error on its row."""
    filters = ReportFilterForm(query or None)
    found = selectors.anonymous_reports_page(
        viewer=request.user, filters=filters.filters(), number=query.get("page")
    )
    listing = query.copy()
    listing.pop("page", None)
    rows = [
        {
            "report": report,
            "claim": report.claim,
            "suggestions": [
                {
                    "suggestion": suggestion,
                    "label": suggestion_label(suggestion),
                    "form": refused.form
                    if refused is not None and refused.target == suggestion.pk
                    else NoteForm(prefix=f"s{suggestion.pk}"),
                }
                for suggestion in found.suggestions.get(report.pk, [])
            ],
        }
        for report in found.page.object_list
    ]
    shown = filters if query else ReportFilterForm()
    shown.offer(descriptions=found.descriptions, queues=found.queues)
    context = {
        "filters": shown,
        "page": found.page,
        "rows": rows,
        "outlets": found.outlets,
        "figures": found.figures,
        "states": AnonymousReport.State.choices,
        "query": listing.urlencode(),
        "refused": refused,
    }
    status = refused.status if refused is not None else 200
    return render(request, "reviewers/anonymous_reports.html", context, status=status)


def _answer(request: HttpRequest, pk: int, service, done: str, name: str) -> HttpResponse:
    suggestion = get_object_or_404(CorroborationSuggestion, pk=pk)
    filters = request.POST.get("filters", "")
    form = NoteForm(request.POST, prefix=f"s{pk}")
    try:
        run(form, lambda data: service(suggestion=suggestion, actor=request.user, **data))
    except Refusal:
        query = QueryDict(filters, mutable=True)
        return _reports_page(request, query, Refused(form, name, pk))
    decided = "contradicted" if suggestion.kind == suggestion.Kind.CONTRADICTION else "corroborated"
    messages.success(request, done.format(report=suggestion.report_id, decided=decided))
    return redirect(reverse("desk:anonymous-reports") + (f"?{filters}" if filters else ""))


@require_POST
@ledger_keepers_only
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        report_suggestion_accept,
        "Report #{report} {decided}.",
        "suggestion-accept",
    )


@require_POST
@ledger_keepers_only
def suggestion_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        report_suggestion_reject,
        "Suggestion rejected: report #{report} stays as it was.",
        "suggestion-reject",
    )
