"""The desk in a real browser: Debian's Chromium driven by Playwright against a live server.

Screenshots of each main page, at 1280 and 360 px wide, go to ``var/screenshots/``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from claims.models import Article, Claim, Verdict
from claims.workflow import (
    claim_add_source,
    claim_assign,
    claim_create,
    claim_propose_verdict,
    claim_triage,
)
from reviewers.models import ReviewQueue
from tests.conftest import make_user, require_service

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
XSS = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module")
def browser():
    require_service("Chromium", CHROMIUM.exists(), f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - a broken install
        require_service("Playwright", False, str(exc))
    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the
    # test makes between browser steps are still plain synchronous ones.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Django keeps connections per context (asgiref Local). Starting Playwright switches this
    # thread into another greenlet and so another context, where a fresh connection object
    # would appear: one without the test database's serialized contents, which breaks the
    # serialized rollback of this and every later transactional test. Keep the same ones.
    originals = {alias: connections[alias] for alias in connections}
    with sync_playwright() as p:
        for alias, wrapper in originals.items():
            connections[alias] = wrapper
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield instance
        instance.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Desk:
    """One person's browser session on the live server."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.base = base
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def sign_in(self, username: str) -> None:
        self.go("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill("pw")
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/desk/")

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)
        self.page.set_viewport_size({"width": 360, "height": 800})
        self.page.screenshot(path=str(SHOTS / f"{name}-360.png"), full_page=True)
        self.page.set_viewport_size({"width": 1280, "height": 900})

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def desk(browser, live_server):
    opened: list[Desk] = []

    def open_desk() -> Desk:
        d = Desk(browser, live_server.url)
        opened.append(d)
        return d

    yield open_desk
    for d in opened:
        d.close()


@pytest.fixture
def team(django_db_serialized_rollback, live_server):
    checker = make_user("checker", "fact-checkers")
    editor = make_user("editor", "editors")
    editor2 = make_user("editor2", "editors")
    queue = ReviewQueue.objects.get(slug="general")
    queue.members.add(checker, editor, editor2)
    article = Article.objects.create(
        url="https://news.example.org/2025/08/buffer-zone",
        title="Ukraine security guarantees: the buffer-zone idea returns",
        outlet="Example News",
        text=(
            "Talks resumed in Geneva on Monday.\n\n"
            "According to EU sources, the buffer zone would be 40 kilometres wide.\n\n"
            "Diplomats said the proposal was still a draft."
        ),
        content_hash="b" * 64,
        status=Article.Status.DONE,
    )
    return {"checker": checker, "editor": editor, "editor2": editor2, "article": article}


def _queued(article, text: str, actor) -> Claim:
    start = article.text.find(text)
    span = (start, start + len(text)) if start >= 0 else None
    claim = claim_create(
        text=text,
        article=article,
        span=span,
        claimant="EU sources",
        sourcing="anonymous",
        checkworthiness=0.6,
    )
    claim_triage(claim=claim, actor=actor, queue="general")
    return claim


