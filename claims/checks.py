"""System checks for what a production deployment must say about itself.

Every ClaimReview names its publisher (``FACTCHECK_ORG_NAME``) and addresses its page under
``FACTCHECK_ORG_URL`` (which defaults to ``SITE_URL``, the address desk e-mails link to).
Their defaults suit a laptop: left in production, every published fact check would point
search engines and platforms at ``http://127.0.0.1:8000/`` on behalf of "Fact-check desk".
Settings cannot refuse them at import (tests and management commands run without them), so
``manage.py check --deploy`` does: registered with the ``deploy`` tag, errors when DEBUG is
off. ``make run`` (DEBUG on) derives the addresses from the one it serves.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

# factcheck/settings.py's default for FACTCHECK_ORG_NAME: a stand-in, not a publisher.
PLACEHOLDER_ORG_NAME = "Fact-check desk"


def is_local_address(url: str) -> bool:
    """Whether ``url`` names this machine (localhost, a loopback or unspecified address, or
    no host at all): an address nobody else can reach."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@checks.register(checks.Tags.security, deploy=True)
def check_public_identity(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The public address and the publisher's name are set for production."""
    if settings.DEBUG:
        return []
    errors: list[checks.CheckMessage] = []
    if is_local_address(settings.SITE_URL):
        errors.append(
            checks.Error(
                f"SITE_URL is {settings.SITE_URL!r}, an address only this machine reaches.",
                hint="Set SITE_URL to the public address the app is reached at "
                "(https://factcheck.example.org/): desk e-mails link to it.",
                id="claims.E001",
            )
        )
    if is_local_address(settings.FACTCHECK_ORG_URL):
        errors.append(
            checks.Error(
                f"FACTCHECK_ORG_URL is {settings.FACTCHECK_ORG_URL!r}: every ClaimReview "
                "url and author.url would point there.",
                hint="Set SITE_URL (FACTCHECK_ORG_URL follows it) or FACTCHECK_ORG_URL to the "
                "public address of the fact-check pages.",
                id="claims.E002",
            )
        )
    if (settings.FACTCHECK_ORG_NAME or "").strip() in ("", PLACEHOLDER_ORG_NAME):
        errors.append(
            checks.Error(
                f"FACTCHECK_ORG_NAME is left at {settings.FACTCHECK_ORG_NAME!r}: every "
                "ClaimReview would name that as its author.",
                hint="Set FACTCHECK_ORG_NAME to the organisation publishing the fact checks.",
                id="claims.E003",
            )
        )
    return errors
