"""``{% rating_badge rating %}``: a verdict's rating drawn the same way on every page (the
desk's, the home page, the public fact check). See ``claims.ratings``."""

from __future__ import annotations

from typing import Any

from django import template

from claims import selectors
from claims.models import Rating
from claims.ratings import RatingBadge

register = template.Library()


def page_scale(context: template.Context) -> tuple[int, int] | None:
    """The scale's (worst, best): the view's ``rating_scale`` if it read it already, else
    read once per request (one query, kept on the request for the page's other badges)."""
    if "rating_scale" in context:
        return context["rating_scale"]
    request = context.get("request")
    if request is not None and hasattr(request, "_rating_scale"):
        return request._rating_scale
    scale = selectors.rating_scale(viewer=getattr(request, "user", None))
    if request is not None:
        request._rating_scale = scale
    return scale


@register.inclusion_tag("claims/_rating.html", takes_context=True)
def rating_badge(context: template.Context, rating: Rating) -> dict[str, Any]:
    badge = RatingBadge.of(
        slug=rating.slug, label=rating.label, value=rating.value, scale=page_scale(context)
    )
    return {"badge": badge}
