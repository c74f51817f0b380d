"""Every page we serve runs under our Content-Security-Policy in a real browser: the desk,
the public pages, the admin and the API docs raise no CSP violation.

Violations are caught two ways: the page's ``securitypolicyviolation`` events (collected by
a script the browser injects before any of the page's own, which the CSP does not govern),
and Chromium's console errors ("Refused to ... Content Security Policy").
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from claims import roles
from claims.claimants.services import claimant_link_claim, claimant_merge, claimant_set_identifiers
from claims.models import Claim, Claimant, ClaimLink
from claims.workflow import claim_add_source, verdict_request_changes
from reviewers.models import ReviewQueue
from reviewers.review_holds import verdict_hold_for_review
from reviewers.services import claim_add_note
from tests.claims.helpers import bring_to
from tests.conftest import make_user
from tests.reviewers.ui.test_browser import browser  # noqa: F401 - the shared fixture
from tests.reviewers.ui.test_public_layout import public_pages  # noqa: F401 - the same

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COLLECT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


class Watched:
    """A browser tab that records every CSP violation of every page it loads."""

    def __init__(self, browser, base: str) -> None:  # noqa: F811 - the fixture's name
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(15_000)
        self.context.add_init_script(COLLECT)
        self.page = self.context.new_page()
        self.base = base
        self.console: list[str] = []
        self.page.on(
            "console",
            lambda m: self.console.append(m.text) if "Content Security Policy" in m.text else None,
        )
        self.page.on("pageerror", lambda e: self.console.append(f"page error: {e}"))

    def visit(self, path: str) -> list[str]:
        """Load ``path``, let it settle, and return the violations seen on it."""
        self.console.clear()
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 400, (path, response and response.status)
        assert "Content-Security-Policy" in {k.title() for k in response.headers}, path
        self.page.wait_for_load_state("networkidle")
        return self.violations()

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations") + list(self.console)

    def sign_in(self, username: str) -> None:
        self.page.goto(self.base + "/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill("pw")
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/desk/")


@pytest.fixture
def tab(browser, live_server):  # noqa: F811 - the fixture's name
    opened = Watched(browser, live_server.url)
    yield opened
    opened.context.close()


@pytest.fixture
def boss(db):
    """A superuser who is also on the desk, so one session reaches every page."""
    user = make_user("boss", roles.EDITORS, roles.FACT_CHECKERS, is_staff=True, is_superuser=True)
    ReviewQueue.objects.get(slug="general").members.add(user)
    return user


def test_the_collector_sees_a_violation(tab):
    # Without this, "no violations" could mean the listener never ran.
    assert tab.visit("/accounts/login/") == []
    tab.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.append(s); }"
    )
    tab.page.wait_for_function("window.__cspViolations.length > 0")
    assert tab.page.evaluate("window.ran") is None
    assert any("script-src" in v for v in tab.violations())


@pytest.fixture
def site(public_pages, boss, make_claim, fact_checker, editor) -> dict[str, dict[str, str]]:  # noqa: F811
    """The pages a reader opens and those ``boss`` opens on the desk, by name, each with
    something to show, built through the services: the published check of ``public_pages``
    (with its claimant, sources and rationale), a verdict waiting in the inbox, a claim
    ``boss`` is reviewing (with internal notes, one mentioning ``boss``) and one an editor
    sent back to ``boss``, verdicts held for review by ``boss`` and by another editor (and
    the inbox filtered, one filter invalid), two waiting in the queue, and candidates for
    triage (one with a suggested duplicate, an anonymous report), the reports page; and two
    addresses that answer 404. Shared with
    the accessibility scan (test_accessibility.py)."""
    [published] = Claim.objects.filter(status=Claim.Status.PUBLISHED)
    pending = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=boss)
    # In the inbox too: one ``boss`` is reviewing, one another editor is.
    for holder in (boss, editor):
        held = bring_to(
            "pending_approval", make_claim=make_claim, checker=fact_checker, editor=boss
        )
        verdict_hold_for_review(verdict=held.verdicts.get(), actor=holder)
    reviewing = bring_to("in_review", make_claim=make_claim, checker=boss, editor=editor)
    claim_add_source(
        claim=reviewing,
        actor=boss,
        url="https://stats.example.org/korea-armistice",
        title="Armistice agreement",
        kind="primary_document",
        stance="supports",
    )
    claim_add_note(claim=reviewing, actor=editor, body="@boss the 1953 text is in the archive.")
    claim_add_note(claim=reviewing, actor=boss, body="Found it <b>thanks</b>; see @nobody.")
    sent_back = bring_to("pending_approval", make_claim=make_claim, checker=boss, editor=editor)
    verdict_request_changes(
        verdict=sent_back.verdicts.get(), actor=editor, note="Quote the 1953 text itself."
    )
    for _ in range(2):
        bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    candidate = make_claim(
        "According to EU sources, the buffer zone would be 40 kilometres wide.",
        claimant="EU sources",
        sourcing="anonymous",
        checkworthiness=0.8,
    )
    make_claim("Unemployment fell to 3.1 percent last year.", checkworthiness=0.55)
    # It repeats the published claim: its triage row and its page offer "Merge into #N".
    assert ClaimLink.objects.filter(claim=candidate, matched=published, state="suggested").exists()
    # A named claimant with two names, a role, identifiers and a suggested claim: every form
    # of its page; the published claim's claimant is an anonymous description.
    rutte = make_claim(claimant="Mark Rutte", claimant_role="NATO Secretary General")
    claimant_link_claim(claim=rutte)
    claimant_link_claim(claim=make_claim(claimant="Mike Rutte", sourcing="named"))
    claimant_link_claim(claim=make_claim(claimant="Rutte", sourcing="named"))
    rutte.refresh_from_db()
    mike = Claimant.objects.get(display_name="Mike Rutte")
    claimant_merge(source=mike, target=rutte.claimant_ref, actor=boss, note="Test merge.")
    claimant_set_identifiers(
        claimant=rutte.claimant_ref, actor=boss, wikidata_qid="Q57792", website=""
    )
    return {
        "public": public_pages,
        "desk": {
            "my-work": "/desk/",
            "claims": "/desk/claims/",
            "claims-searched": "/desk/claims/?q=claim&sort=score",
            "inbox": "/desk/inbox/",
            "inbox-filtered": "/desk/inbox/?queue=general&rating=mostly_true&checker=x",
            "triage": "/desk/triage/",
            "submit": "/desk/submit/",
            "dashboard": "/desk/dashboard/",
            "claim-in-review": f"/desk/claims/{reviewing.pk}/",
            "claim-sent-back": f"/desk/claims/{sent_back.pk}/",
            "claim-pending": f"/desk/claims/{pending.pk}/",
            "claim-published": f"/desk/claims/{published.pk}/",
            "claim-candidate": f"/desk/claims/{candidate.pk}/",
            "article": f"/desk/articles/{published.article_id}/",
            # The ledger of anonymous reports (the candidate above is one), filtered, one
            # filter invalid: its error is shown beside its field.
            "reports": "/desk/reports/",
            "reports-filtered": "/desk/reports/?queue=none&claimant=x",
            "claimants": "/desk/claimants/",
            "claimant": f"/desk/claimants/{rutte.claimant_ref_id}/",
            "claimant-anonymous": f"/desk/claimants/{published.claimant_ref_id}/",
            "claims-of-claimant": f"/desk/claims/?claimant_id={rutte.claimant_ref_id}",
        },
        # What a reader gets for a wrong address: answered 404, with our own page.
        "missing": {
            "not-found": "/no-such-page/",
            "check-unpublished": f"/checks/{pending.pk}/",
        },
    }


def test_desk_and_public_pages_raise_no_violation(tab, site):
    found = {path: tab.visit(path) for path in site["public"].values()}
    tab.sign_in("boss")
    for path in site["desk"].values():
        found[path] = tab.visit(path)
    assert {path: v for path, v in found.items() if v} == {}


def test_error_pages_raise_no_violation(tab, make_claim, fact_checker, editor):
    unpublished = bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    found = {}
    # (Not /favicon.ico opened as a page: Chromium's own image viewer styles it inline.)
    for path in ["/no-such-page/", f"/checks/{unpublished.pk}/"]:
        tab.console.clear()
        response = tab.page.goto(tab.base + path)
        assert response is not None and "Content-Security-Policy" in {
            k.title() for k in response.headers
        }, path
        tab.page.wait_for_load_state("networkidle")
        found[path] = tab.violations()
    assert {path: v for path, v in found.items() if v} == {}


def test_admin_pages_raise_no_violation(tab, boss, make_claim, fact_checker, editor):
    bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    tab.page.goto(tab.base + "/admin/login/")
    tab.page.get_by_label("Username").fill("boss")
    tab.page.get_by_label("Password").fill("pw")
    tab.page.get_by_role("button", name="Log in").click()
    tab.page.wait_for_url("**/admin/")
    found = {"/admin/": tab.visit("/admin/")}
    # Every registered model's list, add form (where adding is allowed) and first row.
    request = RequestFactory().get("/admin/")
    request.user = boss
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths = [reverse(f"{prefix}_changelist")]
        if model_admin.has_add_permission(request):
            paths.append(reverse(f"{prefix}_add"))
        first = model.objects.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{prefix}_change", args=[first.pk]))
        for path in paths:
            found[path] = tab.visit(path)
            # The admin's widgets build their popups with script: open one where there is.
            calendar = tab.page.locator("a[id^=calendarlink]")
            if calendar.count():
                calendar.first.click()
                tab.page.locator(".calendarbox").first.wait_for()
                found[path + " (calendar)"] = tab.violations()
    found[f"/admin/auth/user/{boss.pk}/password/"] = tab.visit(
        f"/admin/auth/user/{boss.pk}/password/"
    )
    assert len(found) > 20  # the loop really walked the admin
    assert any(path.endswith("(calendar)") for path in found)
    assert {path: v for path, v in found.items() if v} == {}


def test_api_docs_render_without_violation(tab):
    assert tab.visit("/api/docs/") == []
    # The UI is built by the separately served script: operations only appear if it ran.
    operation = tab.page.locator(".opblock").first
    operation.wait_for()
    operation.locator(".opblock-summary").click()
    tab.page.locator(".opblock-body").first.wait_for()
    tab.page.get_by_role("button", name="Authorize").click()
    tab.page.locator(".modal-ux").wait_for()
    assert tab.violations() == []
