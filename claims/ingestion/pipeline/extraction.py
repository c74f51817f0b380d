"""Extraction: an article's text in, its candidate claims out, and the spans of the claims
it already has moved onto the current text."""

from __future__ import annotations

from django.db import transaction

from claims.claimants.services import claimant_link_claim
from claims.extraction import ExtractedSentence, extract, unique_claims
from claims.models import Article, Claim
from claims.workflow import claim_create, text_fingerprint

from .common import _max_length


def extract_article(*, article_id: int) -> int:
    """Create one candidate claim per unique check-worthy sentence of the article's text,
    and point the spans of its existing claims at the current text.

    Preconditions: none that raise. An article that is gone, failed, has no text yet, or
    is waiting for a fetch, is left alone (returns 0).

    Effects: for each check-worthy sentence (duplicates within the article removed) whose
    fingerprint (:func:`claims.workflow.text_fingerprint`) the article does not have yet,
    a ``candidate`` claim via :func:`claims.workflow.claim_create` (the sentence and its
    span into ``article.text``; the extracted claim as ``claim_text``, capitalised by
    ``claim_create``; claimant, claimant role and cue or "", each cut to its column;
    sourcing, checkworthiness = score, flags) with its history event, linked to its claimant
    (:func:`claims.claimants.services.claimant_link_claim`, the claimants the article named
    before as context: a link, a new claimant or suggestions). Existing claims get
    only their span moved (see :func:`_reanchor_claims`): nothing else of them changes, so
    a claim in review keeps the claim text, claimant, role and cue it was read with. The
    article becomes done. Running it twice changes nothing the second time. Returns the
    number of claims created.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not _awaits_extraction(article):
        return 0
    # Extraction is pure CPU work: done before the transaction so that a long article does
    # not hold the row lock; the hash check below makes sure it is still the same text.
    text, digest = article.text, article.content_hash
    segments = extract(text)
    sentences = unique_claims(segments)
    anchors = _anchors(segments)
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None or article.content_hash != digest or not _awaits_extraction(article):
            return 0  # changed meanwhile: whoever changed it queued a new extraction
        known, held = _reanchor_claims(article, anchors)
        # The claimants the article has named so far: "Rutte" after "Mark Rutte" is him.
        context = set(
            article.claims.exclude(claimant_ref=None).values_list("claimant_ref_id", flat=True)
        )
        created = 0
        for sentence in sentences:
            claim_text, span = _claim_span(sentence)
            fingerprint = text_fingerprint(claim_text)
            if not claim_text or fingerprint in known or _recut(span, held):
                continue
            known.add(fingerprint)
            claim = claim_create(
                text=claim_text,
                article=article,
                span=span,
                claim_text=sentence.claim,
                claimant=_cut(sentence.claimant, "claimant"),
                claimant_role=_cut(sentence.claimant_role, "claimant_role"),
                cue=_cut(sentence.cue, "cue"),
                sourcing=sentence.sourcing,
                checkworthiness=min(1.0, max(0.0, float(sentence.score))),
                flags=sentence.flags,
            )
            linked = claimant_link_claim(claim=claim, context=context).claimant_id
            if linked is not None:
                context.add(linked)
            created += 1
        article.status = Article.Status.DONE
        article.error = ""
        article.save(update_fields=["status", "error", "updated_at"])
    return created


def _cut(value: str | None, field: str) -> str:
    return (value or "").strip()[: _max_length(Claim, field)]


def _awaits_extraction(article: Article) -> bool:
    if article.status == Article.Status.FAILED or not article.text:
        return False
    # A URL article sent back to pending is waiting for a (re)fetch, not for extraction.
    return not (article.origin == Article.Origin.URL and article.status == Article.Status.PENDING)


def _claim_span(sentence: ExtractedSentence) -> tuple[str, tuple[int, int]]:
    """The sentence as a claim holds it (stripped, as ``claim_create`` stores it) and the
    span that indexes exactly that in the article's text."""
    raw = sentence.text
    claim_text = raw.strip()
    start = sentence.start + (len(raw) - len(raw.lstrip()))
    return claim_text, (start, start + len(claim_text))


def _anchors(segments: list[ExtractedSentence]) -> dict[str, tuple[int, int]]:
    """Fingerprint -> span of its first occurrence, over *every* segment: a claim's sentence
    may still be in the text without being check-worthy any more (or without being a
    sentence: the segmenter may now call it a caption)."""
    anchors: dict[str, tuple[int, int]] = {}
    for segment in segments:
        claim_text, span = _claim_span(segment)
        if claim_text:
            anchors.setdefault(text_fingerprint(claim_text), span)
    return anchors


def _reanchor_claims(
    article: Article, anchors: dict[str, tuple[int, int]]
) -> tuple[set[str], list[tuple[int, int]]]:
    """Make the spans of the article's claims index its current text; return the
    fingerprints the article has and the spans its claims now hold.

    A span that still indexes the claim's text is kept. Else the claim's sentence, found by
    fingerprint, gives the new span; failing that, the claim's text found verbatim (the
    segmenter may cut the same words differently now: text put before a dateline joins the
    dateline to the first sentence). A claim whose words left the text gets no span (null).
    Only the span columns are written, in one statement (``bulk_update`` is an UPDATE, no
    ``save``): status, text, assignee, ``updated_at`` and history stay as they are.
    """
    known: set[str] = set()
    held: list[tuple[int, int]] = []
    moved: list[Claim] = []
    rows = article.claims.values_list("pk", "text", "text_hash", "span_start", "span_end")
    for pk, claim_text, fingerprint, start, end in rows:
        known.add(fingerprint)
        if start is not None and article.text[start:end] == claim_text:
            held.append((start, end))
            continue
        span = anchors.get(fingerprint) or _verbatim_span(article.text, claim_text)
        new_start, new_end = span or (None, None)
        if span is not None:
            held.append(span)
        if (new_start, new_end) != (start, end):
            moved.append(Claim(pk=pk, span_start=new_start, span_end=new_end))
    if moved:
        Claim.objects.bulk_update(moved, ["span_start", "span_end"])
    return known, held


def _recut(span: tuple[int, int], held: list[tuple[int, int]]) -> bool:
    """Whether a sentence covers mostly the same characters as a claim the article has: the
    same words cut differently (a dateline now joined to the first sentence, say), not a new
    claim. Sentences of one segmentation never overlap, so any real overlap is a re-cut;
    half of the shorter of the two is the bar."""
    start, end = span
    for held_start, held_end in held:
        overlap = min(end, held_end) - max(start, held_start)
        if overlap > 0 and 2 * overlap >= min(end - start, held_end - held_start):
            return True
    return False


def _verbatim_span(text: str, claim_text: str) -> tuple[int, int] | None:
    start = text.find(claim_text) if claim_text else -1
    return (start, start + len(claim_text)) if start >= 0 else None
