"""Claim review: the claim in its article, evidence, the verdict form and the history."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims import permissions
from claims.matching.services import claim_link_confirm, claim_link_reject
from claims.models import (
    Article,
    ArticleRevision,
    Claim,
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
from reviewers import selectors
from reviewers.forms import (
    ActionForm,
    ClaimNoteForm,
    ClaimTriageForm,
    NoteForm,
    RequiredNoteForm,
    SourceForm,
    VerdictForm,
)
from reviewers.services import (
    DEFAULT_DISMISS_REASON,
    TriageAction,
    claim_add_note,
    claim_triage_one,
)
from reviewers.views.common import Refusal, Refused, desk_view, run
from reviewers.views.diff import verdict_diff
from reviewers.views.report_panel import report_panel

desk_only = desk_view(permissions.can_review, "Only fact-checkers and editors use the desk.")
triagers_only = desk_view(permissions.can_triage, "Only the desk triages claims.")

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
    revisions: Iterable[ArticleRevision], claim: Claim, around: int = 1
) -> tuple[ArticleRevision | None, list[Paragraph]]:
    """For a claim whose sentence left the article: the newest of the article's earlier
    versions (``revisions``, newest first) that still had it, and the excerpt there
    (``(None, [])`` if none has)."""
    for revision in revisions:
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


def best_suggestion(
    claim: Claim, similar: list[selectors.SimilarClaim]
) -> selectors.SimilarClaim | None:
    """The match a triage merge would follow: the best suggested one *from* this claim
    (it repeats the other), the other not dismissed (as ``selectors.triage_suggestions``)."""
    return next(
        (
            m
            for m in similar
            if m.link.claim_id == claim.pk
            and m.link.state == ClaimLink.State.SUGGESTED
            and m.other.status != Claim.Status.DISMISSED
        ),
        None,
    )


# Session key: the claim the user just took, so that its page opens with focus on it.
JUST_TAKEN = "desk_just_taken"


def mark_just_taken(request: HttpRequest, claim: Claim) -> None:
    request.session[JUST_TAKEN] = claim.pk


def _back(request: HttpRequest, claim_id: int) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("desk:claim", pk=claim_id)


@desk_only
def claim_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, pk)


def reopen_form(data=None) -> RequiredNoteForm:
    return RequiredNoteForm(data, auto_id="reopen-%s")


def _review_page(request: HttpRequest, pk: int, refused: Refused | None = None) -> HttpResponse:
    """The claim page; after a refusal, with the refused form as it was sent and its error
    beside the input (``refused``), answered with the refusal's status."""
    user = request.user
    try:
        page = selectors.claim_page(viewer=user, pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No Claim matches the given query.") from None
    claim, sources, verdicts = page.claim, page.sources, page.verdicts
    revisions = [
        {"verdict": v, "diff": verdict_diff(verdicts[i - 1], v) if i else None}
        for i, v in enumerate(verdicts)
    ]
    open_proposal = next((v for v in verdicts if v.state == Verdict.State.PROPOSED), None)
    last = verdicts[-1] if verdicts else None

    refused_form = refused.form if refused is not None else None
    can_propose = claim.status == Claim.Status.IN_REVIEW and permissions.can_propose(user, claim)
    verdict_form = None
    if refused is not None and refused.name == "verdict":
        # Shown even when the claim moved on (a lost lease, a colleague's action): what
        # was typed stays on the page with the reason it was refused.
        verdict_form = refused_form
    elif can_propose:
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
            sources=page.citable_sources(),
            initial=initial,
        )
    excerpt, removed_in = claim_excerpt(claim.article, claim), None
    if not excerpt:
        removed_in, excerpt = removed_claim_excerpt(page.article_revisions(), claim)
    sourcing_open = claim.status in (
        Claim.Status.QUEUED,
        Claim.Status.IN_REVIEW,
        Claim.Status.PENDING_APPROVAL,
        Claim.Status.PUBLISHED,
    )
    similar = page.similar
    can_triage = claim.status == Claim.Status.CANDIDATE and permissions.can_triage(user)
    refused_name = refused.name if refused is not None else ""
    # A refused button whose row is no longer listed (the source was removed, the match
    # rejected by a colleague) has its error shown at the top of its section instead.
    rows = {("source-remove", s.pk) for s in sources} | {
        (name, m.link.pk) for m in similar for name in ("match-confirm", "match-reject")
    }
    refused_row_gone = (
        refused is not None
        and refused.target is not None
        and (refused.name, refused.target) not in rows
    )
    context = {
        "claim": claim,
        "excerpt": excerpt,
        "removed_in": removed_in,
        "sources": sources,
        "source_form": refused_form if refused_name == "source" else SourceForm(),
        "show_source_form": refused_name == "source"
        or (sourcing_open and permissions.can_manage_sources(user, claim)),
        "can_manage_sources": sourcing_open and permissions.can_manage_sources(user, claim),
        "verdict_form": verdict_form,
        "revisions": revisions,
        "open_proposal": open_proposal,
        "last_decision": last if last and last.state != Verdict.State.PROPOSED else None,
        "events": page.events,
        "can_take": claim.status == Claim.Status.QUEUED and permissions.can_review(user),
        "can_release": claim.status == Claim.Status.IN_REVIEW
        and permissions.can_release(user, claim),
        "can_withdraw": open_proposal is not None and permissions.can_withdraw(user, open_proposal),
        "can_decide": open_proposal is not None and permissions.can_approve(user, open_proposal),
        "can_reopen": claim.status == Claim.Status.PUBLISHED and permissions.can_reopen(user),
        "reopen_form": refused_form if refused_name == "reopen" else reopen_form(),
        "refused": refused,
        "refused_row_gone": refused_row_gone,
        "similar": similar,
        "can_decide_matches": permissions.can_triage(user),
        "can_triage": can_triage,
        "triage_suggestion": best_suggestion(claim, similar) if can_triage else None,
        "triage_form": refused_form if refused_name == "triage" else ClaimTriageForm(),
        "triage_default_reason": DEFAULT_DISMISS_REASON,
        # Just taken (take next, or Take on this page): the page opens on the claim.
        "just_taken": request.session.pop(JUST_TAKEN, None) == claim.pk,
        "public_slug": check_slug(claim.statement) if claim.is_published else "",
        # The desk_only decorator let only desk members in: they all read the notes.
        "notes": page.notes,
        "note_form": refused_form if refused_name == "note" else ClaimNoteForm(auto_id="note-%s"),
        "report_panel": report_panel(page, user, refused),
    }
    status = refused.status if refused is not None else 200
    return render(request, "reviewers/claim_review.html", context, status=status)


