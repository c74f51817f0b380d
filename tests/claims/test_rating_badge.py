"""The rating badge: its place on the scale comes from the Rating rows' values (not their
names), its label is always written, and the same badge is drawn on the home page, the
public fact check and the desk's pages that show a rating."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from claims.models import Rating
from claims.public import check_slug
from claims.ratings import STEPS, RatingBadge, scale_step
from claims.selectors import rating_scale
from claims.workflow import verdict_approve
from tests.claims.helpers import bring_to, propose
from tests.reviewers.ui.conftest import signed_in

BADGE = re.compile(
    r'<span class="rating rating-badge rating-([\w-]+) ([\w-]+)">(.*?)'
    r'<span class="rating-label">([^<]*)</span></span>'
)


def badges(html: str) -> list[tuple[str, str, int, str]]:
    """Each badge on the page: (slug, scale class, filled pips, label)."""
    return [
        (slug, scale, pips.count("pip pip-on"), label)
        for slug, scale, pips, label in BADGE.findall(html)
    ]


@pytest.mark.parametrize(
    ("value", "scale", "step"),
    [
        *[(v, (1, 5), v - 1) for v in range(1, 6)],
        # A newsroom's own scale of seven: the ends stay the ends.
        (1, (1, 7), 0),
        (4, (1, 7), 2),
        (6, (1, 7), 3),
        (7, (1, 7), 4),
        # Off the scale, no scale at all, a scale of one value.
        (None, (1, 5), None),
        (3, None, None),
        (2, (2, 2), 2),
    ],
)
def test_a_ratings_step_comes_from_its_value_on_the_scale(value, scale, step):
    assert scale_step(value, scale) == step


def test_the_default_ratings_go_from_false_to_true(db):
    scale = rating_scale(viewer=None)
    steps = {
        r.slug: RatingBadge.of(slug=r.slug, label=r.label, value=r.value, scale=scale)
        for r in Rating.objects.all()
    }
    assert {slug: b.step for slug, b in steps.items()} == {
        "false": 0,
        "mostly_false": 1,
        "mixed": 2,
        "mostly_true": 3,
        "true": 4,
        "misleading": None,
        "unverifiable": None,
    }
    assert steps["false"].pips == [True] + [False] * (STEPS - 1)
    assert steps["true"].pips == [True] * STEPS
    assert steps["misleading"].pips == []


def test_a_renamed_rating_keeps_its_place(db):
    # The colour follows the value, not the slug or the label.
    Rating.objects.filter(slug="mostly_false").update(label="Largely wrong")
    html = Template("{% load ratings %}{% rating_badge r %}").render(
        Context({"r": Rating.objects.get(slug="mostly_false")})
    )
    assert badges(html) == [("mostly_false", "rating-scale-1", 2, "Largely wrong")]


def test_the_label_is_escaped(db):
    rating = Rating.objects.create(
        slug="odd", label="<b>Odd</b>", alternate_name="Odd", value=None, order=99
    )
    html = Template("{% load ratings %}{% rating_badge r %}").render(Context({"r": rating}))
    assert "&lt;b&gt;Odd&lt;/b&gt;" in html and "<b>" not in html
    assert "rating-off-scale" in html


@pytest.fixture
def rated(make_claim, fact_checker, editor):
    """A published claim rated mostly false, and one awaiting approval rated true."""
    published = bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    verdict_approve(verdict=propose(published, fact_checker, rating="mostly_false"), actor=editor)
    pending = bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    propose(pending, fact_checker, rating="true")
    published.refresh_from_db()
    return {"published": published, "pending": pending}


MOSTLY_FALSE = ("mostly_false", "rating-scale-1", 2, "Mostly false")
TRUE = ("true", "rating-scale-4", 5, "True")


def test_the_home_page_and_the_public_page_draw_the_badge(client, rated):
    claim = rated["published"]
    assert badges(client.get("/").content.decode()) == [MOSTLY_FALSE]
    page = client.get(reverse("check-detail", args=[claim.pk, check_slug(claim.statement)]))
    heading = page.content.decode().split('id="verdict-heading"')[1].split("</h2>")[0]
    assert badges(heading) == [MOSTLY_FALSE]


def test_the_desk_pages_draw_the_same_badge(rated, editor):
    desk = signed_in(editor)
    claims_list = desk.get(reverse("desk:claims")).content.decode()
    assert badges(claims_list) == [MOSTLY_FALSE]  # the list shows published verdicts
    inbox = desk.get(reverse("desk:inbox")).content.decode()
    assert TRUE in badges(inbox)
    review = desk.get(reverse("desk:claim", args=[rated["published"].pk])).content.decode()
    assert badges(review.split('id="verdict-heading"')[1].split("</section>")[0]) == [MOSTLY_FALSE]
    review = desk.get(reverse("desk:claim", args=[rated["pending"].pk])).content.decode()
    assert badges(review.split('id="verdict-heading"')[1].split("</section>")[0]) == [TRUE]
