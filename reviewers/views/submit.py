"""Submit an article (URL, pasted text or HTML file); watch its ingestion; see its claims."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from claims import permissions
from claims.ingestion.pipeline import IngestResult, ingest_html, ingest_text, submit_url
from claims.models import Article
from reviewers.forms import SubmitForm
from reviewers.views.common import Refusal, Refused, desk_view, run

desk_only = desk_view(permissions.can_review, "Only fact-checkers and editors use the desk.")

IN_PROGRESS = (Article.Status.PENDING, Article.Status.RUNNING)


@desk_only
def submit(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "reviewers/submit.html", {"form": SubmitForm()})
    form = SubmitForm(request.POST, request.FILES)
    try:
        result = run(form, lambda data: _ingest(data, request.user))
    except Refusal:
        # What was typed comes back; a chosen file cannot (browsers never refill one).
        refused = Refused(form, "submit")
        return render(request, "reviewers/submit.html", {"form": form}, status=refused.status)
    if not (result.created or result.updated):
        messages.info(request, "This article was submitted before; here it is.")
    return redirect("desk:article", pk=result.article.pk)


def _ingest(data: dict, actor) -> IngestResult:
    if data["url"]:
        return submit_url(url=data["url"], actor=actor)
    if data["text"]:
        return ingest_text(text=data["text"], title=data["title"], actor=actor)
    return ingest_html(html=data["html_file"].read(), actor=actor)


@desk_only
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    in_progress = article.status in IN_PROGRESS
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": article.status,
                "label": article.get_status_display(),
                "in_progress": in_progress,
                "error": article.error,
            }
        )
    claims = article.claims.order_by("span_start", "id") if not in_progress else []
    context = {"article": article, "in_progress": in_progress, "claims": claims}
    return render(request, "reviewers/article.html", context)
