"""The editor's inbox: proposals awaiting a decision, oldest first. Four eyes."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims import permissions
from claims.models import Verdict
from claims.workflow import verdict_approve, verdict_request_changes
from reviewers import selectors
from reviewers.forms import ActionForm, InboxFilterForm, NoteForm, RequiredNoteForm
from reviewers.review_holds import active_hold, verdict_hold_for_review, verdict_release_review
from reviewers.views.claim_list import _without as without  # the same URL hygiene
from reviewers.views.common import Refusal, Refused, desk_view, run
from reviewers.views.diff import verdict_diff
from reviewers.views.review import claim_excerpt


def _is_editor(user) -> bool:
    return bool(user.is_active and user.has_perm("claims.approve_verdict"))


editors_only = desk_view(_is_editor, "Only editors decide on proposed verdicts.")


@editors_only
def inbox(request: HttpRequest) -> HttpResponse:
    # As the claims list: a submitted filter form sends its empty fields too; keep the URL
    # to what is set, so a bookmarked or shared address says what the view is.
    if any(value == "" for _, values in request.GET.lists() for value in values):
        return redirect(f"{request.path}?{without(request.GET, empty=True).urlencode()}")
    return _inbox_page(request, request.GET)


def approve_form(verdict_pk: int, data=None) -> NoteForm:
    return NoteForm(data, auto_id=f"approve-%s-{verdict_pk}")


def changes_form(verdict_pk: int, data=None) -> RequiredNoteForm:
    return RequiredNoteForm(data, auto_id=f"changes-%s-{verdict_pk}")


def _inbox_page(
    request: HttpRequest, params: QueryDict, refused: Refused | None = None
) -> HttpResponse:
    """The inbox narrowed to the filters in ``params``; after a refusal, with the refused
    decision's form as it was sent (the note typed) and its error, on that verdict's card,
    answered with the refusal's status. A verdict decided meanwhile by a colleague keeps
    its card for that."""
    now = timezone.now()
    form = InboxFilterForm(params or None)
    if form.is_bound and not form.is_valid() and refused is None:
        messages.warning(request, "Some filters could not be applied; see below.")
    filters = form.filters()
    page = selectors.inbox_page(
        viewer=request.user,
        filters=filters,
        keep=refused.target if refused else None,
        now=now,
    )
    counts = page.counts
    form.show_counts(counts)
    items = []
    for verdict in page.verdicts:
        published = verdict.claim.published_verdict
        if published is not None and published.pk == verdict.pk:
            published = None  # approved meanwhile: it corrects nothing
        here = refused is not None and refused.target == verdict.pk
        hold = active_hold(verdict, now)
        held_by_other = hold is not None and hold.editor_id != request.user.pk
        can_decide = permissions.can_approve(request.user, verdict) and not held_by_other
        items.append(
            {
                "verdict": verdict,
                "own": verdict.author_id == request.user.pk,
                "can_approve": permissions.can_approve(request.user, verdict),
                # Someone reviewing it: the holder decides, colleagues see who and until when.
                "hold": hold,
                "held_by_me": hold is not None and not held_by_other,
                "held_by_other": held_by_other,
                "can_decide": can_decide,
                "can_hold": can_decide and hold is None and verdict.state == Verdict.State.PROPOSED,
                # A refusal shown above the card's forms, not inside the decision it refused
                # (a hold refused, or a decision whose forms are no longer offered).
                "refused_box": here and not (refused.name in ("approve", "changes") and can_decide),
                "refused": refused if here else None,
                "approve_form": refused.form
                if here and refused.name == "approve"
                else approve_form(verdict.pk),
                "changes_form": refused.form
                if here and refused.name == "changes"
                else changes_form(verdict.pk),
                "correction_of": published,
                "diff": verdict_diff(published, verdict) if published else None,
                # The sentence in its paragraph: what the editor reads the claim in.
                "excerpt": claim_excerpt(verdict.claim.article, verdict.claim, around=0),
            }
        )
    status = refused.status if refused is not None else 200
    context = {
        "items": items,
        "now": now,
        "form": form,
        "counts": counts,
        "hold_minutes": settings.REVIEW_HOLD_MINUTES,
        "filtered": any(params.get(name) for name in form.fields),
        # Where a decision returns to: this view, filters and all.
        "here": f"{reverse('desk:inbox')}?{params.urlencode()}" if params else "",
    }
    return render(request, "reviewers/inbox.html", context, status=status)


def _params_of_next(request: HttpRequest) -> QueryDict:
    """The filters of the inbox view a decision was sent from (its ``next`` address)."""
    return QueryDict(urlsplit(request.POST.get("next", "")).query)


def _back(request: HttpRequest, anchor: str = "") -> HttpResponse:
    target = request.POST.get("next", "")
    if not (target and url_has_allowed_host_and_scheme(target, {request.get_host()})):
        target = reverse("desk:inbox")
    return redirect(f"{target}#{anchor}" if anchor else target)


@require_POST
@editors_only
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict, pk=pk)
    form = approve_form(verdict.pk, request.POST)
    try:
        run(form, lambda data: verdict_approve(verdict=verdict, actor=request.user, **data))
    except Refusal:
        return _inbox_page(request, _params_of_next(request), Refused(form, "approve", verdict.pk))
    messages.success(request, f"Published: “{verdict.headline}”.")
    return _back(request)


@require_POST
@editors_only
def request_changes(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict, pk=pk)
    form = changes_form(verdict.pk, request.POST)
    try:
        run(
            form,
            lambda data: verdict_request_changes(verdict=verdict, actor=request.user, **data),
        )
    except Refusal:
        return _inbox_page(request, _params_of_next(request), Refused(form, "changes", verdict.pk))
    messages.success(request, "Sent back to the reviewer with your note.")
    return _back(request)


@require_POST
@editors_only
def review_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Review this": the editor holds the verdict, so colleagues do not read it too."""
    verdict = get_object_or_404(Verdict, pk=pk)
    form = ActionForm(request.POST, auto_id=f"hold-%s-{verdict.pk}")
    try:
        hold = run(form, lambda _: verdict_hold_for_review(verdict=verdict, actor=request.user))
    except Refusal:
        return _inbox_page(request, _params_of_next(request), Refused(form, "hold", verdict.pk))
    until = timezone.localtime(hold.expires_at).strftime("%H:%M")
    messages.success(
        request, f"You are reviewing “{verdict.headline}” until {until}: it is yours to decide."
    )
    return _back(request, anchor=f"verdict-{verdict.pk}")


@require_POST
@editors_only
def review_release(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict, pk=pk)
    form = ActionForm(request.POST, auto_id=f"release-%s-{verdict.pk}")
    try:
        run(form, lambda _: verdict_release_review(verdict=verdict, actor=request.user))
    except Refusal:
        return _inbox_page(request, _params_of_next(request), Refused(form, "release", verdict.pk))
    messages.success(request, f"Released “{verdict.headline}” for another editor to review.")
    return _back(request, anchor=f"verdict-{verdict.pk}")
