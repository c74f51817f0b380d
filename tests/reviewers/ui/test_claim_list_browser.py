"""The claims list in Chromium, on a desktop (1366 px) and a phone (390 px): reached from
the header, searched, narrowed by a status tab and a folded filter, paged by cursor, all in
the address bar; no sideways scrolling, no text squeezed into a narrow column. A screenshot
of each width goes to ``var/screenshots/``."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from claims.models import Article
from claims.workflow import claim_create, claim_triage
from tests.claims.helpers import bring_to
from tests.conftest import make_user
from tests.reviewers.ui.test_browser import SHOTS, browser, desk  # noqa: F401 - shared fixtures
from tests.reviewers.ui.test_public_layout import NARROW_TEXT, WIDTHS, reading_width

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = {"desktop": 1366, "phone": 390}


@pytest.fixture
def newsroom(settings, make_claim, fact_checker, editor):
    settings.AUTO_QUEUE_THRESHOLD = None
    make_user("desk-editor", "editors")
    article = Article.objects.create(
        url="https://news.example.org/2025/08/gas",
        title="Gas prices and the winter ahead",
        content_hash="c" * 64,
        status=Article.Status.DONE,
    )
    for n in range(52):
        make_claim(f"Rents in district {n} rose by {n + 3} percent last year, officials said.")
    gas = claim_create(
        text="Gas prices doubled in the north over the winter, according to EU sources.",
        claim_text="Gas prices doubled in the north over the winter.",
        claimant="EU sources",
        sourcing="anonymous",
        checkworthiness=0.72,
        article=article,
    )
    claim_triage(claim=gas, actor=editor)
    for start in ("in_review", "pending_approval", "published", "dismissed"):
        bring_to(start, make_claim=make_claim, checker=fact_checker, editor=editor)
    return {"gas": gas}


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("device", list(SIZES))
def test_find_a_claim_and_share_the_view(desk, newsroom, device):  # noqa: F811
    width = SIZES[device]
    d = desk()
    d.sign_in("desk-editor")
    d.page.set_viewport_size({"width": width, "height": WIDTHS[device][1]})
    page = d.page

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Claims").click()
    page.wait_for_url("**/desk/claims/")
    assert page.get_by_role("heading", level=1).inner_text() == "Claims"
    rows = page.locator("table.claim-list tbody tr")
    assert rows.count() == 50
    assert page.get_by_role("link", name="Next page").count() == 1

    # The next page, by cursor.
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**cursor=*")
    assert rows.count() > 0
    page.get_by_role("link", name="First page").click()
    page.wait_for_url("**/desk/claims/")

    # Search; the empty fields of the form stay out of the address.
    page.get_by_label("Search").fill("gas prices")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**q=gas*")
    assert query_of(page.url) == {"q": ["gas prices"], "sort": ["newest"]}
    assert rows.count() == 1
    assert "EU sources" in rows.first.inner_text()

    # A status tab keeps the search.
    tabs = page.get_by_role("navigation", name="Claims by status")
    tabs.get_by_role("link", name="Queued").click()
    page.wait_for_url("**status=queued*")
    assert query_of(page.url) == {"q": ["gas prices"], "sort": ["newest"], "status": ["queued"]}
    assert tabs.locator("[aria-current=page]").inner_text().startswith("Queued")

    # A folded filter; the address is the view, to bookmark or share.
    page.get_by_text("More filters").click()
    page.get_by_label("Sourcing").select_option(label="Anonymous source")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**sourcing=anonymous*")
    shared = page.url
    assert page.evaluate(NARROW_TEXT, reading_width(width)) == []
    page.screenshot(path=str(SHOTS / f"claims-list-filtered-{width}.png"), full_page=True)
    other = desk()
    other.sign_in("editor")
    other.page.set_viewport_size({"width": width, "height": WIDTHS[device][1]})
    other.page.goto(shared)
    assert other.page.locator("table.claim-list tbody tr").count() == 1
    assert other.page.get_by_label("Search").input_value() == "gas prices"
    assert other.page.get_by_label("Sourcing").input_value() == "anonymous"

    # Laid out for the width: nothing scrolls sideways or squeezes text into a column.
    page.get_by_role("link", name="Clear all").click()
    page.wait_for_url("**/desk/claims/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"claims-list-{width}.png"), full_page=True)
    assert page.evaluate(NARROW_TEXT, reading_width(width)) == []
