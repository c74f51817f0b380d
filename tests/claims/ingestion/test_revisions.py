"""Re-ingesting a known article with changed content: the replaced text is kept as an
``ArticleRevision``, and every claim's span indexes the current text (or is null when its
sentence left it), while nothing else of an existing claim changes.

Tasks run in process (``CELERY_TASK_ALWAYS_EAGER``): committing an ingestion runs the
extraction.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from claims.immutability import ImmutableRecordError
from claims.ingestion.pipeline import (
    extract_article,
    extraction,
    ingest_html,
    ingest_text,
    submit_url,
)
from claims.ingestion.text import content_hash
from claims.models import Article, ArticleRevision, Claim, ClaimEvent
from tests.claims import test_ingestion_pipeline as pipeline_tests

# A loopback server whose pages a test can change between fetches.
pages = pipeline_tests.pages
put_in_review = pipeline_tests.put_in_review

URL = "https://news.example/economy"

UNEMPLOYMENT = (
    "The unemployment rate rose to 7.4 percent in March, according to the national "
    "statistics office."
)
EXPORTS = (
    "Officials said exports fell by 12 percent compared with last year, the steepest drop "
    "since 2009."
)
INTEREST = (
    "The central bank raised its key interest rate to 4.5 percent on Thursday, its highest "
    "level since 2008."
)
FILLER = "Coordination will be crucial, as will unity."
HEALTH = (
    "The health ministry said 3,400 new cases were recorded last week, twice as many as in "
    "the same week of 2023."
)
GAS = "Imports of natural gas doubled to 80 billion cubic metres in 2023, customs data showed."
# The same sentence for its fingerprint (claims.workflow.text_fingerprint), not verbatim.
QUOTED = 'Exports fell by 12 percent, the "steepest drop" since 2009, officials said.'
RETOUCHED = QUOTED.replace('"steepest drop"', "“steepest drop”")

# The stealth edit: a paragraph slipped in at the top (the rest moves down), the interest
# rate sentence taken out, one more figure added at the end.
OLD = "\n\n".join([UNEMPLOYMENT, EXPORTS, INTEREST, FILLER])
NEW = "\n\n".join([HEALTH, UNEMPLOYMENT, EXPORTS, FILLER, GAS])

# Every column of a claim but its span (which must follow the text) and synced_at (which
# moves with its article by design, see claims.sync_key).
KEPT = [
    f.attname
    for f in Claim._meta.concrete_fields
    if f.name not in {"span_start", "span_end", "synced_at"}
]


def ingest(text: str, django_capture_on_commit_callbacks, **kwargs) -> Article:
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=text, **kwargs).article
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    return article


def claims_by_text(article: Article) -> dict[str, Claim]:
    return {claim.text: claim for claim in article.claims.all()}


def assert_spans_index_the_text(article: Article) -> None:
    article.refresh_from_db()
    for claim in article.claims.all():
        if claim.span_start is not None:
            assert article.text[claim.span_start : claim.span_end] == claim.text


def snapshot(claims) -> dict[int, dict]:
    pks = [claim.pk for claim in claims]
    return {row["id"]: row for row in Claim.objects.filter(pk__in=pks).values(*KEPT)}


@pytest.fixture
def original(db, django_capture_on_commit_callbacks) -> Article:
    """The article as first ingested: one claim per check-worthy sentence of OLD."""
    article = ingest(OLD, django_capture_on_commit_callbacks, url=URL, title="Jobs report")
    assert set(claims_by_text(article)) == {UNEMPLOYMENT, EXPORTS, INTEREST}
    assert not article.revisions.exists()
    return article


# --- the replaced text is kept ---------------------------------------------------------
def test_a_changed_text_is_kept_as_a_revision_with_its_hash_and_title(
    original, django_capture_on_commit_callbacks
):
    old_hash = original.content_hash
    article = ingest(NEW, django_capture_on_commit_callbacks, url=URL, title="Jobs, revised")
    assert article.pk == original.pk
    assert (article.text, article.title) == (NEW, "Jobs, revised")

    [revision] = article.revisions.all()
    assert revision.text == OLD
    assert revision.content_hash == old_hash == content_hash(OLD)
    assert revision.title == "Jobs report"
    assert original.updated_at <= revision.replaced_at <= article.updated_at


def test_every_replaced_text_is_kept_newest_first_even_when_an_old_one_comes_back(
    original, django_capture_on_commit_callbacks
):
    ingest(NEW, django_capture_on_commit_callbacks, url=URL)
    article = ingest(OLD, django_capture_on_commit_callbacks, url=URL)
    assert article.text == OLD
    assert [r.text for r in article.revisions.all()] == [NEW, OLD]
    assert Article.objects.count() == 1


def test_an_unchanged_text_or_a_new_article_writes_no_revision(
    original, django_capture_on_commit_callbacks
):
    # The same content (line endings and trailing space are normalized away), at the URL or
    # elsewhere; then a different article.
    ingest(OLD.replace("\n", "\r\n") + "  \n", django_capture_on_commit_callbacks, url=URL)
    ingest(OLD, django_capture_on_commit_callbacks, url="https://other.example/copy")
    ingest(NEW, django_capture_on_commit_callbacks)
    assert Article.objects.count() == 2
    assert not ArticleRevision.objects.exists()


def test_an_html_upload_with_changed_text_keeps_the_old_text(
    original, django_capture_on_commit_callbacks
):
    html = "<html><head><title>Jobs</title></head><body><article>{}</article></body></html>"
    body = "".join(f"<p>{paragraph}</p>" for paragraph in NEW.split("\n\n"))
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_html(html=html.format(body), url=URL)
    assert result.article.pk == original.pk and result.updated
    [revision] = original.revisions.all()
    assert revision.text == OLD


def test_the_revision_is_written_in_the_same_transaction_as_the_new_text(
    original, monkeypatch, django_capture_on_commit_callbacks
):
    def failing_save(self, *args, **kwargs):
        raise IntegrityError("the row could not be written")

    monkeypatch.setattr(Article, "save", failing_save)
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_text(text=NEW, url=URL)
    assert not result.updated
    original.refresh_from_db()
    assert original.text == OLD
    assert not ArticleRevision.objects.exists(), "no revision without the text it precedes"


def test_revisions_cannot_be_changed_or_deleted_and_keep_their_article(
    original, django_capture_on_commit_callbacks
):
    ingest(NEW, django_capture_on_commit_callbacks, url=URL)
    revision = original.revisions.get()
    revision.text = "What it never said."
    with pytest.raises(ImmutableRecordError, match="text"):
        revision.save()
    with pytest.raises(ImmutableRecordError):
        ArticleRevision.objects.filter(pk=revision.pk).update(text="rewritten")
    with pytest.raises(ImmutableRecordError):
        revision.delete()
    with pytest.raises(ImmutableRecordError):
        ArticleRevision.objects.all().delete()
    assert ArticleRevision.objects.get(pk=revision.pk).text == OLD


# --- spans follow the text -----------------------------------------------------------------
def test_claims_follow_their_sentence_into_the_new_text(
    original, django_capture_on_commit_callbacks
):
    before = claims_by_text(original)
    article = ingest(NEW, django_capture_on_commit_callbacks, url=URL)
    after = claims_by_text(article)

    # Moved: the span points at the sentence where it now stands.
    for text in (UNEMPLOYMENT, EXPORTS):
        moved = after[text]
        assert moved.pk == before[text].pk
        assert moved.span_start == NEW.index(text) != before[text].span_start
        assert NEW[moved.span_start : moved.span_end] == moved.text

    # Gone from the text: still a claim, same status, no span.
    gone = after[INTEREST]
    assert gone.pk == before[INTEREST].pk
    assert gone.status == before[INTEREST].status
    assert (gone.span_start, gone.span_end) == (None, None)

    # New sentences: new claims, spans into the new text.
    assert set(after) - set(before) == {HEALTH, GAS}
    assert after[HEALTH].span_start == 0
    assert after[GAS].span_start == NEW.index(GAS)
    assert_spans_index_the_text(article)


def test_running_extraction_again_changes_nothing(original, django_capture_on_commit_callbacks):
    article = ingest(NEW, django_capture_on_commit_callbacks, url=URL)
    rows = list(Claim.objects.order_by("pk").values())
    assert extract_article(article_id=article.pk) == 0
    assert list(Claim.objects.order_by("pk").values("id", "span_start", "span_end")) == [
        {key: row[key] for key in ("id", "span_start", "span_end")} for row in rows
    ]
    assert article.revisions.count() == 1


def test_a_claim_in_review_keeps_its_status_assignee_and_history(
    original, editor, fact_checker, django_capture_on_commit_callbacks
):
    claims = claims_by_text(original)
    moved = put_in_review(claims[EXPORTS], editor=editor, fact_checker=fact_checker)
    gone = put_in_review(claims[INTEREST], editor=editor, fact_checker=fact_checker)
    kept = snapshot(original.claims.all())
    events = ClaimEvent.objects.filter(claim__article=original).count()

    ingest(NEW, django_capture_on_commit_callbacks, url=URL)

    assert snapshot(original.claims.filter(pk__in=kept)) == kept
    assert ClaimEvent.objects.filter(claim__pk__in=kept).count() == events
    for claim in (moved, gone):
        claim.refresh_from_db()
        assert claim.status == Claim.Status.IN_REVIEW
        assert claim.assignee == fact_checker
    assert NEW[moved.span_start : moved.span_end] == EXPORTS
    assert (gone.span_start, gone.span_end) == (None, None)


def test_a_sentence_retouched_in_quote_style_keeps_its_claim_anchored_to_it(
    db, django_capture_on_commit_callbacks
):
    first = ingest(f"{UNEMPLOYMENT}\n\n{QUOTED}", django_capture_on_commit_callbacks, url=URL)
    claim = claims_by_text(first)[QUOTED]
    changed = f"{HEALTH}\n\n{UNEMPLOYMENT}\n\n{RETOUCHED}"
    article = ingest(changed, django_capture_on_commit_callbacks, url=URL)
    claim.refresh_from_db()
    assert claim.text == QUOTED, "the claim keeps the words it was read in"
    start = changed.index(RETOUCHED)
    assert (claim.span_start, claim.span_end) == (start, start + len(RETOUCHED))
    assert RETOUCHED not in claims_by_text(article), "the same sentence: no second claim"


def test_a_sentence_no_longer_check_worthy_still_anchors_its_claim(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    first = ingest(f"{UNEMPLOYMENT}\n\n{QUOTED}", django_capture_on_commit_callbacks, url=URL)
    claim = claims_by_text(first)[QUOTED]
    # The extractor now scores the retouched sentence below the threshold: no claim for it,
    # but it is still in the text (not verbatim), so the existing claim follows it there.
    real = extraction.unique_claims
    monkeypatch.setattr(
        extraction,
        "unique_claims",
        lambda sentences: [s for s in real(sentences) if s.text.strip() != RETOUCHED],
    )
    changed = f"{HEALTH}\n\n{UNEMPLOYMENT}\n\n{RETOUCHED}"
    ingest(changed, django_capture_on_commit_callbacks, url=URL)
    claim.refresh_from_db()
    start = changed.index(RETOUCHED)
    assert (claim.span_start, claim.span_end) == (start, start + len(RETOUCHED))


def test_a_claim_whose_words_stay_but_are_cut_differently_keeps_a_span(
    db, django_capture_on_commit_callbacks
):
    # A dateline is recognised only at the top: a paragraph put before it joins "GENEVA —"
    # to the first sentence, whose fingerprint then changes. The claim's words are still
    # there, so its span follows them rather than going null, and the re-cut sentence is
    # not a second claim.
    first = ingest(
        f"GENEVA — {UNEMPLOYMENT}\n\n{EXPORTS}", django_capture_on_commit_callbacks, url=URL
    )
    claim = claims_by_text(first)[UNEMPLOYMENT]
    changed = f"{HEALTH}\n\nGENEVA — {UNEMPLOYMENT}\n\n{EXPORTS}"
    article = ingest(changed, django_capture_on_commit_callbacks, url=URL)
    claim.refresh_from_db()
    assert claim.span_start == changed.index(UNEMPLOYMENT) != first.text.index(UNEMPLOYMENT)
    assert_spans_index_the_text(article)
    assert set(claims_by_text(article)) == {UNEMPLOYMENT, EXPORTS, HEALTH}


def test_a_refetched_page_keeps_its_old_text_and_moves_the_spans(
    db, loopback, pages, django_capture_on_commit_callbacks
):
    content, base = pages
    content["/economy"] = ("text/plain; charset=utf-8", OLD.encode())
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=f"{base}/economy").article
    with django_capture_on_commit_callbacks(execute=True):
        submit_url(url=f"{base}/economy", refetch=True)  # the same page again
    assert not article.revisions.exists()

    content["/economy"] = ("text/plain; charset=utf-8", NEW.encode())
    with django_capture_on_commit_callbacks(execute=True):
        assert submit_url(url=f"{base}/economy", refetch=True).updated
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.text == NEW
    assert [r.text for r in article.revisions.all()] == [OLD]
    claims = claims_by_text(article)
    assert NEW[claims[EXPORTS].span_start : claims[EXPORTS].span_end] == EXPORTS
    assert claims[INTEREST].span_start is None
    assert {HEALTH, GAS} <= set(claims)
    assert_spans_index_the_text(article)


# --- the admin -----------------------------------------------------------------------------
def test_the_admin_shows_an_articles_revisions_read_only(
    original, admin_user, editor, fact_checker, client, django_capture_on_commit_callbacks
):
    from django.contrib import admin

    ingest(NEW, django_capture_on_commit_callbacks, url=URL)
    revision = original.revisions.get()
    client.force_login(admin_user)
    page = client.get(f"/admin/claims/article/{original.pk}/change/").content.decode()
    assert revision.content_hash in page
    detail = client.get(f"/admin/claims/articlerevision/{revision.pk}/change/")
    assert detail.status_code == 200 and UNEMPLOYMENT in detail.content.decode()
    assert client.get("/admin/claims/articlerevision/add/").status_code == 403
    assert client.get(f"/admin/claims/articlerevision/{revision.pk}/delete/").status_code == 403

    request = _request(admin_user)
    revision_admin = admin.site._registry[ArticleRevision]
    assert revision_admin.has_view_permission(request, revision)
    assert not revision_admin.has_add_permission(request)
    assert not revision_admin.has_change_permission(request, revision)
    assert not revision_admin.has_delete_permission(request, revision)
    [inline] = [
        i
        for i in admin.site._registry[Article].get_inline_instances(request, original)
        if i.model is ArticleRevision
    ]
    assert inline.has_view_permission(request, original)
    assert not inline.has_add_permission(request, original)
    assert not inline.has_change_permission(request, original)
    assert not inline.has_delete_permission(request, original)
    # A stored text is replaced only by ingestion, which keeps the old one.
    article_admin = admin.site._registry[Article]
    assert "text" in article_admin.get_readonly_fields(request, original)
    assert "text" not in article_admin.get_readonly_fields(request, None)
    # The desk reads the record: both roles may see earlier texts.
    assert editor.has_perm("claims.view_articlerevision")
    assert fact_checker.has_perm("claims.view_articlerevision")


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request
