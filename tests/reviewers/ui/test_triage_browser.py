"""Triage that keeps up, in Chromium at 1366 px and on a 390 px phone: select-all, a row's
own buttons, one-click merge into the suggested duplicate, the keyboard (j/k/x/q/d/?), and
on My work ``n`` takes the next claim, which opens with focus on its heading.

Screenshots go to ``var/screenshots/`` (``triage-*``, ``shortcuts-*``).
"""

from __future__ import annotations

import pytest

from claims.models import Claim, ClaimLink
from claims.workflow import claim_create
from tests.reviewers.ui.test_browser import _queued, browser, desk, team  # noqa: F401
from tests.reviewers.ui.test_refused_forms_browser import (
    WIDTHS,
    autofocus_landed,
    focused_id,
    in_view,
    shoot,
    watch_csp,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

KNOWN = "An armed truce has been in place on the Korean Peninsula for more than 70 years."
REPEAT = (
    "An armed truce has held on the Korean Peninsula for more than seventy years, officials said."
)


# Statements unlike each other, so that claim matching links none of them.
STATEMENTS = [
    "Talks resumed in Geneva on Monday with {w} delegates.",
    "The buffer zone would be {w} metres deep near the river.",
    "Grain exports fell by {w} tonnes in the first quarter.",
    "A referendum on the border is planned for spring, {w} officials said.",
    "Unemployment in the region reached {w} thousand people.",
]


def candidates(article, width: int, n: int = 3) -> list[Claim]:
    """``n`` candidates, highest score first (so listed in this order)."""
    claims = [
        claim_create(
            text=STATEMENTS[i].format(w=width), article=article, checkworthiness=0.5 - i / 100
        )
        for i in range(n)
    ]
    assert {status(c) for c in claims} == {"candidate"}
    return claims


def status(claim: Claim) -> str:
    claim.refresh_from_db()
    return claim.status


def submitting(page, act) -> None:
    """``act()`` sends a form: wait for the page the server answers with."""
    with page.expect_navigation():
        act()
    page.wait_for_load_state()
    autofocus_landed(page)


def ticked(page) -> list[bool]:
    return [box.is_checked() for box in page.locator("input[name=claims]").all()]


def fits(page, selector: str) -> bool:
    """Every element ``selector`` finds is inside the page's width (no sideways scroll)."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].every((el) => {
          const box = el.getBoundingClientRect();
          const width = document.documentElement.clientWidth;
          return box.width > 0 && box.left >= 0 && box.right <= width;
        })""",
        selector,
    )


def test_select_all_row_buttons_and_merge(desk, team):  # noqa: F811 - the shared fixtures
    article = team["article"]
    fc = desk()
    csp = watch_csp(fc.page)
    fc.sign_in("checker")
    page = fc.page
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        Claim.objects.filter(status="candidate").update(status="dismissed")  # a clean list
        first, second, third = candidates(article, width)
        known = claim_create(text=KNOWN, checkworthiness=0.2)
        repeat = claim_create(text=REPEAT, checkworthiness=0.1)
        link = ClaimLink.objects.get(claim=repeat, state="suggested")
        fc.go("/desk/triage/")

        # Select-all in the header ticks every row, and unticks them.
        pick_all = page.get_by_label("Pick every claim on this page")
        assert pick_all.is_visible() and fits(page, ".row-actions button")
        pick_all.check()
        assert ticked(page) == [True] * 5
        pick_all.uncheck()
        assert ticked(page) == [False] * 5
        page.get_by_label(f"Pick claim {third.pk}").check()
        assert page.evaluate("document.getElementById('pick-all').indeterminate")

        # The duplicate suggestion on its row, with its score and a link to the other claim.
        row = page.locator(f"#row-{repeat.pk}")
        assert f"Looks like #{known.pk}" in row.inner_text()
        assert f"match {link.score:.2f}" in row.inner_text()
        shoot(page, "triage", width)

        # A row's Queue button: that claim only; the tick on another row stays.
        submitting(page, page.get_by_role("button", name=f"Queue claim {first.pk}").click)
        assert f"Claim {first.pk} queued for review." in page.locator("#messages").inner_text()
        assert status(first) == "queued" and status(third) == "candidate"
        assert page.get_by_label(f"Pick claim {third.pk}").is_checked()
        assert not page.get_by_label(f"Pick claim {second.pk}").is_checked()

        # Dismiss, with the plain reason (none typed).
        submitting(page, page.get_by_role("button", name=f"Dismiss claim {second.pk}").click)
        assert status(second) == "dismissed"
        assert second.events.get(kind="dismissed").note == "Not check-worthy."

        # One click merges the repeat into the suggested claim.
        merge = page.locator(f"#row-{repeat.pk}").get_by_role(
            "button", name=f"Merge into #{known.pk}"
        )
        submitting(page, merge.click)
        repeat.refresh_from_db()
        assert (repeat.status, repeat.canonical_id) == ("duplicate", known.pk)
        assert page.locator(f"#row-{repeat.pk}").count() == 0
    assert csp == []


