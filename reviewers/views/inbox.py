"""The editor's inbox: proposals awaiting a decision, oldest first. Four eyes."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims import permissions
from claims.models import SourceLink, Verdict
from claims.workflow import verdict_approve, verdict_request_changes
from reviewers import selectors
from reviewers.forms import NoteForm, RequiredNoteForm
from reviewers.views.common import Refusal, Refused, desk_view, run
from reviewers.views.diff import verdict_diff
from reviewers.views.review import claim_excerpt


def _is_editor(user) -> bool:
    return bool(user.is_active and user.has_perm("claims.approve_verdict"))


editors_only = desk_view(_is_editor, "Only editors decide on proposed verdicts.")


@editors_only
def inbox(request: HttpRequest) -> HttpResponse:
    return _inbox_page(request)


def approve_form(verdict_pk: int, data=None) -> NoteForm:
    return NoteForm(data, auto_id=f"approve-%s-{verdict_pk}")


def changes_form(verdict_pk: int, data=None) -> RequiredNoteForm:
    return RequiredNoteForm(data, auto_id=f"changes-%s-{verdict_pk}")


def _inbox_page(request: HttpRequest, refused: Refused | None = None) -> HttpResponse:
    """The inbox; after a refusal, with the refused decision's form as it was sent (the
    note typed) and its error, on that verdict's card, answered with the refusal's status.
    A verdict decided meanwhile by a colleague keeps its card for that."""
    cited = Prefetch("cited_sources", queryset=SourceLink.objects.order_by("added_at", "id"))
    verdicts = (
        selectors.editor_inbox(viewer=request.user, keep=refused.target if refused else None)
        .select_related("claim__published_verdict__rating")
        .prefetch_related(cited, Prefetch("claim__published_verdict__cited_sources"))
    )
    items = []
    for verdict in verdicts:
        published = verdict.claim.published_verdict
        if published is not None and published.pk == verdict.pk:
            published = None  # approved meanwhile: it corrects nothing
        here = refused is not None and refused.target == verdict.pk
        items.append(
            {
                "verdict": verdict,
                "own": verdict.author_id == request.user.pk,
                "can_approve": permissions.can_approve(request.user, verdict),
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
    context = {"items": items, "now": timezone.now()}
    return render(request, "reviewers/inbox.html", context, status=status)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("desk:inbox")


@require_POST
@editors_only
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict, pk=pk)
    form = approve_form(verdict.pk, request.POST)
    try:
        run(form, lambda data: verdict_approve(verdict=verdict, actor=request.user, **data))
    except Refusal:
        return _inbox_page(request, Refused(form, "approve", verdict.pk))
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
        return _inbox_page(request, Refused(form, "changes", verdict.pk))
    messages.success(request, "Sent back to the reviewer with your note.")
    return _back(request)
