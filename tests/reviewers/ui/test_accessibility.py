"""An automated accessibility scan (axe-core) of the pages we write, in Chromium, at 1366 px
and on a 390 px phone: the public pages and our 404 pages, the admin's sign-in, every desk
page with the content of the CSP test's ``site``, and the desk after an action (a message,
a refused form). Any violation fails, whatever its impact; each is reported with its rule,
impact, help text and the elements it concerns. (Not scanned: the API docs, which Swagger
UI builds, and the admin beyond its sign-in, which is Django's.)

axe-core is pinned and fetched from the npm registry into ``var/node/`` by the
``axe_source`` fixture (tests/reviewers/ui/axe.py). It runs in the page through the DevTools
protocol (``page.evaluate``), which the page's Content-Security-Policy does not govern: the
pages are scanned under their real CSP, not weakened for the test.
"""

from __future__ import annotations

import re

import pytest

from claims.models import Claim
from tests.reviewers.ui.test_browser import SHOTS, browser  # noqa: F401 - shared fixtures
from tests.reviewers.ui.test_csp import boss, site, tab  # noqa: F401
from tests.reviewers.ui.test_public_layout import public_pages  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}
SHOWN_TARGETS = 8  # elements named per violation; the rest are counted

# Swagger UI builds the API docs page itself (a developer's tool we do not write): it is
# held to the CSP and layout tests, not to this scan.
NOT_OURS = {"api-docs"}

# Every rule axe runs by default (WCAG 2.0-2.2 A and AA, and its best practices); only the
# violations come back, each with where it is.
RUN = """
async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return {
    rules: results.passes.length + results.violations.length + results.incomplete.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      url: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(" ")),
    })),
  };
}
"""


def scan(page, axe_source: str, min_rules: int = 20) -> list[str]:
    """Run axe on the loaded page; one line per violation, with the elements it concerns."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    results = page.evaluate(RUN)
    assert results["rules"] > min_rules, results  # axe really ran its rules here
    lines = []
    for v in results["violations"]:
        targets = v["targets"][:SHOWN_TARGETS]
        if more := len(v["targets"]) - len(targets):
            targets.append(f"and {more} more")
        lines.append(
            f"{v['id']} ({v['impact']}): {v['help']} [{v['url']}]\n      on "
            + "\n         ".join(targets)
        )
    return lines


def scan_each(watched, paths: dict[str, str], axe_source: str, status: int = 200):
    """Load each page at each width and scan it; the violations by page and width.

    Each page is also saved as a screenshot, ``var/screenshots/page-<name>-<width>.png``
    (not committed), so a reviewer can look at every page the scan saw at both widths."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for width, height in WIDTHS.values():
        watched.page.set_viewport_size({"width": width, "height": height})
        for name, path in paths.items():
            response = watched.page.goto(watched.base + path)
            assert response is not None and response.status == status, (path, response)
            assert "content-security-policy" in response.headers, path  # scanned under it
            watched.page.wait_for_load_state("networkidle")
            shot = re.sub(r"[^\w-]+", "-", name).strip("-")
            watched.page.screenshot(path=str(SHOTS / f"page-{shot}-{width}.png"), full_page=True)
            if violations := scan(watched.page, axe_source):
                found[f"{name} ({path}) at {width} px"] = violations
    return found


def report(found: dict[str, list[str]]) -> str:
    return "axe-core found:\n" + "\n".join(
        f"  {where}:\n    " + "\n    ".join(lines) for where, lines in found.items()
    )


def test_public_pages_pass_an_accessibility_scan(tab, site, axe_source):  # noqa: F811
    pages = {name: path for name, path in site["public"].items() if name not in NOT_OURS}
    assert {"home", "check", "sign-in", "admin-sign-in"} <= set(pages)
    found = scan_each(tab, pages, axe_source)
    found |= scan_each(tab, site["missing"], axe_source, status=404)
    assert not found, report(found)


def test_desk_pages_pass_an_accessibility_scan(tab, site, axe_source):  # noqa: F811
    tab.sign_in("boss")
    found = scan_each(tab, site["desk"], axe_source)
    assert not found, report(found)


