"""Refused forms in a real browser (Chromium, desktop 1366 px and a 390 px phone): the page
comes back with what was typed and opens on the error, beside its field, in view.

Screenshots go to ``var/screenshots/`` (``refused-*``): the whole page, and what the browser
shows on landing.
"""

from __future__ import annotations

import pytest

from claims.workflow import claim_add_source, claim_assign
from tests.reviewers.ui.test_browser import SHOTS, _queued, browser, desk, team  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = [(1366, 768), (390, 844)]
RATIONALE = "The EEAS statement names no width.\nThe draft map shows none either."


def watch_csp(page) -> list[str]:
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return refused


def in_view(page, selector: str) -> bool:
    """The element's box lies inside the viewport."""
    return page.evaluate(
        """(selector) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight
            && box.left >= 0 && box.right <= window.innerWidth;
        }""",
        selector,
    )


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def shoot(page, name: str, width: int) -> None:
    page.screenshot(path=str(SHOTS / f"{name}-{width}-landing.png"))
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_a_source_refused_in_place_keeps_its_input_and_the_verdict_ticks(desk, team):  # noqa: F811 - the shared fixtures
    checker, article = team["checker"], team["article"]
    claim = _queued(article, "Talks resumed in Geneva on Monday.", checker)
    claim_assign(claim=claim, actor=checker, assignee=checker)
    for url, title in [
        ("https://geneva.example.org/agenda", "Agenda"),
        ("https://un.example.org/calendar", "Calendar"),
    ]:
        claim_add_source(claim=claim, actor=checker, url=url, title=title)
    fc = desk()
    fc.sign_in("checker")
    fc.page.set_viewport_size({"width": 390, "height": 844})
    fc.go(f"/desk/claims/{claim.pk}/")
    fc.page.get_by_label("Calendar").uncheck()  # the checker's choice while writing
    form = fc.page.locator("form.source-form")
    form.get_by_label("Address").fill("https://geneva.example.org/agenda")
    form.get_by_label("Title").fill("The agenda again")
    form.get_by_role("button", name="Add source").click()  # in place, by the desk's script
    fc.page.locator("#id_url_error").wait_for()

    assert fc.page.url.endswith(f"/desk/claims/{claim.pk}/")  # no round trip
    assert fc.page.locator("#id_url_error").inner_text() == (
        "This source is already attached to the claim."
    )
    form = fc.page.locator("form.source-form")
    assert form.get_by_label("Title").input_value() == "The agenda again"
    assert focused_id(fc.page) == "id_url_error"
    assert in_view(fc.page, "#id_url_error")
    assert fc.page.get_by_label("Agenda", exact=True).is_checked()
    assert not fc.page.get_by_label("Calendar").is_checked()
    assert claim.sources.count() == 2
