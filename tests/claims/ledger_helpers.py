"""What the ledger's tests share: a report and its confirmation in other words (sentences
written for these tests), and the later article the confirmation comes from."""

from __future__ import annotations

import hashlib

from claims.models import Article

REPORTED = "The European Union will send 5,000 troops to a buffer zone in western Ukraine."
CONFIRMED = "The EU is going to deploy 5,000 soldiers to a buffer zone in western Ukraine."


def other_article(slug: str, *, title: str = "Rutte on the buffer zone") -> Article:
    """A finished article from another outlet (one per ``slug``)."""
    return Article.objects.create(
        url=f"https://other.example.net/2025/09/{slug}",
        title=title,
        outlet="Other Daily",
        text="...",
        content_hash=hashlib.sha256(slug.encode()).hexdigest(),
        status=Article.Status.DONE,
    )
