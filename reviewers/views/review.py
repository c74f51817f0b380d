"""Claim review: the claim in its article, evidence, the verdict form and the history."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims import permissions
from claims.matching.services import claim_link_confirm, claim_link_reject
from claims.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimEvent,
    ClaimLink,
    SourceLink,
    Verdict,
)
from claims.public import check_slug
from claims.workflow import (
    claim_add_source,
    claim_assign,
    claim_propose_verdict,
    claim_release,
    claim_remove_source,
    claim_reopen,
    text_fingerprint,
    verdict_withdraw,
)
from reviewers.forms import NoteForm, RequiredNoteForm, SourceForm, VerdictForm
from reviewers.views.common import ActionFailed, as_message, attempt, desk_view, form_errors
from reviewers.views.diff import verdict_diff

desk_only = desk_view(permissions.can_review, "Only fact-checkers and editors use the desk.")

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Paragraph:
    pieces: list[tuple[str, bool]]  # (text, is the claim)
    has_claim: bool


def claim_excerpt(article: Article | None, claim: Claim, around: int = 1) -> list[Paragraph]:
    """The paragraphs of the article's current text holding the claim, with ``around``
    paragraphs either side (empty when the claim's sentence is not in it).

    The stored span is trusted if it holds the claim's sentence (re-anchoring after a
    re-ingest may point it at the same sentence with other quotes or spacing: same
    fingerprint); otherwise the text is looked up verbatim.
    """
    text = article.text if article is not None else ""
    return _excerpt(text, claim, (claim.span_start, claim.span_end), around)


def removed_claim_excerpt(
    article: Article | None, claim: Claim, around: int = 1
) -> tuple[ArticleRevision | None, list[Paragraph]]:
    """For a claim whose sentence left the article: the newest earlier version of the
    article that still had it, and the excerpt there (``(None, [])`` if none has)."""
    if article is None:
        return None, []
    for revision in article.revisions.all():  # newest first
        paragraphs = _excerpt(revision.text, claim, (None, None), around)
        if paragraphs:
            return revision, paragraphs
    return None, []


def _excerpt(
    text: str, claim: Claim, span: tuple[int | None, int | None], around: int
) -> list[Paragraph]:
    if not text:
        return []
    start, end = span
    if start is None or end is None or text_fingerprint(text[start:end]) != claim.text_hash:
        start = text.find(claim.text)
        if start < 0:
            return []
        end = start + len(claim.text)
    spans = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    hit = [i for i, (a, b) in enumerate(spans) if a < end and b > start]
    if not hit:
        return []
    first, last = max(0, hit[0] - around), min(len(spans) - 1, hit[-1] + around)
    paragraphs = []
    for a, b in spans[first : last + 1]:
        s, e = max(a, start), min(b, end)
        if s < e:
            pieces = [(text[a:s], False), (text[s:e], True), (text[e:b], False)]
            paragraphs.append(Paragraph([p for p in pieces if p[0]], True))
        else:
            paragraphs.append(Paragraph([(text[a:b], False)], False))
    return paragraphs


# A claim repeated in many articles has many links; the page shows the best ones.
SIMILAR_SHOWN = 20


@dataclass(frozen=True)
class SimilarClaim:
    """A stored match seen from the claim on the page: ``other`` is the claim at its far end."""

    link: ClaimLink
    other: Claim
    repeats_this: bool  # True: ``other`` repeats this claim; False: this claim repeats it

    @property
    def score(self) -> float:
        return self.link.score


def similar_claims(claim: Claim) -> list[SimilarClaim]:
    """The claim's stored matches (suggested and confirmed, either direction), best first.

    One query: the links with both claims and their published verdicts. Written by
    ``claims.matching`` when a claim is created; rejected links are not shown.
    """
    links = (
        ClaimLink.objects.filter(Q(claim=claim) | Q(matched=claim))
        .filter(state__in=(ClaimLink.State.SUGGESTED, ClaimLink.State.CONFIRMED))
        .select_related("claim__published_verdict__rating", "matched__published_verdict__rating")
        .order_by("-score", "id")[:SIMILAR_SHOWN]
    )
    return [
        SimilarClaim(
            link,
            link.claim if link.matched_id == claim.pk else link.matched,
            repeats_this=link.matched_id == claim.pk,
        )
        for link in links
    ]


def _back(request: HttpRequest, claim_id: int) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("desk:claim", pk=claim_id)


def _load_claim(pk: int) -> Claim:
    return get_object_or_404(
        Claim.objects.select_related(
            "article", "assignee", "queue_entry__queue", "published_verdict__rating", "canonical"
        ),
        pk=pk,
    )


@desk_only
def claim_review(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _load_claim(pk)
    user = request.user
    sources = list(claim.sources.filter(removed_at__isnull=True).select_related("added_by"))
    verdicts = list(
        claim.verdicts.select_related("rating", "author", "decided_by")
        .prefetch_related(
            Prefetch("cited_sources", queryset=SourceLink.objects.order_by("added_at", "id"))
        )
        .order_by("version")
    )
    revisions = [
        {"verdict": v, "diff": verdict_diff(verdicts[i - 1], v) if i else None}
        for i, v in enumerate(verdicts)
    ]
    open_proposal = next((v for v in verdicts if v.state == Verdict.State.PROPOSED), None)
    last = verdicts[-1] if verdicts else None
    events = ClaimEvent.objects.filter(claim=claim).select_related("actor", "verdict")

    can_propose = claim.status == Claim.Status.IN_REVIEW and permissions.can_propose(user, claim)
    verdict_form = None
    if can_propose:
        active = {s.pk for s in sources}
        initial = {"sources": [s.pk for s in sources]}
        if last is not None:
            cited = [s.pk for s in last.cited_sources.all() if s.pk in active]
            initial = {
                "rating": last.rating.slug,
                "headline": last.headline,
                "summary": last.summary,
                "rationale": last.rationale,
                "sources": cited or initial["sources"],
            }
        verdict_form = VerdictForm(
            claim=claim,
            sources=SourceLink.objects.filter(pk__in=active).order_by("added_at", "id"),
            initial=initial,
        )
    excerpt, removed_in = claim_excerpt(claim.article, claim), None
    if not excerpt:
        removed_in, excerpt = removed_claim_excerpt(claim.article, claim)
    sourcing_open = claim.status in (
        Claim.Status.QUEUED,
        Claim.Status.IN_REVIEW,
        Claim.Status.PENDING_APPROVAL,
        Claim.Status.PUBLISHED,
    )
    context = {
        "claim": claim,
        "excerpt": excerpt,
        "removed_in": removed_in,
        "sources": sources,
        "source_form": SourceForm(),
        "can_manage_sources": sourcing_open and permissions.can_manage_sources(user, claim),
        "verdict_form": verdict_form,
        "revisions": revisions,
        "open_proposal": open_proposal,
        "last_decision": last if last and last.state != Verdict.State.PROPOSED else None,
        "events": events,
        "can_take": claim.status == Claim.Status.QUEUED and permissions.can_review(user),
        "can_release": claim.status == Claim.Status.IN_REVIEW
        and permissions.can_release(user, claim),
        "can_withdraw": open_proposal is not None and permissions.can_withdraw(user, open_proposal),
        "can_decide": open_proposal is not None and permissions.can_approve(user, open_proposal),
        "can_reopen": claim.status == Claim.Status.PUBLISHED and permissions.can_reopen(user),
        "note_form": NoteForm(),
        "required_note_form": RequiredNoteForm(),
        "similar": similar_claims(claim),
        "can_decide_matches": permissions.can_triage(user),
        "public_slug": check_slug(claim.statement) if claim.is_published else "",
    }
    return render(request, "reviewers/claim_review.html", context)


@require_POST
@desk_only
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = SourceForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk)
    attempt(
        request,
        lambda: claim_add_source(claim=pk, actor=request.user, **form.cleaned_data),
        "Source added.",
    )
    return _back(request, pk)


@require_POST
@desk_only
def source_remove(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceLink, pk=pk)
    attempt(
        request, lambda: claim_remove_source(source=source, actor=request.user), "Source removed."
    )
    return _back(request, source.claim_id)


@require_POST
@desk_only
def verdict_propose(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = VerdictForm(request.POST, claim=claim)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk)
    data = form.cleaned_data
    try:
        with as_message(request):
            verdict = claim_propose_verdict(
                claim=claim,
                actor=request.user,
                rating=data["rating"],
                headline=data["headline"],
                summary=data["summary"],
                rationale=data["rationale"],
                sources=list(data["sources"]),
            )
        messages.success(request, f"Verdict version {verdict.version} sent for approval.")
        return redirect("desk:my-work")
    except ActionFailed:
        return _back(request, pk)


@require_POST
@desk_only
def claim_take(request: HttpRequest, pk: int) -> HttpResponse:
    attempt(
        request,
        lambda: claim_assign(claim=pk, actor=request.user, assignee=request.user),
        "The claim is yours.",
    )
    return _back(request, pk)


@require_POST
@desk_only
def claim_give_back(request: HttpRequest, pk: int) -> HttpResponse:
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        with as_message(request):
            claim_release(claim=pk, actor=request.user, note=note)
        messages.success(request, "The claim went back to its queue.")
        return redirect("desk:my-work")
    except ActionFailed:
        return _back(request, pk)


@require_POST
@desk_only
def claim_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = RequiredNoteForm(request.POST)
    attempt(
        request,
        lambda: claim_reopen(
            claim=pk,
            actor=request.user,
            note=form.cleaned_data["note"] if form.is_valid() else "",
        ),
        "Reopened: the claim is back in its queue.",
    )
    return _back(request, pk)


@require_POST
@desk_only
def verdict_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict, pk=pk)
    attempt(
        request,
        lambda: verdict_withdraw(verdict=verdict, actor=request.user),
        "Proposal withdrawn; you can revise it.",
    )
    return _back(request, verdict.claim_id)


@require_POST
@desk_only
def match_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(ClaimLink, pk=pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    attempt(
        request,
        lambda: claim_link_confirm(link=link, actor=request.user, note=note),
        "Match confirmed: the claims are the same.",
    )
    return _back(request, link.claim_id)


@require_POST
@desk_only
def match_reject(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(ClaimLink, pk=pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    attempt(
        request,
        lambda: claim_link_reject(link=link, actor=request.user, note=note),
        "Match rejected: the claims are different.",
    )
    return _back(request, link.claim_id)
