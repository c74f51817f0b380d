"""The editor's inbox: proposals awaiting a decision, oldest first. Four eyes."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims import permissions
from claims.models import SourceLink, Verdict
from claims.workflow import verdict_approve, verdict_request_changes
from reviewers import selectors
from reviewers.forms import NoteForm, RequiredNoteForm
from reviewers.views.common import attempt, desk_view
from reviewers.views.diff import verdict_diff


def _is_editor(user) -> bool:
    return bool(user.is_active and user.has_perm("claims.approve_verdict"))


editors_only = desk_view(_is_editor, "Only editors decide on proposed verdicts.")


@editors_only
def inbox(request: HttpRequest) -> HttpResponse:
    cited = Prefetch("cited_sources", queryset=SourceLink.objects.order_by("added_at", "id"))
    verdicts = (
        selectors.editor_inbox(viewer=request.user)
        .select_related("claim__published_verdict__rating")
        .prefetch_related(cited, Prefetch("claim__published_verdict__cited_sources"))
    )
    items = []
    for verdict in verdicts:
        published = verdict.claim.published_verdict
        items.append(
            {
                "verdict": verdict,
                "own": verdict.author_id == request.user.pk,
                "can_approve": permissions.can_approve(request.user, verdict),
                "correction_of": published,
                "diff": verdict_diff(published, verdict) if published else None,
            }
        )
    context = {"items": items, "note_form": NoteForm(), "required_note_form": RequiredNoteForm()}
    return render(request, "reviewers/inbox.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("desk:inbox")


@require_POST
@editors_only
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict, pk=pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    attempt(
        request,
        lambda: verdict_approve(verdict=verdict, actor=request.user, note=note),
        f"Published: “{verdict.headline}”.",
    )
    return _back(request)


@require_POST
@editors_only
def request_changes(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict, pk=pk)
    form = RequiredNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    attempt(
        request,
        lambda: verdict_request_changes(verdict=verdict, actor=request.user, note=note),
        "Sent back to the reviewer with your note.",
    )
    return _back(request)
