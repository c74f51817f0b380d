"""The ingestion services and tasks: articles in, candidate claims out, bad input refused.

URL tests fetch from a real HTTP server thread on 127.0.0.1 (loopback allowed by the
``loopback`` fixture) or from a stand-in "public" server on 127.0.0.2.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from django.utils import timezone

from claims import netguard
from claims.extraction import extract, unique_claims
from claims.ingestion import IngestionError, pipeline
from claims.ingestion.fetch import ADDRESS_REFUSED, BlockedAddress, TemporaryFetchError
from claims.ingestion.html import ParseError
from claims.ingestion.pipeline import (
    extract_article,
    extraction,
    fetch_article,
    fetching,
    ingest_html,
    ingest_text,
    submit,
    submit_url,
)
from claims.ingestion.text import BinaryContent, ContentTooLarge, EmptyContent, UndecodableText
from claims.models import Article, Claim, ClaimEvent
from claims.tasks import FETCH_MAX_RETRIES, extract_article_task, fetch_article_task
from claims.workflow import (
    ActionNotPermitted,
    claim_assign,
    claim_triage,
    statement_text,
    text_fingerprint,
)
from tests.claims.ingestion import conftest as ingestion_fixtures
from tests.claims.ingestion.conftest import ARTICLE_HTML, QuietHTTPServer

# The loopback HTTP server and its settings, shared with the fetch tests.
server = ingestion_fixtures.server
public_server = ingestion_fixtures.public_server
loopback = ingestion_fixtures.loopback
no_loopback = ingestion_fixtures.no_loopback
elapsed = ingestion_fixtures.elapsed
fake_dns = ingestion_fixtures.fake_dns

SEED = Path("/work/shared/fixtures/seed-article-buffer-zone.txt")
SEED_TEXT = SEED.read_text(encoding="utf-8") if SEED.is_file() else None
needs_seed = pytest.mark.skipif(SEED_TEXT is None, reason="seed article not present")

SHORT_TEXT = (
    "GENEVA — The unemployment rate rose to 7.4 percent in March, according to the "
    "national statistics office.\n\n"
    "Officials said exports fell by 12 percent compared with last year, the steepest drop "
    "since 2009.\n\n"
    "Coordination will be crucial, as will unity."
)
NEW_PARAGRAPH = (
    "\n\nThe health ministry said 3,400 new cases were recorded last week, twice as many as "
    "in the same week of 2023."
)

# Every column of a claim but synced_at, its change-feed position, which moves with its
# article by design (claims.sync_key): the claim itself is what must stay untouched.
UNTOUCHED = [f.attname for f in Claim._meta.concrete_fields if f.name != "synced_at"]


def check_spans(article: Article) -> None:
    article.refresh_from_db()
    for claim in article.claims.all():
        assert article.text[claim.span_start : claim.span_end] == claim.text


def put_in_review(claim: Claim, *, editor, fact_checker) -> Claim:
    """Through the workflow services; a high-scoring claim may have been queued on creation."""
    if claim.status == Claim.Status.CANDIDATE:
        claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    return claim


def expected_claims(text: str) -> set[str]:
    return {text_fingerprint(s.text.strip()) for s in unique_claims(extract(text))}


# --- Text ------------------------------------------------------------------------------
def test_text_is_stored_pending_and_extracted_only_on_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = ingest_text(text=SHORT_TEXT, title="Jobs report")
    article = result.article
    assert result.created and not result.updated
    assert article.status == Article.Status.PENDING
    assert article.origin == Article.Origin.TEXT
    assert article.title == "Jobs report"
    assert article.content_hash and article.text == SHORT_TEXT
    assert not article.claims.exists(), "nothing is extracted before the commit"
    assert len(callbacks) == 1

    callbacks[0]()
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.error == ""
    assert {c.text_hash for c in article.claims.all()} == expected_claims(article.text)
    assert article.claims.count() >= 1


def test_claims_are_candidates_with_attribution_and_a_created_event(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=SHORT_TEXT).article
    claims = list(article.claims.all())
    assert claims
    by_sentence = {s.text.strip(): s for s in unique_claims(extract(article.text))}
    for claim in claims:
        sentence = by_sentence[claim.text]
        # Candidates; the reviewers app may already have routed high scorers to a queue.
        assert claim.status in (Claim.Status.CANDIDATE, Claim.Status.QUEUED)
        assert claim.claimant == (sentence.claimant or "")
        assert claim.claim_text == statement_text(sentence.claim)
        assert claim.claimant_role == (sentence.claimant_role or "")
        assert claim.cue == (sentence.cue or "")
        assert claim.sourcing == sentence.sourcing
        assert claim.checkworthiness == pytest.approx(sentence.score)
        assert claim.flags == list(sentence.flags)
        assert claim.created_by is None
        event = ClaimEvent.objects.filter(claim=claim).order_by("created_at", "id").first()
        assert (event.kind, event.actor, event.to_status) == ("created", None, "candidate")
    check_spans(article)


@needs_seed
def test_seed_article_yields_claims_whose_spans_index_the_text_exactly(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=SEED_TEXT, title="Buffer zone").article
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    claims = list(article.claims.all())
    assert len(claims) >= 10
    check_spans(article)
    eu = [c for c in claims if "according to EU sources" in c.text]
    assert eu and eu[0].sourcing == Claim.Sourcing.ANONYMOUS
    assert len({c.text_hash for c in claims}) == len(claims)


def test_the_same_text_twice_creates_nothing_new(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = ingest_text(text=SHORT_TEXT)
    claims_before = Claim.objects.count()
    # Different line endings and trailing space are the same content.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = ingest_text(text=SHORT_TEXT.replace("\n", "\r\n") + "  \n")
    assert second.article.pk == first.article.pk
    assert not second.created and not second.updated
    assert callbacks == []
    assert Article.objects.count() == 1
    assert Claim.objects.count() == claims_before


def test_the_same_text_at_two_urls_is_one_article(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = ingest_text(text=SHORT_TEXT, url="https://a.example/story")
        second = ingest_text(text=SHORT_TEXT, url="https://b.example/syndicated")
    assert second.article.pk == first.article.pk and not second.created
    assert Article.objects.count() == 1


def test_the_same_url_spelled_differently_is_one_article(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = ingest_text(text=SHORT_TEXT, url="https://News.Example/story?utm_source=x#top")
        second = ingest_text(text=SHORT_TEXT, url="https://news.example:443/story")
    assert first.article.url == "https://news.example/story"
    assert second.article.pk == first.article.pk


def test_extraction_is_safe_to_run_twice(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=SHORT_TEXT).article
    claims, events = Claim.objects.count(), ClaimEvent.objects.count()
    assert extract_article(article_id=article.pk) == 0
    assert extract_article_task.delay(article.pk).get() == 0
    assert (Claim.objects.count(), ClaimEvent.objects.count()) == (claims, events)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE


def test_extracting_a_missing_or_failed_article_does_nothing(db):
    assert extract_article(article_id=987654) == 0
    failed = Article.objects.create(text=SHORT_TEXT, status=Article.Status.FAILED, error="x")
    assert extract_article(article_id=failed.pk) == 0
    failed.refresh_from_db()
    assert failed.status == Article.Status.FAILED and not failed.claims.exists()


# --- Re-ingesting changed content -----------------------------------------------------
def test_changed_text_at_the_same_url_adds_only_new_claims_and_leaves_reviewed_ones_alone(
    db, django_capture_on_commit_callbacks, editor, fact_checker
):
    url = "https://news.example/jobs"
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=SHORT_TEXT, url=url).article
    old_claims = {c.pk: c for c in article.claims.all()}
    assert old_claims
    reviewed = put_in_review(
        next(iter(old_claims.values())), editor=editor, fact_checker=fact_checker
    )
    snapshot = Claim.objects.filter(pk__in=old_claims).values(*UNTOUCHED)
    before = {row["id"]: row for row in snapshot}
    events_before = ClaimEvent.objects.filter(claim__in=old_claims).count()

    # The reviewed sentence is taken out of the new version and a new paragraph is added.
    changed = SHORT_TEXT.replace(reviewed.text, "").strip() + NEW_PARAGRAPH
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_text(text=changed, url=url)

    assert result.article.pk == article.pk
    assert result.updated and not result.created
    article.refresh_from_db()
    assert article.text == changed and article.status == Article.Status.DONE
    assert Article.objects.count() == 1

    # Existing claims: nothing changed but their spans, no history added (the removed one
    # stays, without a span; the others index the new text, see test_revisions.py).
    after = {row["id"]: row for row in Claim.objects.filter(pk__in=old_claims).values(*UNTOUCHED)}
    for row in (*before.values(), *after.values()):
        del row["span_start"], row["span_end"]
    assert after == before
    assert ClaimEvent.objects.filter(claim__in=old_claims).count() == events_before
    reviewed.refresh_from_db()
    assert (reviewed.span_start, reviewed.span_end) == (None, None)
    for claim in article.claims.exclude(pk=reviewed.pk):
        assert changed[claim.span_start : claim.span_end] == claim.text

    # New claims: exactly the check-worthy sentences the article did not have yet.
    new = article.claims.exclude(pk__in=old_claims)
    old_hashes = {c.text_hash for c in old_claims.values()}
    assert {c.text_hash for c in new} == expected_claims(changed) - old_hashes
    assert new.exists(), "the new paragraph has a check-worthy sentence"
    for claim in new:
        assert changed[claim.span_start : claim.span_end] == claim.text


def attributing(claim_of, *, role: str, cue: str):
    """An extractor as the attribution work makes it: each sentence's claim is
    ``claim_of(sentence)``, with this role and cue."""

    def fake(text):
        return [
            replace(s, claim=claim_of(s.text), claimant_role=role, cue=cue)
            if s.kind == "sentence"
            else s
            for s in extract(text)
        ]

    return fake


def test_claims_store_the_claim_text_role_and_cue_beside_the_sentence(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    frame = "Officials said "
    monkeypatch.setattr(
        extraction,
        "extract",
        attributing(lambda s: s.removeprefix(frame), role="r" * 400, cue="c" * 100),
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=SHORT_TEXT).article
    claim = article.claims.get(text__startswith=frame)
    # The sentence stays the sentence (its span indexes it); the claim is the statement,
    # capitalised where the span started lower-case ("said exports fell...").
    assert article.text[claim.span_start : claim.span_end] == claim.text
    assert claim.text.startswith("Officials said exports fell by 12 percent")
    assert claim.claim_text == "E" + claim.text.removeprefix(frame + "e")
    # Cut to their columns, as the claimant is.
    assert claim.claimant_role == "r" * Claim._meta.get_field("claimant_role").max_length
    assert claim.cue == "c" * Claim._meta.get_field("cue").max_length


def test_re_extraction_leaves_the_claim_text_of_claims_it_has_alone(
    db, monkeypatch, django_capture_on_commit_callbacks, editor, fact_checker
):
    url = "https://news.example/jobs"
    monkeypatch.setattr(
        extraction, "extract", attributing(lambda s: s[:40], role="first role", cue="said")
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=SHORT_TEXT, url=url).article
    claims = list(article.claims.all())
    put_in_review(claims[0], editor=editor, fact_checker=fact_checker)
    before = {c.pk: (c.claim_text, c.claimant_role, c.cue) for c in claims}
    assert all(role == "first role" for _, role, _ in before.values())

    # The extractor has changed meanwhile (a better attribution), and so has the article.
    monkeypatch.setattr(
        extraction, "extract", attributing(lambda s: s[:20], role="second role", cue="told")
    )
    with django_capture_on_commit_callbacks(execute=True):
        ingest_text(text=SHORT_TEXT + NEW_PARAGRAPH, url=url)

    after = {
        c.pk: (c.claim_text, c.claimant_role, c.cue) for c in Claim.objects.filter(pk__in=before)
    }
    assert after == before
    new = article.claims.exclude(pk__in=before)
    assert new.exists()
    assert {(c.claimant_role, c.cue) for c in new} == {("second role", "told")}


# --- HTML ------------------------------------------------------------------------------
def test_html_upload_stores_text_and_metadata(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_html(html=ARTICLE_HTML.encode("utf-8"))
    article = result.article
    article.refresh_from_db()
    assert result.created
    assert article.origin == Article.Origin.HTML
    assert article.status == Article.Status.DONE
    assert "according to EU sources" in article.text
    assert "not article text" not in article.text
    assert article.title
    assert article.author == "Lois Lane"
    assert article.outlet == "The Daily Planet"
    assert article.language == "en"
    assert article.published_at is not None and article.published_at.year == 2024
    assert article.canonical_url == "https://news.example/world/buffer-zone"
    assert article.claims.exists()
    check_spans(article)


def test_a_page_without_a_declared_language_gets_the_language_its_text_reads_as(
    db, django_capture_on_commit_callbacks
):
    undeclared = ARTICLE_HTML.replace('<html lang="en">', "<html>")
    assert "lang=" not in undeclared
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_html(html=undeclared).article
    article.refresh_from_db()
    assert article.language == "en"


def test_a_declared_language_wins_over_the_text(db, django_capture_on_commit_callbacks):
    # An English report on a site that declares British English keeps the declaration.
    declared = ARTICLE_HTML.replace('<html lang="en">', '<html lang="en-GB">')
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_html(html=declared).article
    article.refresh_from_db()
    assert article.language == "en-gb"


def test_pasted_text_gets_the_language_it_reads_as_or_none(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        english = ingest_text(text=SHORT_TEXT).article
        spanish = ingest_text(
            text="La alcaldesa aseguró ayer que el nuevo tranvía transportará a veinte mil "
            "pasajeros al día antes de que termine el verano, según el ayuntamiento."
        ).article
        terse = ingest_text(text="Tolls up 12%.").article
    assert [a.language for a in (english, spanish, terse)] == ["en", "es", ""]


def test_the_same_story_as_html_and_as_text_is_one_article(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        from_html = ingest_html(html=ARTICLE_HTML).article
        again = ingest_text(text=from_html.text)
    assert again.article.pk == from_html.pk and not again.created


def test_html_bytes_are_size_checked_before_parsing(db, settings, monkeypatch):
    settings.INGEST_MAX_BYTES = 2048
    monkeypatch.setattr(
        submit, "parse_html", lambda *a, **k: pytest.fail("parsed an oversized upload")
    )
    with pytest.raises(ContentTooLarge):
        ingest_html(html=b"<html><body>" + b"<p>words</p>" * 1000 + b"</body></html>")
    assert not Article.objects.exists()


def test_html_in_a_declared_legacy_charset_is_decoded(db, django_capture_on_commit_callbacks):
    html = (
        b'<html><head><meta charset="windows-1252"></head><body><article>'
        b"<p>\x93The budget grew by 40 percent in 2023,\x94 the finance minister said.</p>"
        b"</article></body></html>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_html(html=html).article
    assert "\u201cThe budget grew" in article.text


# --- Bad input: refused before any row is written -------------------------------------
BAD_UPLOADS = [
    pytest.param("", EmptyContent, id="empty"),
    pytest.param(" \n\t\n ", EmptyContent, id="whitespace"),
    pytest.param(b"", EmptyContent, id="empty-bytes"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", BinaryContent, id="pdf"),
    pytest.param(b"\x00\x01\x02\x03" * 100, BinaryContent, id="nul-bytes"),
    pytest.param("text\x00with\x00nuls", BinaryContent, id="nul-str"),
    pytest.param(b"caf\xe9 cr\xe8me, not UTF-8", UndecodableText, id="latin1-bytes"),
    pytest.param("\x1b\x07" * 200, BinaryContent, id="control-chars"),
]


@pytest.mark.parametrize(("text", "error"), BAD_UPLOADS)
def test_bad_text_is_refused_with_a_clear_error_and_no_rows(
    db, django_capture_on_commit_callbacks, text, error
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(error) as caught,
    ):
        ingest_text(text=text)
    assert isinstance(caught.value, IngestionError)
    assert caught.value.message.endswith(".")
    assert callbacks == []
    assert not Article.objects.exists()


def test_text_over_the_size_cap_is_refused(db, settings):
    settings.INGEST_MAX_BYTES = 1024
    with pytest.raises(ContentTooLarge, match="limit"):
        ingest_text(text="The rate rose to 7 percent. " * 100)
    with pytest.raises(ContentTooLarge):
        ingest_text(text=("x" * 2000).encode())
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>var a = '<p>x</p>';</script></head><body>"
        + "<script>track();</script>" * 50
        + "</body></html>",
        b"<html><body><script>alert(1)</script><style>p{}</style><noscript></noscript></body>"
        b"</html>",
        "",
        b"\x89PNG\r\n\x1a\n binary",
    ],
    ids=["scripts", "scripts-bytes", "empty", "png"],
)
def test_html_without_article_text_is_refused(db, html):
    with pytest.raises(IngestionError) as caught:
        ingest_html(html=html)
    assert caught.value.message
    assert not Article.objects.exists()


def test_scripts_only_html_is_a_parse_error(db):
    with pytest.raises(ParseError, match="No article text"):
        ingest_html(html="<html><body>" + "<script>x()</script>" * 20 + "</body></html>")


@pytest.mark.parametrize(
    "url",
    ["not a url", "javascript:alert(1)", "ftp://example.org/story", "file:///etc/passwd"],
)
def test_an_invalid_url_for_text_is_refused_before_writing(db, url):
    with pytest.raises(IngestionError):
        ingest_text(text=SHORT_TEXT, url=url)
    assert not Article.objects.exists()


def test_a_consumer_may_not_submit_articles(db, consumer):
    with pytest.raises(ActionNotPermitted):
        ingest_text(text=SHORT_TEXT, actor=consumer)
    with pytest.raises(ActionNotPermitted):
        submit_url(url="https://news.example/a", actor=consumer)
    assert not Article.objects.exists()


def test_a_fact_checker_may_and_is_recorded_as_submitter(
    db, fact_checker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=SHORT_TEXT, actor=fact_checker).article
    assert article.submitted_by == fact_checker
    # The pipeline, not the submitter, created the claims.
    assert set(article.claims.values_list("created_by", flat=True)) == {None}


# --- URLs: refused up front -------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("file:///etc/passwd", "http and https"),
        ("ftp://example.org/story.txt", "http and https"),
        ("http://169.254.169.254/latest/meta-data/", ADDRESS_REFUSED),
        ("http://127.0.0.1/admin", ADDRESS_REFUSED),
        ("http://[::1]/", ADDRESS_REFUSED),
        ("http://10.0.0.7/", ADDRESS_REFUSED),
        # Host names are resolved at submission: one for an internal address, and one
        # that does not exist, are refused alike (the real resolver: /etc/hosts, .invalid).
        ("http://localhost/admin", ADDRESS_REFUSED),
        ("http://nonexistent.invalid/", ADDRESS_REFUSED),
        ("https://user:secret@example.org/", "user name or password"),
        ("example.org/story", "https://"),
        ("", "empty"),
    ],
)
def test_a_refused_url_raises_a_clear_error_and_writes_nothing(
    db, no_loopback, django_capture_on_commit_callbacks, url, words
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(IngestionError, match=re.escape(words)),
    ):
        submit_url(url=url)
    assert callbacks == []
    assert not Article.objects.exists()


def test_submitting_a_url_queues_the_fetch_on_commit_without_network_io(
    db, django_capture_on_commit_callbacks, monkeypatch, fake_dns
):
    fake_dns.answers["news.example"] = ["93.184.216.34"]  # only looked up, never reached
    monkeypatch.setattr(fetching, "fetch_url", lambda *a, **k: pytest.fail("fetched inline"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = submit_url(url="HTTPS://News.Example/a?utm_medium=x&b=1#frag")
    article = result.article
    assert result.created
    assert article.url == "https://news.example/a?b=1"
    assert (article.status, article.origin, article.text) == ("pending", "url", "")
    assert len(callbacks) == 1
    assert fake_dns.lookups == ["news.example"]


def test_an_internal_name_and_a_missing_name_get_the_same_answer(db, no_loopback, caplog):
    """Whether an internal host name exists is not for the caller to learn: both refusals
    are the same error with the same message; only the log tells them apart."""
    refusals = []
    for url in ("http://localhost/admin", "http://nonexistent.invalid/admin"):
        with pytest.raises(BlockedAddress) as caught:
            submit_url(url=url)
        refusals.append((type(caught.value), caught.value.code, caught.value.message))
    assert refusals[0] == refusals[1] == (BlockedAddress, "blocked_address", ADDRESS_REFUSED)
    assert "localhost (127.0.0.1)" in caplog.text
    assert "nonexistent.invalid" in caplog.text
    assert not Article.objects.exists()


def test_a_resolver_that_does_not_answer_is_refused_on_time(
    db, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.INGEST_RESOLVE_TIMEOUT_SECONDS = 0.5
    release = threading.Event()

    def silent(host, port):  # a resolver that never answers (until the test ends)
        release.wait(30)
        raise OSError("released")

    monkeypatch.setattr(netguard, "resolve", silent)
    started = time.monotonic()
    try:
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(BlockedAddress, match=re.escape(ADDRESS_REFUSED)),
        ):
            submit_url(url="https://slow-dns.example/story")
    finally:
        release.set()
    assert 0.5 <= time.monotonic() - started < 2.0
    assert callbacks == []
    assert not Article.objects.exists()


def test_the_same_url_twice_creates_one_article_and_one_fetch(
    db, loopback, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = submit_url(url=server.url("/article"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = submit_url(url=server.url("/article?utm_source=newsletter"))
    assert second.article.pk == first.article.pk
    assert not second.created and not second.updated
    assert callbacks == []
    assert len(server.requests) == 1
    assert Article.objects.count() == 1


# --- URLs: fetching ---------------------------------------------------------------------
def test_a_fetched_page_is_stored_with_metadata_and_extracted(
    db, loopback, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=server.url("/article")).article
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert article.origin == Article.Origin.URL
    assert "according to EU sources" in article.text
    assert "not article text" not in article.text
    assert article.outlet == "The Daily Planet"
    assert article.author == "Lois Lane"
    assert article.canonical_url == "https://news.example/world/buffer-zone"
    assert article.content_hash
    assert article.claims.exists()
    check_spans(article)


def test_a_plain_text_page_is_decoded_and_stored(
    db, loopback, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=server.url("/plain")).article
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.text == "Plain text article.\n"
    assert article.canonical_url == server.url("/plain")


def test_a_name_that_turns_to_loopback_after_submission_fails_at_fetch_time(
    db, public_server, server, fake_dns, django_capture_on_commit_callbacks, caplog
):
    # Public when submitted, loopback when fetched (DNS rebinding): the fetch's own guard
    # refuses it, and the article says no more than the submission would have.
    fake_dns.answers["rebind.test"] = ["127.0.0.2"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = submit_url(url=server.url("/article", host="rebind.test")).article
    fake_dns.answers["rebind.test"] = ["127.0.0.1"]
    for callback in callbacks:
        callback()
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == ADDRESS_REFUSED
    assert "rebind.test (127.0.0.1)" in caplog.text
    assert article.text == "" and article.content_hash is None
    assert not article.claims.exists()
    assert server.requests == []


def test_a_redirect_to_cloud_metadata_fails_with_a_reason(
    db, public_server, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=public_server.url("/to-metadata")).article
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == ADDRESS_REFUSED
    assert "169.254.169.254" in caplog.text


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/loop/a", "loop"),
        ("/counter/0", "redirected more than"),
        ("/to-file", "http and https"),
        ("/status/404", "404"),
        ("/pdf", "application/pdf"),
        ("/huge", "limit"),
        ("/endless", "limit"),
        ("/brotli", "not supported"),
    ],
)
def test_a_permanent_fetch_error_fails_the_article_with_its_reason(
    db, loopback, server, settings, django_capture_on_commit_callbacks, path, words
):
    settings.INGEST_MAX_BYTES = 100 * 1024
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=server.url(path)).article
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert words in article.error
    assert (article.text, article.content_hash) == ("", None)
    assert not article.claims.exists()


def test_a_page_with_only_scripts_fails_with_a_reason(
    db, loopback, django_capture_on_commit_callbacks
):
    body = b"<html><body>" + b"<script>track()</script>" * 20 + b"</body></html>"
    with (
        serve({"/scripts": ("text/html", body)}) as base,
        django_capture_on_commit_callbacks(execute=True),
    ):
        article = submit_url(url=f"{base}/scripts").article
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "No article text" in article.error


def test_a_page_with_the_content_of_another_article_fails_instead_of_crashing(
    db, loopback, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        original = ingest_text(text="Plain text article.").article
        copy = submit_url(url=server.url("/plain")).article
    copy.refresh_from_db()
    assert copy.status == Article.Status.FAILED
    assert f"same content as article {original.pk}" in copy.error
    assert copy.content_hash is None
    assert Article.objects.filter(content_hash=original.content_hash).count() == 1


# --- Temporary errors and retries -----------------------------------------------------
def test_a_temporary_error_puts_the_article_back_to_pending_and_is_raised(db, loopback, server):
    article = Article.objects.create(url=server.url("/status/503"), origin="url")
    with pytest.raises(TemporaryFetchError):
        fetch_article(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING
    assert "will retry" in article.error and "503" in article.error


def test_a_temporary_error_is_retried_then_the_article_fails_with_a_reason(
    db, loopback, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=server.url("/status/503")).article
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    attempts = FETCH_MAX_RETRIES + 1
    assert len(server.requests) == attempts
    assert article.error.startswith(f"Gave up after {attempts} attempts")
    assert "temporarily unavailable" in article.error


def test_a_stalling_server_is_retried_then_fails_with_a_reason(
    db, loopback, server, settings, django_capture_on_commit_callbacks, elapsed
):
    settings.INGEST_TIMEOUT_SECONDS = 0.2
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=server.url("/stall")).article
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "Gave up after" in article.error and "0.2 seconds" in article.error
    assert elapsed() < 10


def test_a_temporary_error_that_goes_away_ends_in_done(
    db, loopback, server, monkeypatch, django_capture_on_commit_callbacks
):
    real = fetching.fetch_url
    calls = []

    def flaky(url, **kwargs):
        calls.append(url)
        if len(calls) < 3:
            return real(server.url("/status/503"))
        return real(url, **kwargs)

    monkeypatch.setattr(fetching, "fetch_url", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=server.url("/article")).article
    article.refresh_from_db()
    assert len(calls) == 3
    assert article.status == Article.Status.DONE and article.error == ""
    assert article.claims.exists()


# --- Safe to run twice -------------------------------------------------------------------
def test_the_fetch_task_is_safe_to_run_twice(
    db, loopback, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=server.url("/article")).article
    claims = set(article.claims.values_list("pk", flat=True))
    assert claims
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fetch_article_task.delay(article.pk).get()
        fetch_article(article_id=article.pk)
    assert callbacks == []
    assert len(server.requests) == 1
    assert set(article.claims.values_list("pk", flat=True)) == claims


def test_a_fetch_does_nothing_while_another_worker_has_the_article(db, loopback, server):
    article = Article.objects.create(url=server.url("/article"), origin="url", status="running")
    fetch_article(article_id=article.pk)
    assert server.requests == []
    article.refresh_from_db()
    assert article.status == Article.Status.RUNNING


def test_an_abandoned_running_article_can_be_claimed_again(
    db, loopback, server, django_capture_on_commit_callbacks
):
    article = Article.objects.create(url=server.url("/article"), origin="url", status="running")
    stale = timezone.now() - pipeline.RUNNING_STALE_AFTER * 2
    Article.objects.filter(pk=article.pk).update(updated_at=stale)
    with django_capture_on_commit_callbacks(execute=True):
        fetch_article(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE


def test_a_fetch_result_is_discarded_if_the_article_was_re_ingested_meanwhile(
    db, loopback, server, monkeypatch, django_capture_on_commit_callbacks
):
    article = Article.objects.create(url=server.url("/article"), origin="url")
    real = fetching.fetch_url

    def fetch_while_someone_pastes_text(url, **kwargs):
        page = real(url, **kwargs)
        ingest_text(text=SHORT_TEXT, url=url)  # committed while we were on the network
        return page

    monkeypatch.setattr(fetching, "fetch_url", fetch_while_someone_pastes_text)
    with django_capture_on_commit_callbacks(execute=True):
        fetch_article(article_id=article.pk)
    article.refresh_from_db()
    assert article.text == SHORT_TEXT
    assert article.origin == Article.Origin.TEXT
    assert article.status == Article.Status.DONE


def test_a_failed_url_is_fetched_again_when_resubmitted(
    db, loopback, server, django_capture_on_commit_callbacks
):
    article = Article.objects.create(
        url=server.url("/article"), origin="url", status="failed", error="Timed out."
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = submit_url(url=server.url("/article"))
    assert result.updated and not result.created
    article.refresh_from_db()
    assert article.status == Article.Status.DONE and article.error == ""


def test_an_unexpected_error_in_extraction_fails_the_article_with_a_reason(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(text):
        raise RuntimeError("model file corrupted")

    monkeypatch.setattr(extraction, "extract", broken)
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=SHORT_TEXT).article
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "internal error (RuntimeError)" in article.error
    assert not article.claims.exists()


# --- Refetching a changed page ----------------------------------------------------------
class _PagesHandler(BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        content_type, body = self.pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class serve:
    """A loopback server for pages a test can change between requests."""

    def __init__(self, pages: dict[str, tuple[str, bytes]]):
        self.pages = pages

    def __enter__(self) -> str:
        handler = type("Handler", (_PagesHandler,), {"pages": self.pages})
        self.httpd = QuietHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def pages() -> Iterator[tuple[dict, str]]:
    content: dict[str, tuple[str, bytes]] = {}
    with serve(content) as base:
        yield content, base


def test_refetching_a_changed_page_adds_claims_for_new_sentences_only(
    db, loopback, pages, editor, fact_checker, django_capture_on_commit_callbacks
):
    content, base = pages
    content["/story"] = ("text/plain; charset=utf-8", SHORT_TEXT.encode())
    with django_capture_on_commit_callbacks(execute=True):
        article = submit_url(url=f"{base}/story").article
    old = {c.pk: c for c in article.claims.all()}
    put_in_review(next(iter(old.values())), editor=editor, fact_checker=fact_checker)
    before = {row["id"]: row for row in Claim.objects.filter(pk__in=old).values(*UNTOUCHED)}

    content["/story"] = ("text/plain; charset=utf-8", (SHORT_TEXT + NEW_PARAGRAPH).encode())
    with django_capture_on_commit_callbacks(execute=True):
        unchanged = submit_url(url=f"{base}/story")
    assert not unchanged.updated, "without refetch a known URL is not fetched again"
    with django_capture_on_commit_callbacks(execute=True):
        result = submit_url(url=f"{base}/story", refetch=True)
    assert result.updated
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.text.endswith(NEW_PARAGRAPH.strip())
    assert {row["id"]: row for row in Claim.objects.filter(pk__in=old).values(*UNTOUCHED)} == before
    new = article.claims.exclude(pk__in=old)
    assert new.exists()
    assert {c.text_hash for c in new} == expected_claims(article.text) - {
        c.text_hash for c in old.values()
    }


# --- The tasks' contract -----------------------------------------------------------------
def test_the_tasks_retry_only_temporary_fetch_errors_with_backoff_and_limits():
    assert fetch_article_task.autoretry_for == (TemporaryFetchError,)
    assert fetch_article_task.retry_backoff and fetch_article_task.retry_backoff_max
    assert fetch_article_task.max_retries == FETCH_MAX_RETRIES == 5
    assert not getattr(extract_article_task, "autoretry_for", ())
    for task in (fetch_article_task, extract_article_task):
        assert task.acks_late
        assert 0 < task.soft_time_limit < task.time_limit


@pytest.fixture
def as_worker(monkeypatch):
    """Run fetch_article_task's body as a worker would (not eagerly), recording retries."""
    from celery.exceptions import Retry

    retries: list[tuple[Exception, float | None]] = []

    def fake_retry(*, exc=None, countdown=None, **kwargs):
        retries.append((exc, countdown))
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(fetch_article_task, "retry", fake_retry)

    def run(article_id: int, *, attempt: int) -> None:
        fetch_article_task.push_request(retries=attempt, is_eager=False)
        try:
            fetch_article_task.run(article_id)
        finally:
            fetch_article_task.pop_request()

    return run, retries


def test_in_a_worker_a_temporary_error_is_retried_with_backoff(db, loopback, server, as_worker):
    from celery.exceptions import Retry

    run, retries = as_worker
    article = Article.objects.create(url=server.url("/status/503"), origin="url")
    with pytest.raises(Retry):
        run(article.pk, attempt=0)
    [(exc, countdown)] = retries
    assert isinstance(exc, TemporaryFetchError)
    assert countdown is not None
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING


def test_in_a_worker_the_last_attempt_fails_the_article_instead_of_retrying(
    db, loopback, server, as_worker
):
    run, retries = as_worker
    article = Article.objects.create(url=server.url("/status/503"), origin="url")
    run(article.pk, attempt=FETCH_MAX_RETRIES)
    assert retries == []
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error.startswith(f"Gave up after {FETCH_MAX_RETRIES + 1} attempts")


def test_extraction_waits_for_a_url_article_that_is_being_fetched_again(db):
    article = Article.objects.create(
        url="https://news.example/a", origin="url", text=SHORT_TEXT, content_hash="1" * 64
    )
    assert extract_article(article_id=article.pk) == 0
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING and not article.claims.exists()
