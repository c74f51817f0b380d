"""Content-Security-Policy for every response (Django 5.2 has none built in).

The policy comes from ``settings.CONTENT_SECURITY_POLICY``, a mapping of directive to
sources. The default allows scripts and styles only from our own origin: no inline
``<script>``, no ``onclick=``, no ``javascript:`` URLs, no ``style=`` attributes. So an
injected tag cannot run, even where escaping were forgotten. Pages keep their code in
``factcheck/static`` (the desk) or load it as separate files (the API docs).

The other security headers (HSTS, X-Frame-Options, nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy) are Django's own, set by ``SecurityMiddleware`` and
``XFrameOptionsMiddleware`` from the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"


def build_policy(directives: Mapping[str, Sequence[str]]) -> str:
    """``{"default-src": ["'self'"], ...}`` -> ``"default-src 'self'; ..."``.

    A directive with no sources is written alone (``upgrade-insecure-requests``).
    """
    parts = []
    for name, sources in directives.items():
        if isinstance(sources, str):
            raise ImproperlyConfigured(
                f"CONTENT_SECURITY_POLICY[{name!r}] must be a list of sources, not a string."
            )
        for item in (name, *sources):
            if any(ch in item for ch in ";,\r\n"):
                raise ImproperlyConfigured(f"Invalid character in CSP directive {name!r}.")
        parts.append(" ".join((name, *sources)))
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Adds the policy header unless the view set its own. With
    ``CONTENT_SECURITY_POLICY_REPORT_ONLY`` on, browsers report violations without blocking
    (for trying a stricter policy in production first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = build_policy(settings.CONTENT_SECURITY_POLICY)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", False)
        self.header = REPORT_ONLY_HEADER if report_only else HEADER

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and HEADER not in response and REPORT_ONLY_HEADER not in response:
            response[self.header] = self.policy
        return response