def test_triage_from_a_candidates_page(desk, team):  # noqa: F811 - the shared fixtures
    fc = desk()
    csp = watch_csp(fc.page)
    fc.sign_in("checker")
    page = fc.page
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        known = claim_create(text=KNOWN + f" ({width})")
        repeat = claim_create(text=REPEAT + f" ({width})")
        other = claim_create(text=f"At {width} px the talks resumed in Geneva on Monday.")
        assert ClaimLink.objects.filter(claim=repeat, matched=known, state="suggested").exists()
        fc.go(f"/desk/claims/{repeat.pk}/")
        triage = page.locator("#triage")
        assert fits(page, "#triage button")
        shoot(page, "triage-claim-page", width)
        triage.get_by_role("button", name=f"Merge into #{known.pk}").click()
        page.wait_for_url(f"**/desk/claims/{repeat.pk}/")
        assert "Merged as a duplicate." in page.locator("#messages").inner_text()
        assert f"Duplicate of claim {known.pk}" in page.locator("main").inner_text()
        assert page.locator("#triage").count() == 0

        fc.go(f"/desk/claims/{other.pk}/")
        page.get_by_label("Reason to dismiss").fill("Scene-setting.")
        page.locator("#triage").get_by_role("button", name="Dismiss").click()
        page.wait_for_url(f"**/desk/claims/{other.pk}/")
        assert status(other) == "dismissed"
        assert other.events.get(kind="dismissed").note == "Scene-setting."
    assert csp == []


def test_keyboard_on_the_triage_list(desk, team):  # noqa: F811 - the shared fixtures
    article = team["article"]
    fc = desk()
    csp = watch_csp(fc.page)
    fc.sign_in("checker")
    page = fc.page
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        Claim.objects.filter(status="candidate").update(status="dismissed")
        claims = candidates(article, width, n=5)
        fc.go("/desk/triage/")
        box = lambda claim: f"pick-{claim.pk}"  # noqa: E731

        # j and k move between the rows; x ticks the focused one.
        page.keyboard.press("j")
        assert focused_id(page) == box(claims[0])
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.keyboard.press("k")
        assert focused_id(page) == box(claims[1])
        assert page.locator(".triage-row.is-current").get_attribute("id") == f"row-{claims[1].pk}"
        page.keyboard.press("x")
        assert ticked(page) == [False, True, False, False, False]
        page.keyboard.press("x")
        assert ticked(page) == [False] * 5

        # Typing in a field, or with a modifier held, is not a shortcut.
        page.get_by_label("Text or claimant").click()
        page.keyboard.type("jx")
        assert page.get_by_label("Text or claimant").input_value() == "jx"
        assert focused_id(page) == "id_q" and ticked(page) == [False] * 5
        page.get_by_label("Text or claimant").fill("")
        page.get_by_label(f"Pick claim {claims[1].pk}").focus()
        page.keyboard.press("Control+j")
        page.keyboard.press("Alt+x")
        assert focused_id(page) == box(claims[1]) and ticked(page) == [False] * 5

        # ? lists the shortcuts in a dialog; Escape closes it, back where the user was.
        page.keyboard.press("?")
        dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
        assert dialog.is_visible()
        assert "Dismiss the ticked claims, or else this claim" in dialog.inner_text()
        page.keyboard.press("j")  # the list is open: not a move
        shoot(page, "shortcuts", width)
        page.keyboard.press("Escape")
        assert not dialog.is_visible()
        assert focused_id(page) == box(claims[1])
        page.keyboard.press("?")
        page.keyboard.press("?")
        assert not dialog.is_visible()

        # q with nothing ticked queues the focused claim; the next one is focused after.
        submitting(page, lambda: page.keyboard.press("q"))
        assert status(claims[1]) == "queued"
        assert focused_id(page) == box(claims[2])
        # d dismisses the focused claim (with the plain reason).
        submitting(page, lambda: page.keyboard.press("d"))
        assert status(claims[2]) == "dismissed"
        assert focused_id(page) == box(claims[3])

        # With claims ticked, q and d act on the selection: d without a reason is refused
        # with the ticks and the action kept, the reason's field in front of the user.
        page.keyboard.press("x")  # claims[3]
        page.keyboard.press("k")
        page.keyboard.press("k")  # the first row already: stays on claims[0]
        page.keyboard.press("x")
        submitting(page, lambda: page.keyboard.press("d"))
        assert focused_id(page) == "id_reason_error" and in_view(page, "#id_reason")
        assert page.get_by_label("Action").input_value() == "dismiss"
        assert ticked(page) == [True, True, False]  # claims 0, 3 (ticked) and 4 are left
        page.get_by_label("Reason (to dismiss)").fill("Background.")
        page.get_by_label(f"Pick claim {claims[4].pk}").focus()
        submitting(page, lambda: page.keyboard.press("d"))
        assert "2 claim(s) done." in page.locator("#messages").inner_text()
        assert [status(c) for c in (claims[0], claims[3], claims[4])] == [
            "dismissed",
            "dismissed",
            "candidate",
        ]
    assert csp == []


def test_n_takes_the_next_claim_which_opens_on_its_heading(desk, team):  # noqa: F811 - the shared fixtures
    editor, article = team["editor"], team["article"]
    fc = desk()
    csp = watch_csp(fc.page)
    fc.sign_in("checker")
    page = fc.page
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        claim = _queued(article, f"At {width} px the buffer zone is 40 km wide.", editor)
        fc.go("/desk/")
        page.keyboard.press("?")
        assert page.get_by_role("dialog", name="Keyboard shortcuts").is_visible()
        page.keyboard.press("Escape")
        page.keyboard.press("n")
        page.wait_for_url(f"**/desk/claims/{claim.pk}/")
        assert "Here is your next claim." in page.locator("#messages").inner_text()
        assert focused_id(page) == "claim-text"
        assert in_view(page, "#claim-text")
        shoot(page, "taken", width)
        # Given back and taken again from its own page: the same landing.
        page.get_by_role("button", name="Give back to the queue").click()
        page.wait_for_url("**/desk/")
        fc.go(f"/desk/claims/{claim.pk}/")
        assert focused_id(page) != "claim-text"
        page.get_by_role("button", name="Take this claim").click()
        page.wait_for_url(f"**/desk/claims/{claim.pk}/")
        assert focused_id(page) == "claim-text"  # (kept: the next width takes another)
    assert csp == []
