"""The desk's claimants: a searchable list, and one claimant's page (names, roles, claims
by status, verdicts by rating, reports, suggestions, history) with the desk's changes:
identifiers, merge, split, and the answer to a suggested claimant."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import permissions
from claims.claimants.services import (
    claimant_merge,
    claimant_set_identifiers,
    claimant_split,
    claimant_suggestion_accept,
    claimant_suggestion_reject,
)
from claims.claimreview import claimant_slug
from claims.models import Claimant, ClaimantSuggestion
from reviewers import selectors
from reviewers.forms import (
    ActionForm,
    ClaimantIdentifiersForm,
    ClaimantMergeForm,
    ClaimantSplitForm,
)
from reviewers.views.common import Refusal, Refused, desk_view, run

desk_only = desk_view(permissions.can_review, "Only fact-checkers and editors use the desk.")
claimant_editors_only = desk_view(
    permissions.can_edit_claimants, "Only the desk's triage may change claimants."
)


@desk_only
def claimant_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    page = selectors.desk_claimants_page(viewer=request.user, q=q, number=request.GET.get("page"))
    return render(request, "reviewers/claimants.html", {"page": page, "q": q})


@desk_only
def claimant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _claimant_page(request, pk)


def _claimant_page(request: HttpRequest, pk: int, refused: Refused | None = None) -> HttpResponse:
    try:
        found = selectors.claimant_page(viewer=request.user, pk=pk)
    except Claimant.DoesNotExist:
        raise Http404("No such claimant.") from None
    claimant = found.claimant
    if claimant.merged_into_id is not None and refused is None:
        # An old link: the claimant it was merged into holds everything now.
        return redirect("desk:claimant", pk=claimant.merged_into_id)

    def form(name: str, make: Callable[[], object]):
        return refused.form if refused is not None and refused.name == name else make()

    claims_url = reverse("desk:claims")
    context = {
        "page": found,
        "claimant": claimant,
        "rating_scale": found.scale,
        "can_edit": permissions.can_edit_claimants(request.user),
        "claims_url": f"{claims_url}?claimant_id={claimant.pk}",
        "reports_url": f"{reverse('desk:anonymous-reports')}?claimant={claimant.pk}",
        # Its public page exists once one of its claims is published.
        "public_url": reverse(
            "claimant-detail", args=[claimant.pk, claimant_slug(claimant.display_name)]
        )
        if found.by_rating
        else "",
        "identifiers_form": form(
            "identifiers",
            lambda: ClaimantIdentifiersForm(
                initial={"wikidata_qid": claimant.wikidata_qid, "website": claimant.website}
            ),
        ),
        "merge_form": form("merge", ClaimantMergeForm),
        "split_form": form("split", lambda: ClaimantSplitForm(aliases=found.aliases)),
        "refused": refused,
    }
    status = refused.status if refused is not None else 200
    return render(request, "reviewers/claimant.html", context, status=status)


def _change(request: HttpRequest, pk: int, name: str, form, action) -> HttpResponse:
    get_object_or_404(Claimant, pk=pk)
    try:
        result = run(form, action)
    except Refusal:
        return _claimant_page(request, pk, Refused(form, name))
    return result


@require_POST
@claimant_editors_only
def identifiers(request: HttpRequest, pk: int) -> HttpResponse:
    def action(data):
        claimant_set_identifiers(claimant=pk, actor=request.user, **data)
        messages.success(request, "Identifiers saved.")
        return redirect("desk:claimant", pk=pk)

    return _change(request, pk, "identifiers", ClaimantIdentifiersForm(request.POST), action)


@require_POST
@claimant_editors_only
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    def action(data):
        target = claimant_merge(
            source=data["other"], target=pk, actor=request.user, note=data["note"]
        )
        messages.success(request, f"Claimant #{data['other']} merged into {target.display_name}.")
        return redirect("desk:claimant", pk=pk)

    return _change(request, pk, "merge", ClaimantMergeForm(request.POST), action)


@require_POST
@claimant_editors_only
def split(request: HttpRequest, pk: int) -> HttpResponse:
    claimant = get_object_or_404(Claimant, pk=pk)
    form = ClaimantSplitForm(request.POST, aliases=claimant.aliases.all())

    def action(data):
        new = claimant_split(claimant=pk, actor=request.user, **data)
        messages.success(request, f"Split off as {new.display_name} (claimant #{new.pk}).")
        return redirect("desk:claimant", pk=new.pk)

    return _change(request, pk, "split", form, action)


def _answer(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    suggestion = get_object_or_404(ClaimantSuggestion, pk=pk)
    form = ActionForm(request.POST)
    try:
        claim = run(form, lambda _: service(suggestion=suggestion, actor=request.user))
    except Refusal:
        return _claimant_page(request, suggestion.claimant_id, Refused(form, "suggestion", pk))
    messages.success(request, done.format(claim=claim.pk))
    return redirect("desk:claimant", pk=suggestion.claimant_id)


@require_POST
@claimant_editors_only
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, claimant_suggestion_accept, "Claim #{claim} linked.")


@require_POST
@claimant_editors_only
def suggestion_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request, pk, claimant_suggestion_reject, "Suggestion rejected for claim #{claim}."
    )
