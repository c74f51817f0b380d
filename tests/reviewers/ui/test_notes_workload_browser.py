"""In Chromium, on a desktop (1366 px) and a phone (390 px): the internal notes thread on
the claim page (a refused note keeps its text; a posted one shows its mention), the
dashboard's workload (a figure opens exactly that many claims), and the rating badge on the
desk, the home page and the public page (label written, colour by place on the scale).
No sideways scrolling, no text squeezed into a narrow column. Screenshots of each go to
``var/screenshots/``."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.public import check_slug
from claims.workflow import verdict_approve
from reviewers.models import QueueEntry
from reviewers.services import claim_add_note
from tests.claims.helpers import bring_to, propose
from tests.conftest import make_user
from tests.reviewers.ui.test_browser import SHOTS, browser, desk  # noqa: F401 - shared fixtures
from tests.reviewers.ui.test_public_layout import NARROW_TEXT, WIDTHS, reading_width

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def newsroom(settings, make_claim):
    """Two checkers and an editor on the desk: claims in review (one overdue), one awaiting
    approval rated true, one published rated false, one published rated misleading."""
    settings.AUTO_QUEUE_THRESHOLD = None
    checker = make_user("ana", "fact-checkers", email="ana@example.org")
    colleague = make_user("ben", "fact-checkers", email="ben@example.org")
    editor = make_user("desk-editor", "editors", email="desk-editor@example.org")
    reviewing = bring_to("in_review", make_claim=make_claim, checker=checker, editor=editor)
    late = bring_to("in_review", make_claim=make_claim, checker=colleague, editor=editor)
    QueueEntry.objects.filter(claim=late).update(due_at=timezone.now() - timedelta(hours=3))
    pending = bring_to("in_review", make_claim=make_claim, checker=colleague, editor=editor)
    propose(pending, colleague, rating="true")
    rated = {}
    for rating in ("false", "misleading"):
        claim = bring_to("in_review", make_claim=make_claim, checker=checker, editor=editor)
        verdict_approve(verdict=propose(claim, checker, rating=rating), actor=editor)
        claim.refresh_from_db()
        rated[rating] = claim
    claim_add_note(claim=reviewing, actor=editor, body="@ana the ministry called back.")
    return {"reviewing": reviewing, "pending": pending, **rated}


def check_layout(page) -> list[str]:
    width = page.viewport_size["width"]
    problems = page.evaluate(NARROW_TEXT, reading_width(width))
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"the page scrolls sideways by {overflow} px")
    return problems


def sized(desk, user: str | None, device: str):  # noqa: F811 - the fixture's name
    d = desk()
    if user:
        d.sign_in(user)
    d.page.set_viewport_size({"width": WIDTHS[device][0], "height": WIDTHS[device][1]})
    return d


@pytest.mark.parametrize("device", list(WIDTHS))
def test_the_notes_thread(desk, newsroom, device, mailoutbox):  # noqa: F811
    claim = newsroom["reviewing"]
    mailoutbox.clear()  # the newsroom's own mails (proposals, the first note's mention)
    d = sized(desk, "ana", device)
    page = d.page
    d.go(f"/desk/claims/{claim.pk}/")
    thread = page.locator("#notes")
    assert thread.locator(".claim-note").count() == 1
    assert thread.locator(".mention").inner_text() == "@ana"

    # Refused: over-long (the browser's own limit is lifted to reach the server).
    long_text = "Too long " + "x" * 4000
    page.evaluate("document.getElementById('note-body').removeAttribute('maxlength')")
    page.get_by_label("Add a note").fill(long_text)
    page.get_by_role("button", name="Add note").click()
    page.locator("#note-body_error").wait_for()
    assert "at most 4000 characters" in page.locator("#note-body_error").inner_text()
    assert page.get_by_label("Add a note").input_value() == long_text
    assert page.evaluate("document.activeElement.id") == "note-body_error"

    # Posted: shown in the thread with its mention, the page landing on it.
    page.get_by_label("Add a note").fill("Asked @ben for <the> table.\nDue Friday.")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_url(f"**/desk/claims/{claim.pk}/#note-*")
    assert "Note added." in page.locator("#messages").inner_text()
    newest = thread.locator(".claim-note").last
    assert newest.locator(".mention").inner_text() == "@ben"
    assert "Asked @ben for <the> table." in newest.inner_text()
    assert newest.locator("the").count() == 0  # text, not markup
    assert [m.to for m in mailoutbox] == [["ben@example.org"]]
    assert check_layout(page) == []
    page.screenshot(path=str(SHOTS / f"notes-{WIDTHS[device][0]}.png"), full_page=True)


@pytest.mark.parametrize("device", list(WIDTHS))
def test_a_workload_figure_opens_those_claims(desk, newsroom, device):  # noqa: F811
    d = sized(desk, "desk-editor", device)
    page = d.page
    d.go("/desk/dashboard/")
    reviewers = page.locator("#workload-reviewers tbody tr")
    # Overdue first: ben has the late claim.
    assert reviewers.first.locator("th").inner_text() == "ben"
    assert check_layout(page) == []
    page.screenshot(path=str(SHOTS / f"dashboard-workload-{WIDTHS[device][0]}.png"), full_page=True)
    for row_name, column in [("ben", 1), ("ana", 2), ("General", 2)]:
        d.go("/desk/dashboard/")
        table = "#workload-queues" if row_name == "General" else "#workload-reviewers"
        row = page.locator(f"{table} tbody tr", has=page.locator("th", has_text=row_name))
        link = row.locator("td a").nth(column - 1)
        count = int(link.inner_text().split()[0])
        assert count > 0
        link.click()
        page.wait_for_url(re.compile(r"/desk/claims/\?"))
        assert page.locator("table.claim-list tbody tr").count() == count, (row_name, column)


@pytest.mark.parametrize("device", list(WIDTHS))
def test_the_rating_badge_on_desk_home_and_public_pages(desk, newsroom, device):  # noqa: F811
    false = newsroom["false"]
    reader = sized(desk, None, device)
    reader.go("/")
    home = reader.page.locator(".rating-badge")
    assert sorted(home.all_inner_texts()) == ["False", "Misleading"]
    assert check_layout(reader.page) == []
    reader.go(f"/checks/{false.pk}-{check_slug(false.statement)}/")
    badge = reader.page.locator("#verdict-heading .rating-badge")
    assert badge.inner_text() == "False"
    assert badge.locator(".pip-on").count() == 1
    assert check_layout(reader.page) == []
    reader.page.screenshot(
        path=str(SHOTS / f"public-rating-{WIDTHS[device][0]}.png"), full_page=True
    )

    editor = sized(desk, "desk-editor", device)
    editor.go("/desk/inbox/")
    assert editor.page.locator(".rating-badge").first.inner_text() == "True"
    editor.go("/desk/claims/?status=published")
    badges = editor.page.locator(".claim-list .rating-badge")
    colours = {
        badges.nth(i).inner_text(): badges.nth(i).evaluate(
            "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderTopStyle]"
        )
        for i in range(badges.count())
    }
    assert set(colours) == {"False", "Misleading"}
    # Its own colour for each place on the scale; the off-scale one neutral and dashed.
    assert colours["False"][0] != colours["Misleading"][0]
    assert colours["Misleading"][1] == "dashed" and colours["False"][1] == "solid"
    assert check_layout(editor.page) == []
    editor.page.screenshot(
        path=str(SHOTS / f"claims-rating-{WIDTHS[device][0]}.png"), full_page=True
    )
