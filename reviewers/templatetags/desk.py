"""Small template helpers for the desk's pages."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims import permissions, roles
from reviewers.services import MENTION

register = template.Library()

_ROLE_NAMES = [
    (roles.EDITORS, "Editor"),
    (roles.FACT_CHECKERS, "Fact-checker"),
    (roles.API_CONSUMERS, "API consumer"),
]


@register.simple_tag
def desk_role(user) -> str:
    """The person's role in words, for the header. One query, cached on the user."""
    if not user.is_authenticated:
        return ""
    cached = getattr(user, "_desk_role", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = next((label for group, label in _ROLE_NAMES if group in names), "")
        if not cached and user.is_superuser:
            cached = "Administrator"
        user._desk_role = cached
    return cached


@register.filter
def can_review(user) -> bool:
    return permissions.can_review(user)


@register.filter
def can_triage(user) -> bool:
    return permissions.can_triage(user)


@register.filter
def is_editor(user) -> bool:
    return bool(user.is_active and user.has_perm("claims.approve_verdict"))


@register.filter
def until(moment: datetime | None, now: datetime | None = None) -> str:
    """'in 3 h 20 min' or '2 h 5 min ago', for due times and leases."""
    if moment is None:
        return ""
    seconds = int((moment - (now or timezone.now())).total_seconds())
    future = seconds >= 0
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = f"{days} d {hours} h"
    elif hours:
        text = f"{hours} h {mins} min"
    else:
        text = f"{mins} min"
    return f"in {text}" if future else f"{text} ago"


@register.filter
def is_past(moment: datetime | None, now: datetime | None = None) -> bool:
    return moment is not None and moment < (now or timezone.now())


def _text(piece: str) -> str:
    return escape(piece).replace("\n", "<br>\n")


@register.filter
def note_html(note) -> SafeString:
    """An internal note's body as HTML: escaped, its line breaks kept, and each mention of
    a desk member it notified (``note.mentions``) marked; any other ``@name`` stays text."""
    known, body = set(note.mentions), note.body
    pieces, last = [], 0
    for match in MENTION.finditer(body):
        name = match.group(1).rstrip(".")
        if name not in known:
            continue
        start = match.start()
        end = start + 1 + len(name)
        pieces.append(_text(body[last:start]))
        pieces.append(format_html('<strong class="mention">@{}</strong>', name))
        last = end
    pieces.append(_text(body[last:]))
    return mark_safe("".join(pieces))  # every piece escaped above
