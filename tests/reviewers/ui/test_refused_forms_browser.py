"""Refused forms in a real browser (Chromium, desktop 1366 px and a 390 px phone): the page
comes back with what was typed and opens on the error, beside its field, in view.

Screenshots go to ``var/screenshots/`` (``refused-*``): the whole page, and what the browser
shows on landing.
"""

from __future__ import annotations

import pytest

from claims.models import Claim
from claims.workflow import claim_add_source, claim_assign, claim_create
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


def autofocus_landed(page) -> None:
    """Wait for a page opened on a refusal to move focus to its error. The browser acts on
    ``autofocus`` at its next rendering, which may come after ``load``; a focus that never
    lands times out and fails the test."""
    page.wait_for_function(
        "() => { const el = document.querySelector('[autofocus]');"
        " return !el || document.activeElement === el; }"
    )


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def shoot(page, name: str, width: int) -> None:
    page.screenshot(path=str(SHOTS / f"{name}-{width}-landing.png"))
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_a_verdict_citing_no_source_comes_back_with_the_rationale(desk, team, settings):  # noqa: F811 - the shared fixtures
    settings.VERDICT_MIN_SOURCES = 1
    checker, article = team["checker"], team["article"]
    claim = _queued(
        article, "According to EU sources, the buffer zone would be 40 kilometres wide.", checker
    )
    claim_assign(claim=claim, actor=checker, assignee=checker)
    claim_add_source(
        claim=claim, actor=checker, url="https://eeas.example.org/statement", title="EEAS"
    )
    fc = desk()
    csp = watch_csp(fc.page)
    fc.sign_in("checker")
    for width, height in WIDTHS:
        fc.page.set_viewport_size({"width": width, "height": height})
        fc.go(f"/desk/claims/{claim.pk}/")
        fc.page.get_by_label("Rating").select_option("mostly_false")
        fc.page.get_by_label("Headline").fill("The width is not agreed")
        fc.page.get_by_label("Summary").fill("No document fixes a 40 km zone.")
        fc.page.get_by_label("Rationale").fill(RATIONALE)
        fc.page.get_by_label("EEAS").uncheck()  # cite nothing
        fc.page.get_by_role("button", name="Propose verdict").click()
        fc.page.wait_for_url(f"**/desk/claims/{claim.pk}/verdict/")
        fc.page.wait_for_load_state()
        autofocus_landed(fc.page)

        # What was typed is still there.
        assert fc.page.get_by_label("Rationale").input_value() == RATIONALE
        assert fc.page.get_by_label("Headline").input_value() == "The width is not agreed"
        assert fc.page.get_by_label("Rating").input_value() == "mostly_false"
        # The browser opened on the error, beside the boxes to tick, and it is in view.
        error = fc.page.locator("#id_sources_error")
        assert error.inner_text() == "A verdict must cite at least 1 source link(s)."
        assert focused_id(fc.page) == "id_sources_error"
        assert in_view(fc.page, "#id_sources_error") and in_view(fc.page, "#id_sources_0")
        box = fc.page.get_by_label("EEAS")
        assert box.get_attribute("aria-describedby") == "id_sources_error"
        shoot(fc.page, "refused-verdict", width)

    # Ticking the source and sending again goes through.
    fc.page.get_by_label("EEAS").check()
    fc.page.get_by_role("button", name="Propose verdict").click()
    fc.page.wait_for_url("**/desk/")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING_APPROVAL
    assert claim.verdicts.get().rationale.replace("\r\n", "\n") == RATIONALE  # browsers send CRLF
    assert csp == []


def test_triage_after_an_error_keeps_the_ticks_and_the_action(desk, team):  # noqa: F811 - the shared fixtures
    article = team["article"]
    texts = [
        "Talks resumed in Geneva on Monday.",
        "According to EU sources, the buffer zone would be 40 kilometres wide.",
        "Diplomats said the proposal was still a draft.",
    ]
    claims = [
        claim_create(text=t, article=article, checkworthiness=0.5 - i / 10)
        for i, t in enumerate(texts)
    ]
    fc = desk()
    csp = watch_csp(fc.page)
    fc.sign_in("checker")
    picked = [claims[0], claims[2]]
    for width, height in WIDTHS:
        fc.page.set_viewport_size({"width": width, "height": height})
        fc.go("/desk/triage/")
        for claim in picked:
            fc.page.get_by_label(f"Pick claim {claim.pk}").check()
        fc.page.get_by_label("Action").select_option("dismiss")  # and no reason given
        with fc.page.expect_navigation():
            fc.page.get_by_role("button", name="Apply").click()
        fc.page.wait_for_load_state()
        autofocus_landed(fc.page)

        for claim in claims:
            ticked = fc.page.get_by_label(f"Pick claim {claim.pk}").is_checked()
            assert ticked == (claim in picked), claim.pk
        assert fc.page.get_by_label("Action").input_value() == "dismiss"
        assert fc.page.locator("#id_reason_error").inner_text() == (
            "A reason is required to dismiss claims."
        )
        assert focused_id(fc.page) == "id_reason_error"
        assert in_view(fc.page, "#id_reason_error") and in_view(fc.page, "#id_reason")
        shoot(fc.page, "refused-triage", width)
        assert {c.status for c in Claim.objects.filter(pk__in=[c.pk for c in claims])} == {
            "candidate"
        }

    # The checker gives the reason; the same ticks and action go through.
    fc.page.get_by_label("Reason (to dismiss)").fill("Scene-setting, not a claim.")
    fc.page.get_by_role("button", name="Apply").click()
    fc.page.wait_for_url("**/desk/triage/")
    assert "2 claim(s) done." in fc.page.locator("#messages").inner_text()
    statuses = dict(Claim.objects.filter(article=article).values_list("pk", "status"))
    assert statuses == {
        claims[0].pk: "dismissed",
        claims[1].pk: "candidate",
        claims[2].pk: "dismissed",
    }
    assert csp == []


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
    form.get_by_label("Kind").select_option("primary_document")  # no default: the checker
    form.get_by_label("Stance").select_option("supports")  # chooses both
    form.get_by_role("button", name="Add source").click()  # in place, by the desk's script
    fc.page.locator("#id_url_error").wait_for()

    assert fc.page.url.endswith(f"/desk/claims/{claim.pk}/")  # no round trip
    assert fc.page.locator("#id_url_error").inner_text() == (
        "This source is already attached to the claim."
    )
    form = fc.page.locator("form.source-form")
    assert form.get_by_label("Title").input_value() == "The agenda again"
    assert form.get_by_label("Kind").input_value() == "primary_document"
    assert focused_id(fc.page) == "id_url_error"
    assert in_view(fc.page, "#id_url_error")
    assert fc.page.get_by_label("Agenda", exact=True).is_checked()
    assert not fc.page.get_by_label("Calendar").is_checked()
    assert claim.sources.count() == 2
