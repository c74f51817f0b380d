"""Small things seen on every shift, in Chromium on a desktop (1366 px) and a phone (390 px).

Each test looks at its page at both widths and saves a screenshot of each to
``var/screenshots/`` (not committed) for a reviewer to look at.
"""

from __future__ import annotations

import pytest

from claims.workflow import claim_assign, claim_create, verdict_request_changes
from tests.claims.helpers import bring_to, propose
from tests.reviewers.ui.test_browser import SHOTS, _queued, browser, desk, team  # noqa: F401
from tests.reviewers.ui.test_public_layout import NARROW_TEXT, reading_width

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}


def at_each_width(page, name: str):
    """Yield once per width with the viewport set; a full-page screenshot after each."""
    for width, height in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": height})
        yield width
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def no_sideways_scroll(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"


def test_a_claim_sent_back_stands_out_in_my_work(desk, team):  # noqa: F811
    checker, editor, article = team["checker"], team["editor"], team["article"]
    sent_back = _queued(
        article, "According to EU sources, the buffer zone would be 40 kilometres wide.", editor
    )
    claim_assign(claim=sent_back, actor=checker, assignee=checker)
    verdict_request_changes(
        verdict=propose(sent_back, checker), actor=editor, note="Quote the EEAS sentence itself."
    )
    waiting = _queued(article, "Talks resumed in Geneva on Monday.", editor)
    claim_assign(claim=waiting, actor=checker, assignee=checker)
    propose(waiting, checker)

    fc = desk()
    fc.sign_in("checker")
    cards = fc.page.locator("li.card")
    assert cards.count() == 2
    marked = cards.filter(has_text="40 kilometres")
    proposed = cards.filter(has_text="Geneva")
    for _ in at_each_width(fc.page, "my-work-sent-back"):
        badge = marked.locator(".badge-sent-back")
        assert badge.is_visible() and badge.inner_text() == "Changes requested"
        note = marked.get_by_role("note")
        assert "editor asked for changes" in note.inner_text()
        assert "Quote the EEAS sentence itself." in note.inner_text()
        # Awaiting the editor: neither marked nor holding a lease that means nothing now.
        assert "Pending approval" in proposed.inner_text()
        assert proposed.locator(".badge-sent-back").count() == 0
        assert "Lease ends" not in proposed.inner_text()
        assert "Lease ends" in marked.inner_text()
        no_sideways_scroll(fc.page)


def test_the_source_form_makes_the_checker_choose_kind_and_stance(desk, team):  # noqa: F811
    checker, editor, article = team["checker"], team["editor"], team["article"]
    claim = _queued(article, "Talks resumed in Geneva on Monday.", editor)
    claim_assign(claim=claim, actor=checker, assignee=checker)

    fc = desk()
    fc.sign_in("checker")
    fc.go(f"/desk/claims/{claim.pk}/")
    form = fc.page.locator("form.source-form")
    kind, stance = form.get_by_label("Kind"), form.get_by_label("Stance")
    for _ in at_each_width(fc.page, "source-form-no-default"):
        form.scroll_into_view_if_needed()
        for select, placeholder in [(kind, "Choose a kind"), (stance, "Choose a stance")]:
            assert select.is_visible()
            assert select.input_value() == ""
            assert select.evaluate("el => el.selectedOptions[0].text") == placeholder
        no_sideways_scroll(fc.page)

    # Sending it unchosen: the browser asks for a choice, and nothing is added.
    form.get_by_label("Address").fill("https://un.example.org/geneva-agenda")
    form.get_by_role("button", name="Add source").click()
    assert kind.evaluate("el => el.validity.valueMissing")
    assert claim.sources.count() == 0
    kind.select_option(label="Official statement")
    stance.select_option(label="Supports")
    form.get_by_role("button", name="Add source").click()
    fc.page.locator("#sources .source", has_text="un.example.org").wait_for()
    source = claim.sources.get()
    assert (source.kind, source.stance) == ("official_statement", "supports")
    # The fresh form after the in-place swap preselects nothing either.
    assert fc.page.locator("form.source-form").get_by_label("Stance").input_value() == ""


def test_the_icon_is_linked_and_served(desk):  # noqa: F811
    reader = desk()
    failed: list[str] = []
    reader.page.on(
        "response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    for _ in at_each_width(reader.page, "favicon"):
        for path in ("/", "/admin/login/"):
            reader.go(path)
            reader.page.wait_for_load_state("networkidle")
        reader.go("/")
        href = reader.page.locator('link[rel="icon"]').get_attribute("href")
        assert href == "/static/favicon.svg"
        for path, kind in [(href, "image/svg+xml"), ("/favicon.ico", "image/")]:
            response = reader.page.request.get(reader.base + path)
            assert response.status == 200, path
            assert response.headers["content-type"].startswith(kind), response.headers
        # Both icons, drawn by the browser, for the screenshot.
        reader.page.set_content(
            f'<img src="{reader.base}{href}" width="64" alt="SVG icon"> '
            f'<img src="{reader.base}/favicon.ico" alt="ICO icon">'
        )
        reader.page.wait_for_load_state("networkidle")
        assert reader.page.evaluate("[...document.images].every((i) => i.naturalWidth > 0)")
    assert failed == []


@pytest.mark.parametrize(
    ("name", "path", "heading"),
    [
        ("404", "/no-such-page/", "Page not found"),
        ("404-check", "/checks/999999-no-such-check/", "No fact check here"),
    ],
)
def test_a_missing_page_is_ours_and_reads_at_both_widths(desk, name, path, heading):  # noqa: F811
    reader = desk()
    for width in at_each_width(reader.page, name):
        response = reader.page.goto(reader.base + path)
        assert response is not None and response.status == 404
        reader.page.wait_for_load_state("networkidle")
        assert reader.page.get_by_role("heading", level=1).inner_text() == heading
        # Styled by our sheet (the system font stack), with a way on.
        assert "system-ui" in reader.page.evaluate("getComputedStyle(document.body).fontFamily")
        assert reader.page.get_by_role("link", name="The published fact checks").is_visible()
        assert reader.page.evaluate(NARROW_TEXT, reading_width(width)) == []
        no_sideways_scroll(reader.page)


# The text's middle against its box's, and the box's height, of a link drawn as a button.
BUTTON_BOX = """
(el) => {
  const box = el.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(el);
  const text = range.getBoundingClientRect();
  return {
    offset: (text.top + text.bottom) / 2 - (box.top + box.bottom) / 2,
    height: box.height,
  };
}
"""


def test_the_public_page_button_lines_up_with_the_buttons_beside_it(desk, team):  # noqa: F811
    def make_claim():
        return claim_create(text="Talks resumed in Geneva on Monday.", article=team["article"])

    # Reopened: back in the queue with its public page, so "Take this claim" sits beside it.
    claim = bring_to(
        "queued_after_reopen",
        make_claim=make_claim,
        checker=team["checker"],
        editor=team["editor2"],
    )
    ed = desk()
    ed.sign_in("editor")
    ed.go(f"/desk/claims/{claim.pk}/")
    actions = ed.page.locator(".review-head .actions")
    link = actions.get_by_role("link", name="Public page")
    button = actions.get_by_role("button", name="Take this claim")
    for _ in at_each_width(ed.page, "public-page-button"):
        drawn, beside = link.evaluate(BUTTON_BOX), button.evaluate(BUTTON_BOX)
        assert abs(drawn["offset"]) <= 1, drawn  # the text in the middle of its box
        assert abs(drawn["height"] - beside["height"]) <= 1, (drawn, beside)
        assert abs(link.bounding_box()["y"] - button.bounding_box()["y"]) <= 1