@require_POST
@desk_only
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = SourceForm(request.POST)
    try:
        run(form, lambda data: claim_add_source(claim=claim.pk, actor=request.user, **data))
    except Refusal:
        return _review_page(request, claim.pk, Refused(form, "source"))
    messages.success(request, "Source added.")
    return _back(request, claim.pk)


@require_POST
@desk_only
def source_remove(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(SourceLink, pk=pk)
    form = ActionForm(request.POST)
    try:
        run(form, lambda _: claim_remove_source(source=source, actor=request.user))
    except Refusal:
        return _review_page(request, source.claim_id, Refused(form, "source-remove", source.pk))
    messages.success(request, "Source removed.")
    return _back(request, source.claim_id)


@require_POST
@desk_only
def verdict_propose(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = VerdictForm(request.POST, claim=claim)
    try:
        verdict = run(
            form,
            lambda data: claim_propose_verdict(
                claim=claim,
                actor=request.user,
                rating=data["rating"],
                headline=data["headline"],
                summary=data["summary"],
                rationale=data["rationale"],
                sources=list(data["sources"]),
            ),
        )
    except Refusal:
        return _review_page(request, claim.pk, Refused(form, "verdict"))
    messages.success(request, f"Verdict version {verdict.version} sent for approval.")
    return redirect("desk:my-work")


@require_POST
@desk_only
def claim_take(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = ActionForm(request.POST)
    try:
        run(form, lambda _: claim_assign(claim=claim.pk, actor=request.user, assignee=request.user))
    except Refusal:
        return _review_page(request, claim.pk, Refused(form, "take"))
    messages.success(request, "The claim is yours.")
    mark_just_taken(request, claim)
    return _back(request, claim.pk)


_TRIAGED = {
    TriageAction.QUEUE: "Queued for review.",
    TriageAction.DISMISS: "Dismissed.",
    TriageAction.MERGE: "Merged as a duplicate.",
}


@require_POST
@triagers_only
def claim_triage_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Triage the claim from its own page: queue, dismiss, or merge into its suggested match."""
    claim = get_object_or_404(Claim, pk=pk)
    form = ClaimTriageForm(request.POST)
    try:
        run(
            form,
            lambda data: claim_triage_one(
                claim=claim.pk,
                actor=request.user,
                action=data["action"],
                reason=data["reason"],
                link=data["link"],
            ),
        )
    except Refusal:
        return _review_page(request, claim.pk, Refused(form, "triage"))
    messages.success(request, _TRIAGED[TriageAction(form.cleaned_data["action"])])
    return _back(request, claim.pk)


@require_POST
@desk_only
def claim_release_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = NoteForm(request.POST)
    try:
        run(form, lambda data: claim_release(claim=claim.pk, actor=request.user, **data))
    except Refusal:
        return _review_page(request, claim.pk, Refused(form, "release"))
    messages.success(request, "The claim went back to its queue.")
    return redirect("desk:my-work")


@require_POST
@desk_only
def claim_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = reopen_form(request.POST)
    try:
        run(form, lambda data: claim_reopen(claim=claim.pk, actor=request.user, **data))
    except Refusal:
        return _review_page(request, claim.pk, Refused(form, "reopen"))
    messages.success(request, "Reopened: the claim is back in its queue.")
    return _back(request, claim.pk)


@require_POST
@desk_only
def verdict_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict, pk=pk)
    form = ActionForm(request.POST)
    try:
        run(form, lambda _: verdict_withdraw(verdict=verdict, actor=request.user))
    except Refusal:
        return _review_page(request, verdict.claim_id, Refused(form, "withdraw"))
    messages.success(request, "Proposal withdrawn; you can revise it.")
    return _back(request, verdict.claim_id)


@require_POST
@desk_only
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = ClaimNoteForm(request.POST, auto_id="note-%s")
    try:
        note = run(form, lambda data: claim_add_note(claim=claim.pk, actor=request.user, **data))
    except Refusal:
        return _review_page(request, claim.pk, Refused(form, "note"))
    messages.success(request, "Note added.")
    return redirect(f"{reverse('desk:claim', args=[claim.pk])}#note-{note.pk}")


def _match_page(request: HttpRequest, link: ClaimLink) -> int:
    """The claim page the match was decided from: either end of the link (the form says)."""
    return link.matched_id if request.POST.get("on") == str(link.matched_id) else link.claim_id


@require_POST
@desk_only
def match_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(ClaimLink, pk=pk)
    form = NoteForm(request.POST)
    try:
        run(form, lambda data: claim_link_confirm(link=link, actor=request.user, **data))
    except Refusal:
        return _review_page(request, _match_page(request, link), Refused(form, "match-confirm", pk))
    messages.success(request, "Match confirmed: the claims are the same.")
    return _back(request, _match_page(request, link))


@require_POST
@desk_only
def match_reject(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(ClaimLink, pk=pk)
    form = NoteForm(request.POST)
    try:
        run(form, lambda data: claim_link_reject(link=link, actor=request.user, **data))
    except Refusal:
        return _review_page(request, _match_page(request, link), Refused(form, "match-reject", pk))
    messages.success(request, "Match rejected: the claims are different.")
    return _back(request, _match_page(request, link))