def test_a_claim_from_the_queue_to_the_public_page(desk, team):
    editor, article = team["editor"], team["article"]
    claim_a = _queued(
        article,
        "According to EU sources, the buffer zone would be 40 kilometres wide.",
        editor,
    )
    # The editor's own verdict on another claim: someone else must approve it.
    claim_b = _queued(article, "Talks resumed in Geneva on Monday.", editor)
    claim_assign(claim=claim_b, actor=editor, assignee=editor)
    source = claim_add_source(
        claim=claim_b, actor=editor, url="https://geneva.example.org/talks", title="Agenda"
    )
    own = claim_propose_verdict(
        claim=claim_b,
        actor=editor,
        rating="true",
        headline="Talks did resume",
        summary="The UN agenda lists the session.",
        sources=[source],
    )
    # Older than the checker's proposal: the inbox is oldest first.

    # 1. The fact-checker signs in, takes the next claim, adds two sources, proposes.
    fc = desk()
    fc.sign_in("checker")
    assert "Fact-checker" in fc.page.get_by_test_id("who").inner_text()
    fc.shot("my-work")
    fc.page.get_by_role("button", name="Take next claim from General").click()
    fc.page.wait_for_url(f"**/desk/claims/{claim_a.pk}/")
    assert fc.page.locator("mark").inner_text() == claim_a.text
    for url, title, stance in [
        ("https://eeas.example.org/statement", "EEAS statement", "Refutes"),
        ("https://data.example.org/border", "Border data", "Context"),
    ]:
        form = fc.page.locator("form.source-form")
        form.get_by_label("Address").fill(url)
        form.get_by_label("Title").fill(title)
        form.get_by_label("Kind").select_option(label="Official statement")
        form.get_by_label("Stance").select_option(label=stance)
        form.get_by_role("button", name="Add source").click()
        fc.page.locator("#sources .source", has_text=title).wait_for()
    assert fc.page.locator("#sources .source").count() == 2
    assert fc.page.locator("#verdict-sources input[type=checkbox]").count() == 2
    fc.page.get_by_label("Rating").select_option("mostly_false")
    fc.page.get_by_label("Headline").fill("The width is not agreed")
    fc.page.get_by_label("Summary").fill("No document fixes a 40 km zone.")
    fc.page.get_by_label("Rationale").fill("The EEAS statement names no width.")
    fc.shot("claim-review")
    fc.page.get_by_role("button", name="Propose verdict").click()
    fc.page.wait_for_url("**/desk/")
    assert "sent for approval" in fc.page.locator("#messages").inner_text()
    proposal = Verdict.objects.get(claim=claim_a, state="proposed")
    assert proposal.citations.count() == 2

    # 2. The editor sees both in the inbox, may not approve their own; a second editor does.
    ed = desk()
    ed.sign_in("editor")
    ed.go("/desk/inbox/")
    own_card = ed.page.locator(f"#verdict-{own.pk}")
    their_card = ed.page.locator(f"#verdict-{proposal.pk}")
    assert own_card.get_by_role("button", name="Approve and publish").count() == 0
    assert "your own verdict" in own_card.inner_text()
    assert their_card.get_by_role("button", name="Approve and publish").count() == 1
    ed.shot("inbox")

    ed2 = desk()
    ed2.sign_in("editor2")
    ed2.go("/desk/inbox/")
    ed2.page.locator(f"#verdict-{own.pk}").get_by_role("button", name="Approve and publish").click()
    ed2.page.wait_for_url("**/desk/inbox/")
    assert "Published" in ed2.page.locator("#messages").inner_text()

    their_card.get_by_label("What needs to change").fill("Quote the EEAS sentence itself.")
    their_card.get_by_role("button", name="Request changes").click()
    ed.page.wait_for_url("**/desk/inbox/")
    assert "Sent back" in ed.page.locator("#messages").inner_text()

    fc.go(f"/desk/claims/{claim_a.pk}/")
    assert "Quote the EEAS sentence itself." in fc.page.locator(".callout").inner_text()
    fc.page.get_by_label("Headline").fill("The 40 km width is not agreed")
    fc.page.get_by_role("button", name="Propose verdict").click()
    fc.page.wait_for_url("**/desk/")
    fc.go(f"/desk/claims/{claim_a.pk}/")
    assert "Changes from version 1" in fc.page.locator(".revisions").inner_text()
    assert fc.page.locator(".revisions ins", has_text="40 km").count() == 1
    fc.shot("claim-history")

    # 3. The public page of the approved claim: the verdict and valid ClaimReview JSON-LD.
    reader = desk()
    reader.go(f"/checks/{claim_b.pk}/")
    assert "True" in reader.page.locator("#verdict-heading").inner_text()
    data = json.loads(reader.page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == claim_b.text
    assert data["reviewRating"]["alternateName"]
    assert data["url"] and data["datePublished"]
    reader.shot("public-check")

    ed.go("/desk/dashboard/")
    assert ed.page.locator("svg").count() >= 3
    ed.shot("dashboard")


def test_markup_in_a_claim_is_shown_as_text(desk, team):
    editor, article = team["editor"], team["article"]
    candidate = claim_create(text=XSS, article=article, claimant=XSS, checkworthiness=0.5)
    queued = claim_create(text=XSS + " again", claimant=XSS, checkworthiness=0.5)
    claim_triage(claim=queued, actor=editor, queue="general")

    ed = desk()
    ed.sign_in("editor")
    for path, name in [
        (f"/desk/claims/{candidate.pk}/", "xss-review"),
        ("/desk/triage/", "triage"),
        (f"/desk/articles/{article.pk}/", "article"),
    ]:
        ed.go(path)
        assert XSS in ed.page.locator("main").inner_text()
        assert ed.page.locator("main img").count() == 0
        ed.shot(name)
    ed.go("/desk/submit/")
    ed.shot("submit")
    ed.go("/desk/")
    ed.page.get_by_role("button", name="Take next claim from General").click()
    ed.page.wait_for_url(f"**/desk/claims/{queued.pk}/")
    assert ed.page.locator("#claim-text").inner_text() == f"“{XSS} again”"
    ed.go("/accounts/login/")
    assert ed.dialogs == []


def test_sign_in_page(desk, team):
    anon = desk()
    anon.go("/desk/")
    anon.page.wait_for_url("**/accounts/login/?next=/desk/")
    anon.shot("sign-in")
    # The username field has focus; the skip link shows itself when focused.
    assert anon.page.evaluate("document.activeElement.id") == "id_username"
    skip = anon.page.locator(".skip-link")
    skip.focus()
    assert skip.bounding_box()["x"] >= 0


def test_submit_pasted_text_then_see_its_claims(desk, team):
    fc = desk()
    fc.sign_in("checker")
    fc.page.get_by_role("link", name="Submit").click()
    fc.page.get_by_label("Or paste its text").fill(
        "The council met on Monday.\n\n"
        "According to the finance office, spending on trams rose by 40 percent in 2024.\n\n"
        "Unemployment fell to 3.1 percent last year, the minister said."
    )
    fc.page.get_by_label("Title (for pasted text)").fill("Council budget")
    fc.page.get_by_role("button", name="Submit").click()
    fc.page.wait_for_url("**/desk/articles/*/")
    fc.page.get_by_role("heading", name="Extracted claims").wait_for()
    assert "Done" in fc.page.locator("#progress-status").inner_text()
    fc.shot("article-submitted")
