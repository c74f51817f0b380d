"""Triage: candidate claims with their scores, article and best suggested match; queue,
dismiss or merge them in bulk, or one from its row."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from claims import permissions
from reviewers import selectors
from reviewers.bulk import run_per_claim
from reviewers.forms import BulkTriageForm, TriageFilterForm, TriageRowForm
from reviewers.services import (
    DEFAULT_DISMISS_REASON,
    TriageAction,
    claim_triage_one,
    claims_bulk_triage,
)
from reviewers.views.common import Refusal, Refused, desk_view, run

triagers_only = desk_view(permissions.can_triage, "Only the desk triages claims.")

# The list's keyboard shortcuts (factcheck/static/js/desk.js), shown by "?".
SHORTCUTS = [
    ("j", "Next claim"),
    ("k", "Previous claim"),
    ("x", "Tick or untick the claim"),
    ("q", "Queue the ticked claims, or else this claim"),
    ("d", "Dismiss the ticked claims, or else this claim"),
    ("?", "Show or hide these shortcuts"),
]


@triagers_only
def triage(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _row(request) if "row" in request.POST else _bulk(request)
    return _triage_page(request, request.GET)


def _triage_page(
    request: HttpRequest, query: QueryDict, refused: Refused | None = None
) -> HttpResponse:
    """The candidates listed by ``query`` (filters and page); after a refused bulk action,
    with its form as sent (the ticks, the action, its reason or target) and the errors
    beside the inputs and the claims they concern, answered with the refusal's status."""
    filters = TriageFilterForm(query or None)
    found = selectors.triage_page(
        viewer=request.user, filters=filters.filters(), number=query.get("page")
    )
    page, suggestions = found.page, found.suggestions
    listing = query.copy()
    listing.pop("page", None)

    bulk_form = refused.form if refused is not None else BulkTriageForm()
    # After a row's action the list comes back with the other rows still ticked ("pick").
    ticked = set(bulk_form.ticked()) or {int(v) for v in query.getlist("pick") if v.isdigit()}
    listing.pop("pick", None)
    errors = bulk_form.claim_errors
    listed = {claim.pk for claim in page.object_list}
    for pk, error in errors.items():
        if pk not in listed:  # no longer a candidate here: say so at the top of the form
            bulk_form.add_error(None, f"Claim {pk}: {error}")
    rows = [
        {
            "claim": claim,
            "ticked": claim.pk in ticked,
            "error": errors.get(claim.pk, ""),
            "suggestion": suggestions.get(claim.pk),
        }
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
        "shortcuts": SHORTCUTS,
        "dismiss_default": DEFAULT_DISMISS_REASON,
    }
    status = refused.status if refused is not None else 200
    return render(request, "reviewers/triage.html", context, status=status)


def _listing(request: HttpRequest) -> tuple[str, QueryDict]:
    """The list the form was sent from: its filters (as a query string) and its page."""
    filters = request.POST.get("filters", "")
    query = QueryDict(filters, mutable=True)
    if request.POST.get("page"):
        query["page"] = request.POST["page"]
    return filters, query


def _row(request: HttpRequest) -> HttpResponse:
    """A row's Queue, Dismiss or Merge button: that one claim, whatever is ticked. The
    ticks, the chosen bulk action and what was typed come back either way: on a refusal
    with the error on the row (or at the top when the claim left the list), on success
    ticked again in the list the browser is sent back to."""
    filters, query = _listing(request)
    form = TriageRowForm(request.POST)
    bulk_form = BulkTriageForm.as_sent(request.POST)
    try:
        [result] = run(
            form,
            lambda data: run_per_claim(
                [data["claim"]],
                lambda pk: claim_triage_one(
                    claim=pk,
                    actor=request.user,
                    action=data["action"],
                    reason=data["reason"],
                    link=data["link"],
                ),
            ),
        )
    except Refusal:
        for error in form.errors.values():
            bulk_form.add_error(None, error)
        bulk_form.refusal_code = form.refusal_code
        return _triage_page(request, query, Refused(bulk_form, "row"))
    if not result.ok:
        bulk_form.add_claim_refusals([result])
        return _triage_page(request, query, Refused(bulk_form, "row"))
    messages.success(request, _DONE[form.cleaned_data["action"]].format(pk=result.claim_id))
    back = QueryDict(filters, mutable=True)
    back.setlist("pick", [str(pk) for pk in bulk_form.ticked() if pk != result.claim_id])
    if request.POST.get("page", "1") != "1":
        back["page"] = request.POST["page"]
    return redirect(reverse("desk:triage") + ("?" + back.urlencode() if back else ""))


_DONE = {
    TriageAction.QUEUE: "Claim {pk} queued for review.",
    TriageAction.DISMISS: "Claim {pk} dismissed.",
    TriageAction.MERGE: "Claim {pk} merged as a duplicate.",
}


def _bulk(request: HttpRequest) -> HttpResponse:
    filters, query = _listing(request)
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
