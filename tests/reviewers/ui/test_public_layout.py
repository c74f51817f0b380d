"""The pages anyone may read keep their text at a reading width, on a desktop and a phone.

A desk rule once matched the public page's ``<article class="check">`` and turned every
block into a narrow column ("F A C T C H E C K", a letter a line). So every public page is
loaded at 1366 and 390 px and fails if any text wraps inside a box narrower than
``READING_WIDTH`` (280 px, or 60 % of a narrower viewport), or if the page scrolls
sideways. Screenshots of each page at both widths go to ``var/screenshots/``.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.claimants.services import claimant_link_claim
from claims.claimreview import claimant_slug
from claims.public import check_slug
from claims.workflow import claim_add_source, claim_propose_verdict, verdict_approve
from tests.claims.helpers import bring_to
from tests.reviewers.ui.test_browser import SHOTS, browser, desk  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}

# Text that wraps (takes two lines or more) in a box narrower than the reading width: the
# box is named by the nearest ancestor that is not inline, the one whose width sets the
# lines. Text that fits on one line may sit in a narrow box (a link in the header, a badge).
NARROW_TEXT = """
(readingWidth) => {
  const found = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    let box = node.parentElement;
    while (box && ["inline", "contents"].includes(getComputedStyle(box).display)) {
      box = box.parentElement;
    }
    if (!box || seen.has(box)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = [...range.getClientRects()]
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => r.top)
      .sort((a, b) => a - b);
    if (!tops.length) continue;  // not rendered
    let lines = 1;
    for (let i = 1; i < tops.length; i++) if (tops[i] - tops[i - 1] > 2) lines++;
    const style = getComputedStyle(box);
    const width =
      box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (lines > 1 && width < readingWidth) {
      seen.add(box);
      const name = box.tagName.toLowerCase() + (box.className ? "." + box.className : "");
      const text = box.textContent.trim().replace(/\\s+/g, " ").slice(0, 40);
      found.push(`${name} "${text}": ${Math.round(width)} px wide, ${lines} lines`);
    }
  }
  return found;
}
"""


# Swagger UI lays out the API docs itself: on a phone it sets each operation's summary
# beside its path, two or three lines in 176 px. A developer's tool rather than reading
# matter, held to the no-sideways-scroll rule only.
OWN_LAYOUT = {"api-docs"}


def reading_width(viewport_width: int) -> float:
    return min(280, 0.6 * viewport_width)


@pytest.fixture
def public_pages(make_claim, fact_checker, editor) -> dict[str, str]:
    """Every page an anonymous reader can open, with a published check to show."""

    def claim_with_claimant():
        return make_claim(
            "According to EU sources, the buffer zone would be 40 kilometres wide and run "
            "along the whole line of contact.",
            claimant="EU sources",
            sourcing="anonymous",
        )

    claim = bring_to(
        "in_review", make_claim=claim_with_claimant, checker=fact_checker, editor=editor
    )
    sources = [
        claim_add_source(
            claim=claim, actor=fact_checker, url=url, title=title, kind=kind, stance=stance
        )
        for url, title, kind, stance in [
            (
                "https://eeas.example.org/statement",
                "EEAS statement on the talks",
                "official_statement",
                "refutes",
            ),
            ("https://data.example.org/border", "Border data", "data_set", "context"),
        ]
    ]
    verdict = claim_propose_verdict(
        claim=claim,
        actor=fact_checker,
        rating="mostly_false",
        headline="No width has been agreed",
        summary="No document of the talks fixes a 40 km zone.",
        rationale=(
            "The EEAS statement names no width.\n\n"
            "The border data show why a single figure along the whole line is unlikely."
        ),
        sources=sources,
    )
    verdict_approve(verdict=verdict, actor=editor)
    claimant_link_claim(claim=claim)
    return {
        "home": "/",
        "check": reverse("check-detail", args=[claim.pk, check_slug(claim.text)]),
        "claimant": reverse(
            "claimant-detail",
            args=[claim.claimant_ref_id, claimant_slug(claim.claimant_ref.display_name)],
        ),
        "sign-in": "/accounts/login/",
        "api-docs": "/api/docs/",
        "admin-sign-in": "/admin/login/",
    }


@pytest.mark.parametrize("device", list(WIDTHS))
def test_public_pages_read_at_full_width(desk, public_pages, device):  # noqa: F811
    width, height = WIDTHS[device]
    reader = desk()
    reader.page.set_viewport_size({"width": width, "height": height})
    problems = {}
    for name, path in public_pages.items():
        response = reader.page.goto(reader.base + path)
        assert response is not None and response.status == 200, (path, response)
        reader.page.wait_for_load_state("networkidle")
        reader.page.screenshot(path=str(SHOTS / f"public-{name}-{width}.png"), full_page=True)
        found = []
        if name not in OWN_LAYOUT:
            found = reader.page.evaluate(NARROW_TEXT, reading_width(width))
        overflow = reader.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            found.append(f"the page scrolls sideways by {overflow} px")
        if found:
            problems[f"{path} at {width} px"] = found
    assert not problems, "\n".join(
        f"{where}:\n  " + "\n  ".join(found) for where, found in problems.items()
    )


def test_the_rule_sees_a_narrow_column(desk):  # noqa: F811
    # Without this, "no narrow text" could mean the script finds no text at all.
    reader = desk()
    reader.go("/")
    assert reader.page.evaluate(NARROW_TEXT, reading_width(1280)) == []
    reader.page.evaluate("document.querySelector('main').style.width = '120px'")
    found = reader.page.evaluate(NARROW_TEXT, reading_width(1280))
    assert any(line.startswith("p ") and "lines" in line for line in found), found
