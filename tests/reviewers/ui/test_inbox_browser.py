"""The editor's inbox in Chromium, on a desktop (1366 px) and a phone (390 px): a card with
everything a decision needs, filters in the address bar, and two editors who do not read
the same verdict. No sideways scrolling, no text squeezed into a narrow column. A
screenshot of each step at each width goes to ``var/screenshots/``."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from reviewers.models import ReviewHold
from tests.reviewers.ui.test_browser import SHOTS, browser, desk  # noqa: F401 - shared fixtures
from tests.reviewers.ui.test_inbox import (  # noqa: F401 - shared fixtures
    LONG_CLAIM,
    SENTENCE,
    buffer_article,
    proposal,
    proposed_ago,
)
from tests.reviewers.ui.test_public_layout import NARROW_TEXT, WIDTHS, reading_width

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _no_auto_queue(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


@pytest.fixture
def inbox(proposal, make_claim, other_fact_checker, editor):  # noqa: F811
    """The anonymously sourced proposal of ``test_inbox`` (rated mostly false, two hours
    old), and a fresh one by another checker, rated true."""
    from tests.claims.helpers import bring_to, propose

    claim = bring_to("in_review", make_claim=make_claim, checker=other_fact_checker, editor=editor)
    other = propose(claim, other_fact_checker, rating="true")
    return {"buffer": proposal, "other": proposed_ago(other, timedelta(minutes=5))}


def open_inbox(desk, username: str, device: str):  # noqa: F811
    width, height = WIDTHS[device]
    d = desk()
    d.sign_in(username)
    d.page.set_viewport_size({"width": width, "height": height})
    d.page.get_by_role("navigation", name="Main").get_by_role("link", name="Inbox").click()
    d.page.wait_for_url("**/desk/inbox/")
    return d


def laid_out_for(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(NARROW_TEXT, reading_width(width)) == []


@pytest.mark.parametrize("device", list(WIDTHS))
def test_an_editor_decides_from_the_card(desk, inbox, device):  # noqa: F811
    width = WIDTHS[device][0]
    d = open_inbox(desk, "editor", device)
    page = d.page
    card = page.locator(f"#verdict-{inbox['buffer'].pk}")

    # The whole claim, who made it and how it is sourced, the sentence in its paragraph.
    title = card.get_by_role("heading", level=2)
    assert title.inner_text() == f"“{LONG_CLAIM}”"
    assert title.is_visible()
    badges = card.locator(".badges .badge")
    assert badges.all_inner_texts() == [
        "Claimant: EU sources, diplomats in Brussels",
        "Cue: according to",
        "⚠ Anonymous source",
    ]
    assert all(b.is_visible() for b in badges.all())
    assert card.locator(".excerpt mark").inner_text() == SENTENCE
    assert card.locator(".excerpt mark").is_visible()
    # The sources with kind and stance, the proposal, who proposed it and when.
    sources = card.locator(".source-list li")
    assert sources.count() == 2
    assert "Official statement" in sources.first.inner_text()
    assert "Refutes" in sources.first.inner_text()
    assert card.locator(".rating-badge").inner_text() == "Mostly false"
    assert "The EEAS statement names no width." in card.locator(".rationale").inner_text()
    assert card.locator(".inbox-by").inner_text() == (
        "Version 1 by checker · proposed 2 h 0 min ago"
    )
    laid_out_for(page, width)
    page.screenshot(path=str(SHOTS / f"inbox-{width}.png"), full_page=True)

    # Filters: in the address, with counts, to bookmark or share.
    assert page.get_by_label("Rating").locator("option[value=true]").inner_text() == "True (1)"
    page.get_by_label("Rating").select_option("mostly_false")
    page.get_by_label("Waiting").select_option("1h")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**rating=mostly_false*")
    assert parse_qs(urlsplit(page.url).query) == {"rating": ["mostly_false"], "age": ["1h"]}
    assert page.locator("ol.inbox > li").count() == 1
    assert page.get_by_role("heading", level=1).inner_text() == "Awaiting approval (1 of 2)"
    page.get_by_label("Waiting").select_option("24h")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**age=24h*")
    assert page.locator("ol.inbox > li").count() == 0
    assert "No proposal matches these filters." in page.locator("main").inner_text()
    laid_out_for(page, width)
    page.get_by_role("link", name="Clear all").click()
    page.wait_for_url("**/desk/inbox/")
    assert page.locator("ol.inbox > li").count() == 2

    # A filter value that means nothing: said so, not an error page.
    page.goto(d.base + "/desk/inbox/?checker=nobody")
    assert "Some filters could not be applied" in page.locator("#messages").inner_text()
    assert page.locator("ol.inbox > li").count() == 2


@pytest.mark.parametrize("device", list(WIDTHS))
def test_two_editors_do_not_read_the_same_verdict(desk, inbox, device):  # noqa: F811
    width = WIDTHS[device][0]
    verdict = inbox["buffer"]
    ed = open_inbox(desk, "editor", device)
    ed2 = open_inbox(desk, "editor2", device)
    mine = ed.page.locator(f"#verdict-{verdict.pk}")
    theirs = ed2.page.locator(f"#verdict-{verdict.pk}")
    assert theirs.get_by_role("button", name="Review this").is_visible()

    # The editor claims it: theirs until half an hour from now.
    mine.get_by_role("button", name="Review this").click()
    ed.page.wait_for_url(f"**/desk/inbox/#verdict-{verdict.pk}")
    until = timezone.localtime(ReviewHold.objects.get(verdict=verdict).expires_at)
    assert f"until {until:%H:%M}" in ed.page.locator("#messages").inner_text()
    assert (
        mine.locator(".inbox-hold")
        .inner_text()
        .startswith(f"You are reviewing this until {until:%H:%M}")
    )
    assert mine.get_by_role("button", name="Approve and publish").is_visible()
    assert mine.get_by_role("button", name="Review this").count() == 0
    laid_out_for(ed.page, width)
    ed.page.screenshot(path=str(SHOTS / f"inbox-reviewing-{width}.png"), full_page=True)

    # The other editor sees who reads it, until when, and no way to decide on it.
    ed2.page.reload()
    notice = theirs.locator(".inbox-hold")
    assert notice.inner_text().startswith(f"Being reviewed by editor (until {until:%H:%M}).")
    assert notice.is_visible()
    assert theirs.get_by_role("button", name="Approve and publish").count() == 0
    assert theirs.get_by_role("button", name="Request changes").count() == 0
    assert theirs.get_by_role("button", name="Review this").count() == 0
    # The other card is still theirs to take.
    other_card = ed2.page.locator(f"#verdict-{inbox['other'].pk}")
    assert other_card.get_by_role("button", name="Review this").count() == 1
    laid_out_for(ed2.page, width)
    ed2.page.screenshot(path=str(SHOTS / f"inbox-held-by-another-{width}.png"), full_page=True)

    # Released: the other editor may take it.
    mine.get_by_role("button", name="Release").click()
    ed.page.wait_for_url(f"**/desk/inbox/#verdict-{verdict.pk}")
    assert "Released" in ed.page.locator("#messages").inner_text()
    ed2.page.reload()
    theirs.get_by_role("button", name="Review this").click()
    ed2.page.wait_for_url(f"**/desk/inbox/#verdict-{verdict.pk}")
    assert theirs.locator(".inbox-hold").inner_text().startswith("You are reviewing this")

    # The holder decides; the hold ends with the proposal.
    theirs.get_by_label("What needs to change").fill("Quote the EEAS sentence itself.")
    theirs.get_by_role("button", name="Request changes").click()
    ed2.page.wait_for_url("**/desk/inbox/")
    assert "Sent back" in ed2.page.locator("#messages").inner_text()
    assert not ReviewHold.objects.exists()
