"""The desk's pages through Django's test client: roles, POST-redirect-GET, CSRF, escaping,
workflow errors as messages, and query counts of the list pages."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from claims.models import Article, Claim, SourceLink, Verdict
from claims.workflow import claim_add_source, claim_assign, claim_triage, verdict_request_changes
from reviewers.review_holds import verdict_hold_for_review
from reviewers.services import claim_add_note
from tests.claims.helpers import bring_to, propose
from tests.reviewers.ui.conftest import signed_in

XSS = "<img src=x onerror=alert(1)>"


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def claim_url(claim) -> str:
    return reverse("desk:claim", args=[claim.pk])


GET_PAGES = [
    ("desk:my-work", ()),
    ("desk:inbox", ()),
    ("desk:triage", ()),
    ("desk:submit", ()),
    ("desk:dashboard", ()),
]


# --- who may enter ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "args"), GET_PAGES)
def test_anonymous_is_sent_to_sign_in(client, db, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "args"), GET_PAGES)
def test_api_consumer_is_refused(consumer_client, name, args):
    response = consumer_client.get(reverse(name, args=args))
    assert response.status_code == 403
    assert b"not for your role" in response.content


def test_consumer_cannot_see_a_claim_under_review(consumer_client, claim_in_review):
    assert consumer_client.get(claim_url(claim_in_review)).status_code == 403


def test_fact_checker_has_no_inbox(checker_client):
    assert checker_client.get(reverse("desk:inbox")).status_code == 403


def test_fact_checker_cannot_approve(checker_client, make_claim, other_fact_checker, editor):
    claim = bring_to(
        "pending_approval", make_claim=make_claim, checker=other_fact_checker, editor=editor
    )
    verdict = claim.verdicts.get()
    response = checker_client.post(reverse("desk:verdict-approve", args=[verdict.pk]))
    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.PROPOSED


# --- signing in ------------------------------------------------------------------------


def test_sign_in_shows_the_role_and_lands_on_my_work(client, editor, members):
    page = client.get(reverse("login"))
    assert b'name="csrfmiddlewaretoken"' in page.content
    assert b'<label for="id_username">' in page.content
    response = client.post(reverse("login"), {"username": "editor", "password": "pw"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("desk:my-work")
    html = response.content.decode()
    assert "editor" in html and '<span class="role">Editor</span>' in html


def test_wrong_password_is_told_plainly(client, fact_checker):
    response = client.post(reverse("login"), {"username": "checker", "password": "nope"})
    assert response.status_code == 200
    assert b'role="alert"' in response.content


def test_sign_out_is_a_post(checker_client):
    response = checker_client.post(reverse("logout"))
    assert response.status_code == 302
    assert checker_client.get(reverse("desk:my-work")).status_code == 302


def test_forms_need_the_csrf_token(fact_checker, members, claim_in_review):
    client = Client(enforce_csrf_checks=True)
    client.force_login(fact_checker)
    page = client.get(claim_url(claim_in_review))
    assert page.content.count(b"csrfmiddlewaretoken") >= 3
    response = client.post(
        reverse("desk:source-add", args=[claim_in_review.pk]), {"url": "https://x.example.org"}
    )
    assert response.status_code == 403
    assert claim_in_review.sources.count() == 1


# --- my work ---------------------------------------------------------------------------


def test_take_next_assigns_and_redirects_to_the_claim(
    checker_client, fact_checker, make_claim, editor
):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor, queue="general")
    page = checker_client.get(reverse("desk:my-work"))
    assert b"Take next claim" in page.content
    response = checker_client.post(reverse("desk:take-next"), {"queue": "general"})
    assert response.status_code == 302
    assert response["Location"] == claim_url(claim)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW and claim.assignee == fact_checker


def test_take_next_on_an_empty_queue_says_so(checker_client):
    response = checker_client.post(reverse("desk:take-next"), {"queue": "general"}, follow=True)
    assert "Nothing is waiting in that queue right now." in texts(response) or (
        b"Nothing is waiting" in response.content
    )


def test_my_work_lists_open_assignments_in_fixed_queries(
    checker_client, fact_checker, make_claim, editor, django_assert_max_num_queries
):
    for _ in range(5):
        claim = make_claim()
        claim_triage(claim=claim, actor=editor)
        claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    # session, user, groups (role), assignments with claim/queue entry, queues overview,
    # plus the permission look-ups: the same whatever the number of assignments.
    with django_assert_max_num_queries(9):
        response = checker_client.get(reverse("desk:my-work"))
    assert response.content.count(b'class="card"') == 5
    assert b"Lease ends" in response.content and b"Due " in response.content


def test_a_claim_sent_back_is_marked_in_my_work_with_the_editors_note(
    checker_client, make_claim, fact_checker, editor
):
    sent_back = bring_to(
        "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
    )
    verdict_request_changes(
        verdict=sent_back.verdicts.get(), actor=editor, note="Quote the 1953 text itself."
    )
    bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    html = checker_client.get(reverse("desk:my-work")).content.decode()
    cards = html.split('<li class="card">')[1:]
    assert len(cards) == 2
    [marked] = [card for card in cards if "Changes requested" in card]
    assert sent_back.statement in marked
    assert 'class="badge badge-sent-back"' in marked
    assert "editor asked for changes" in marked and "Quote the 1953 text itself." in marked


def test_pending_approval_cards_show_no_lease(checker_client, make_claim, fact_checker, editor):
    bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    html = checker_client.get(reverse("desk:my-work")).content.decode()
    assert html.count('class="card"') == 1
    assert "Pending approval" in html
    assert "Lease ends" not in html and "Changes requested" not in html


# --- claim review ----------------------------------------------------------------------


def test_review_page_highlights_the_claim_in_its_article(checker_client, make_claim, editor):
    article = Article.objects.create(
        title="Truce",
        url="https://news.example.org/truce",
        text="First paragraph.\n\nThe truce has held for 70 years, officials said.\n\nLast one.",
        content_hash="1" * 64,
        status=Article.Status.DONE,
    )
    text = "The truce has held for 70 years, officials said."
    start = article.text.index(text)
    claim = make_claim(
        text,
        article=article,
        span=(start, start + len(text)),
        sourcing="anonymous",
        claimant="officials",
    )
    html = checker_client.get(claim_url(claim)).content.decode()
    assert f"<mark>{text}</mark>" in html
    assert "First paragraph." in html and "Last one." in html
    assert 'href="https://news.example.org/truce"' in html
    assert "badge-anonymous" in html and "Anonymous source" in html


def test_a_claim_whose_sentence_was_edited_out_shows_the_earlier_text(checker_client, make_claim):
    from claims.models import ArticleRevision

    text = "The truce has held for 70 years, officials said."
    before = f"Opening line.\n\n{text}\n\nClosing line."
    article = Article.objects.create(
        title="Truce",
        url="https://news.example.org/truce-edited",
        text="Opening line.\n\nThe truce is fragile.\n\nClosing line.",
        content_hash="2" * 64,
        status=Article.Status.DONE,
    )
    ArticleRevision.objects.create(
        article=article, text="An older draft.", content_hash="3" * 64, title="Truce"
    )
    ArticleRevision.objects.create(
        article=article, text=before, content_hash="4" * 64, title="Truce"
    )
    claim = make_claim(text, article=article)  # no span: the sentence left the text
    html = checker_client.get(claim_url(claim)).content.decode()
    assert "sentence is no longer in the article" in html
    assert "how the article read until" in html
    assert f"<mark>{text}</mark>" in html and "Opening line." in html
    assert "The truce is fragile." not in html


def test_a_span_moved_onto_the_same_sentence_with_other_quotes_is_highlighted(
    checker_client, make_claim
):
    stored = 'The envoy said "the talks went well" on Monday.'
    current = "The envoy said \u201cthe talks went well\u201d on Monday."
    article = Article.objects.create(
        title="Talks",
        url="https://news.example.org/talks",
        text=f"Intro.\n\n{current}",
        content_hash="5" * 64,
        status=Article.Status.DONE,
    )
    start = article.text.index(current)
    claim = make_claim(stored, article=article, span=(start, start + len(current)))
    html = checker_client.get(claim_url(claim)).content.decode()
    assert "<mark>The envoy said \u201cthe talks went well\u201d on Monday.</mark>" in html
    assert "no longer in the article" not in html


def test_claim_text_is_escaped_everywhere(checker_client, make_claim, editor, fact_checker):
    claim = make_claim(XSS, claimant=XSS)
    claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    claim_add_source(claim=claim, actor=fact_checker, url="https://e.example.org/", title=XSS)
    for url in (claim_url(claim), reverse("desk:my-work")):
        html = checker_client.get(url).content.decode()
        assert XSS not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_add_and_remove_a_source_redirects_back(checker_client, claim_in_review):
    url = reverse("desk:source-add", args=[claim_in_review.pk])
    response = checker_client.post(
        url,
        {
            "url": "https://data.example.org/a",
            "title": "Data",
            "kind": "data_set",
            "stance": "refutes",
        },
    )
    assert response.status_code == 302 and response["Location"] == claim_url(claim_in_review)
    source = claim_in_review.sources.get(url="https://data.example.org/a")
    assert (source.kind, source.stance) == ("data_set", "refutes")
    response = checker_client.post(reverse("desk:source-remove", args=[source.pk]), follow=True)
    assert "Source removed." in texts(response) or b"Source removed." in response.content
    source.refresh_from_db()
    assert source.removed_at is not None


def test_the_source_form_preselects_no_kind_or_stance(checker_client, claim_in_review):
    html = checker_client.get(claim_url(claim_in_review)).content.decode()
    for name, placeholder in [("kind", "Choose a kind"), ("stance", "Choose a stance")]:
        select = html[html.index(f'<select name="{name}"') :]
        select = select[: select.index("</select>")]
        assert " required" in select.split(">", 1)[0]  # the browser asks before sending
        assert f'<option value="" selected>{placeholder}</option>' in select
        assert select.count("selected") == 1


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("kind", "Kind: Choose what kind of source this is."),
        ("stance", "Stance: Choose whether it supports, refutes or gives context."),
    ],
)
def test_a_source_without_kind_or_stance_is_refused(
    checker_client, claim_in_review, missing, message
):
    data = {"url": "https://data.example.org/b", "kind": "data_set", "stance": "refutes"}
    data[missing] = ""
    response = checker_client.post(reverse("desk:source-add", args=[claim_in_review.pk]), data)
    # Refused in place: the form comes back with the error beside the field.
    assert response.status_code == 400
    assert message.split(": ", 1)[1] in response.content.decode()
    assert not claim_in_review.sources.filter(url=data["url"]).exists()


def test_propose_a_verdict(checker_client, claim_in_review, rating):
    source = claim_in_review.sources.get()
    response = checker_client.post(
        reverse("desk:verdict-propose", args=[claim_in_review.pk]),
        {
            "rating": rating.slug,
            "headline": "Broadly right",
            "summary": "It held.",
            "rationale": "Records.",
            "sources": [source.pk],
        },
    )
    assert response.status_code == 302
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == Claim.Status.PENDING_APPROVAL
    verdict = claim_in_review.verdicts.get()
    assert list(verdict.cited_sources.all()) == [source]


def test_the_verdict_form_says_the_rationale_is_published(checker_client, claim_in_review):
    html = checker_client.get(claim_url(claim_in_review)).content.decode()
    # Said beside the field, and read out with it.
    assert (
        '<span class="muted" id="id_rationale_helptext">Published with the verdict: readers see '
        "it on the fact check&#x27;s page" in html
    )
    assert 'aria-describedby="id_rationale_helptext"' in html


def test_verdict_without_sources_is_refused_with_a_message(checker_client, claim_in_review):
    response = checker_client.post(
        reverse("desk:verdict-propose", args=[claim_in_review.pk]),
        {"rating": "false", "headline": "No", "summary": "Wrong."},
        follow=True,
    )
    assert b"must cite at least 1 source" in response.content
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == Claim.Status.IN_REVIEW


def test_only_the_assignee_gets_the_verdict_form(claim_in_review, other_fact_checker, members):
    html = signed_in(other_fact_checker).get(claim_url(claim_in_review)).content.decode()
    assert "Propose verdict" not in html
    assert "Only the assigned reviewer" in html


def test_published_claim_links_to_its_public_page(checker_client, make_claim, fact_checker, editor):
    claim = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    html = checker_client.get(claim_url(claim)).content.decode()
    assert f'href="/checks/{claim.pk}-' in html


def test_history_shows_a_diff_between_revisions(
    checker_client, editor_client, make_claim, fact_checker, editor
):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    v1 = claim.verdicts.get()
    editor_client.post(
        reverse("desk:verdict-changes", args=[v1.pk]), {"note": "Say which armistice."}
    )
    page = checker_client.get(claim_url(claim)).content.decode()
    assert "Say which armistice." in page  # the editor's note, above the form
    assert "Broadly accurate" in page  # the form starts from the last revision
    checker_client.post(
        reverse("desk:verdict-propose", args=[claim.pk]),
        {
            "rating": "mostly_true",
            "headline": "Broadly accurate since 1953",
            "summary": "The armistice of 1953 has held, with incidents.",
            "sources": [s.pk for s in claim.sources.all()],
        },
    )
    html = checker_client.get(claim_url(claim)).content.decode()
    assert "Changes from version 1" in html
    assert "<ins> since 1953</ins>" in html or "<ins>since 1953</ins>" in html


# --- inbox -----------------------------------------------------------------------------


def test_inbox_never_offers_approval_of_ones_own_verdict(
    editor_client, editor, make_claim, other_fact_checker
):
    own = bring_to("pending_approval", make_claim=make_claim, checker=editor, editor=editor)
    theirs = bring_to(
        "pending_approval", make_claim=make_claim, checker=other_fact_checker, editor=editor
    )
    html = editor_client.get(reverse("desk:inbox")).content.decode()
    own_v, their_v = own.verdicts.get(), theirs.verdicts.get()
    assert reverse("desk:verdict-approve", args=[their_v.pk]) in html
    assert reverse("desk:verdict-approve", args=[own_v.pk]) not in html
    assert "This is your own verdict" in html
    # Oldest first.
    assert html.index(f'id="verdict-{own_v.pk}"') < html.index(f'id="verdict-{their_v.pk}"')


def test_server_refuses_approving_ones_own_verdict(editor_client, editor, make_claim):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=editor, editor=editor)
    verdict = claim.verdicts.get()
    response = editor_client.post(reverse("desk:verdict-approve", args=[verdict.pk]), follow=True)
    assert b"You cannot approve your own verdict." in response.content
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.PROPOSED


def test_approve_publishes(editor_client, make_claim, fact_checker, editor):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    verdict = claim.verdicts.get()
    response = editor_client.post(
        reverse("desk:verdict-approve", args=[verdict.pk]), {"note": "Good."}
    )
    assert response.status_code == 302 and response["Location"] == reverse("desk:inbox")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED


def test_request_changes_needs_a_note(editor_client, make_claim, fact_checker, editor):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    verdict = claim.verdicts.get()
    response = editor_client.post(
        reverse("desk:verdict-changes", args=[verdict.pk]), {"note": " "}, follow=True
    )
    assert b"A note is required to request changes." in response.content
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING_APPROVAL


def test_inbox_shows_the_diff_against_the_published_verdict(
    editor_client, make_claim, fact_checker, editor, other_editor
):
    claim = bring_to(
        "in_review_after_reopen", make_claim=make_claim, checker=fact_checker, editor=other_editor
    )
    from claims.workflow import claim_propose_verdict

    claim_propose_verdict(
        claim=claim,
        actor=fact_checker,
        rating="false",
        headline="Not accurate",
        summary="The armistice of 1953 has held, with incidents.",
        sources=list(claim.sources.filter(removed_at__isnull=True)),
    )
    html = editor_client.get(reverse("desk:inbox")).content.decode()
    assert "Correction: changes from the published verdict" in html
    assert "<del>Mostly true</del>" in html or "<del>Mostly</del>" in html


def test_inbox_queries_do_not_grow_with_the_list(
    editor_client, make_claim, fact_checker, editor, other_editor, django_assert_num_queries
):
    def add_cards() -> None:
        # A first proposal, held for review by a colleague, and a correction of a published
        # verdict (its diff, its sources).
        held = bring_to(
            "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
        )
        verdict_hold_for_review(verdict=held.verdicts.get(), actor=other_editor)
        claim = bring_to(
            "in_review_after_reopen", make_claim=make_claim, checker=fact_checker, editor=editor
        )
        propose(claim, fact_checker, rating="false")

    def inbox_queries(cards: int):
        # session; user; the user's and the groups' permissions (the door); the filter
        # choices: queues, desk members, ratings; the counts (queue, author, rating and
        # time of every waiting proposal); the cards: verdicts with claim, article (the
        # paragraph is cut from its text), author, rating, queue, published verdict and
        # rating, and review hold with its editor; their cited sources; the published
        # verdicts' cited sources (for the corrections' diffs); the header's role; the
        # rating scale (the badge's place on it, claims.ratings).
        with django_assert_num_queries(13):
            response = editor_client.get(reverse("desk:inbox"))
        assert response.content.count(b"Approve and publish") == cards // 2
        assert response.content.count(b"Being reviewed by editor2") == cards // 2
        return response

    add_cards()
    inbox_queries(2)
    for _ in range(3):
        add_cards()
    response = inbox_queries(8)
    assert response.content.count(b"Correction: changes from the published verdict") == 4
    assert response.content.count(b'<li class="source">') == 8  # one cited per card


# --- triage ----------------------------------------------------------------------------


def test_triage_lists_candidates_with_filters(
    editor_client, make_claim, django_assert_max_num_queries
):
    for i in range(6):
        make_claim(f"Candidate {i} claims the budget rose by {i} percent.", checkworthiness=i / 10)
    make_claim("Someone said a thing about trams.", checkworthiness=0.7, sourcing="anonymous")
    # session, user, groups, count, page of claims with articles, their suggested matches
    # (one query: test_triage_actions.py counts them exactly), queues, permissions.
    with django_assert_max_num_queries(9):
        response = editor_client.get(reverse("desk:triage"))
    assert response.content.count(b'name="claims"') == 7
    filtered = editor_client.get(reverse("desk:triage"), {"min_score": "0.45", "q": "budget"})
    assert filtered.content.count(b'name="claims"') == 1
    anonymous = editor_client.get(reverse("desk:triage"), {"sourcing": "anonymous"})
    assert anonymous.content.count(b'name="claims"') == 1


def test_bulk_queue_and_dismiss(checker_client, make_claim):
    a, b, c = make_claim(), make_claim(), make_claim()
    response = checker_client.post(
        reverse("desk:triage"), {"claims": [a.pk, b.pk], "action": "queue", "queue": "general"}
    )
    assert response.status_code == 302
    a.refresh_from_db(), b.refresh_from_db()
    assert a.status == b.status == Claim.Status.QUEUED
    response = checker_client.post(
        reverse("desk:triage"), {"claims": [c.pk], "action": "dismiss"}, follow=True
    )
    assert b"A reason is required to dismiss claims." in response.content
    checker_client.post(
        reverse("desk:triage"), {"claims": [c.pk], "action": "dismiss", "reason": "Opinion."}
    )
    c.refresh_from_db()
    assert c.status == Claim.Status.DISMISSED


def test_bulk_merge_reports_each_claim(checker_client, make_claim):
    canonical, dup = make_claim(), make_claim()
    response = checker_client.post(
        reverse("desk:triage"),
        {"claims": [dup.pk, canonical.pk], "action": "merge", "canonical": canonical.pk},
        follow=True,
    )
    dup.refresh_from_db()
    assert dup.status == Claim.Status.DUPLICATE and dup.canonical == canonical
    assert b"cannot be a duplicate of itself" in response.content


# --- submit ----------------------------------------------------------------------------


def test_submit_pasted_text_shows_the_extracted_claims(
    checker_client, django_capture_on_commit_callbacks
):
    text = (
        "The city council approved the budget on Monday.\n\n"
        "According to the finance office, spending on trams rose by 40 percent in 2024.\n\n"
        "Unemployment fell to 3.1 percent last year, the minister said."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = checker_client.post(
            reverse("desk:submit"), {"text": text, "title": "Council budget"}
        )
    assert response.status_code == 302
    article = Article.objects.get(title="Council budget")
    assert response["Location"] == reverse("desk:article", args=[article.pk])
    page = checker_client.get(response["Location"]).content.decode()
    assert "Extracted claims" in page
    status = checker_client.get(response["Location"], {"format": "json"}).json()
    assert status["status"] == "done" and status["in_progress"] is False


def test_submit_needs_exactly_one_input(checker_client):
    response = checker_client.post(reverse("desk:submit"), {})
    assert response.status_code == 400  # the form again: see test_refused_forms
    assert b"Give exactly one of" in response.content


def test_article_in_progress_offers_polling(checker_client, fact_checker):
    article = Article.objects.create(
        url="https://news.example.org/p", origin="url", status=Article.Status.PENDING
    )
    html = checker_client.get(reverse("desk:article", args=[article.pk])).content.decode()
    assert 'data-in-progress="true"' in html and 'http-equiv="refresh"' in html


# --- dashboard -------------------------------------------------------------------------


def test_dashboard_draws_its_charts(
    editor_client, make_claim, fact_checker, editor, django_assert_max_num_queries
):
    for _ in range(3):
        bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    # session, user, groups, permissions, queues overview, reviewer workload, status
    # counts, weekly publications, median sample, overdue entries.
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("desk:dashboard"))
    html = response.content.decode()
    assert html.count("<svg") >= 3
    assert "Verdicts published per week" in html
    assert "median from ingestion to publication" in html
    assert SourceLink.objects.exists()  # the published claims cite their sources
    assert Verdict.objects.filter(state="approved").count() == 3
    assert "–" not in html.split("median from ingestion")[0].rsplit("figure-value", 1)[1]


def test_someone_in_no_queue_can_still_take_a_waiting_claim(make_claim, editor, db):
    from tests.conftest import make_user

    newcomer = make_user("newcomer", "fact-checkers")
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    client = signed_in(newcomer)
    html = client.get(reverse("desk:my-work")).content.decode()
    take = reverse("desk:claim-take", args=[claim.pk])
    assert "not a member of any review queue" in html and take in html
    response = client.post(take)
    assert response["Location"] == claim_url(claim)
    claim.refresh_from_db()
    assert claim.assignee == newcomer


def test_review_page_shows_claims_that_look_like_it(checker_client, make_claim, editor):
    text = "Unemployment in the region fell to 3.1 percent in 2024, the ministry said."
    earlier = make_claim(text)
    claim_triage(claim=earlier, actor=editor)
    again = make_claim("Unemployment in the region fell to 3.1 percent in 2024, said the ministry.")
    unrelated = make_claim("The tram line carried 40,000 passengers a day in March.")
    claim_triage(claim=unrelated, actor=editor)
    html = checker_client.get(claim_url(again)).content.decode()
    assert "Claims that look like it" in html
    assert claim_url(earlier) in html and claim_url(unrelated) not in html


def test_review_page_queries_do_not_grow_with_history(
    checker_client, claim_in_review, fact_checker, django_assert_max_num_queries
):
    for n in range(6):
        claim_add_source(
            claim=claim_in_review, actor=fact_checker, url=f"https://e.example.org/{n}"
        )
        claim_add_note(claim=claim_in_review, actor=fact_checker, body=f"Note {n} @editor")
    # session, user, groups, permissions, claim with article/queue/verdict, sources,
    # verdicts + citations, events with actors, the similar-claims pool, the notes with
    # their authors, form queries.
    with django_assert_max_num_queries(17):
        response = checker_client.get(claim_url(claim_in_review))
    assert response.content.count(b'class="source"') == 7