def test_pages_after_an_action_pass_an_accessibility_scan(tab, site, axe_source):  # noqa: F811
    # What the desk shows after an action: a message, or a refusal with its errors beside
    # the fields they concern.
    tab.sign_in("boss")
    page, claim = tab.page, site["desk"]["claim-in-review"]
    found = {}
    for width, height in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": height})
        # Taking the next claim: the claim's page with a message.
        tab.visit(site["desk"]["my-work"])
        page.get_by_role("button", name="Take next claim from General").click()
        page.wait_for_url("**/desk/claims/*/")
        assert "Here is your next claim." in page.locator("#messages").inner_text()
        found[f"message at {width} px"] = scan(page, axe_source)
        # A source refused in place by the desk's script (it is already attached).
        tab.visit(claim)
        form = page.locator("form.source-form")
        form.get_by_label("Address").fill("https://stats.example.org/korea-armistice")
        form.get_by_label("Kind").select_option(label="Primary document")
        form.get_by_label("Stance").select_option(label="Supports")
        form.get_by_role("button", name="Add source").click()
        page.locator("#id_url_error").wait_for()
        found[f"source refused at {width} px"] = scan(page, axe_source)
        # A verdict citing no source: the page comes back from the server with the error.
        tab.visit(claim)
        page.get_by_label("Rating").select_option("mostly_false")
        page.get_by_label("Headline").fill("The width is not agreed")
        page.get_by_label("Summary").fill("No document fixes a 40 km zone.")
        page.get_by_label("Armistice agreement").uncheck()
        page.get_by_role("button", name="Propose verdict").click()
        page.locator("#id_sources_error").wait_for()
        found[f"verdict refused at {width} px"] = scan(page, axe_source)
        # Triage: dismissing without a reason.
        tab.visit(site["desk"]["triage"])
        page.locator("input[name=claims]").first.check()
        page.get_by_label("Action").select_option("dismiss")
        page.get_by_role("button", name="Apply").click()
        page.locator("#id_reason_error").wait_for()
        found[f"triage refused at {width} px"] = scan(page, axe_source)
    found = {where: violations for where, violations in found.items() if violations}
    assert not found, report(found)


def test_the_keyboard_shortcuts_and_a_refused_row_pass_an_accessibility_scan(
    tab,  # noqa: F811
    site,  # noqa: F811
    axe_source,
):
    # What the desk's script opens (the list of shortcuts, a modal dialog) and what a row's
    # own button can bring back (a refusal beside the row, the ticks kept).
    tab.sign_in("boss")
    page = tab.page
    found = {}
    for width, height in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": height})
        for name in ("triage", "my-work"):
            tab.visit(site["desk"][name])
            page.keyboard.press("?")
            page.get_by_role("dialog", name="Keyboard shortcuts").wait_for()
            # A modal dialog leaves the rest of the page inert: fewer rules apply to it.
            found[f"{name} shortcuts at {width} px"] = scan(page, axe_source, min_rules=12)
            page.keyboard.press("Escape")
        tab.visit(site["desk"]["triage"])
        rows = page.locator("tr.triage-row")
        first = rows.first.get_attribute("id").removeprefix("row-")
        Claim.objects.filter(pk=first).update(status=Claim.Status.QUEUED)  # a colleague's
        rows.nth(1).locator("input[name=claims]").check()
        with page.expect_navigation():
            page.get_by_role("button", name=f"Dismiss claim {first}").click()
        page.locator("#bulk-form-errors").wait_for()
        found[f"triage row refused at {width} px"] = scan(page, axe_source)
        Claim.objects.filter(pk=first).update(status=Claim.Status.CANDIDATE)
        assert tab.violations() == []
    found = {where: violations for where, violations in found.items() if violations}
    assert not found, report(found)


def test_a_message_shown_in_place_is_announced(tab, site):  # noqa: F811
    # desk.js adds a source without a round trip and brings the server's message along; a
    # screen reader announces it only if it lands in the live region the page already had.
    tab.sign_in("boss")
    tab.visit(site["desk"]["claim-in-review"])
    page = tab.page
    page.evaluate("window.region = document.getElementById('messages')")
    form = page.locator("form.source-form")
    form.get_by_label("Address").fill("https://un.example.org/armistice-text")
    form.get_by_label("Title").fill("Armistice text")
    form.get_by_label("Kind").select_option(label="Primary document")
    form.get_by_label("Stance").select_option(label="Supports")
    form.get_by_role("button", name="Add source").click()
    page.locator("#sources .source", has_text="Armistice text").wait_for()
    assert page.evaluate("window.region === document.getElementById('messages')")
    assert page.locator("#messages[role=status][aria-live=polite]").inner_text() == "Source added."


def test_the_scan_sees_a_violation(tab, axe_source):  # noqa: F811
    # Without this, "no violations" could mean axe never looked at the page.
    assert tab.visit("/accounts/login/") == []
    assert scan(tab.page, axe_source) == []
    tab.page.evaluate(
        "() => { document.querySelector('label[for=id_username]').remove();"
        " document.querySelector('main').append(document.createElement('img')); }"
    )
    found = "\n".join(scan(tab.page, axe_source))
    assert "label (critical)" in found and "#id_username" in found
    assert "image-alt (critical)" in found
    # The page's CSP blocked nothing while axe ran in it.
    assert tab.violations() == []
