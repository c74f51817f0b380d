"""Publish one claim through the staff API, as a desk would, so that the README's consumer
calls (`/api/v1/claims/42/claimreview/`, `/api/v1/articles/lookup/?url=https://…`) run with
a real claim and article instead of 404.

The demo users that `make run` creates do the work: `editor` submits an article and queues
a claim, `checker` takes it, adds a source and proposes a verdict, `editor` approves it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

ARTICLE_URL = "https://news.example.org/2026/readme-check"
ARTICLE_TEXT = (
    "Port traffic rose in the spring\n\n"
    "The harbour authority said container traffic rose 12 percent in the first quarter. "
    "The port employs 4,300 people, according to the city's annual report.\n"
)


class DeskError(Exception):
    """A step of the walk-through failed: its HTTP status and the problem's detail."""


@dataclass(frozen=True)
class Published:
    claim_id: int
    article_url: str


def call(base: str, token: str, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base.rstrip("/") + path,
        data=data,
        method=method,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        try:
            detail = json.loads(exc.read()).get("detail", "")
        except ValueError:
            detail = ""
        raise DeskError(f"{method} {path}: HTTP {exc.code} {detail}".strip()) from None


def publish_claim(base: str, *, editor_token: str, checker_token: str) -> Published:
    """Submit an article and take one of its claims to published; its id and address.

    ``editor_token`` needs the scopes ingest and review, ``checker_token`` review.
    """
    article = call(
        base,
        editor_token,
        "POST",
        "/api/v1/articles/",
        {"text": ARTICLE_TEXT, "url": ARTICLE_URL},
    )
    article = call(base, editor_token, "GET", f"/api/v1/articles/{article['id']}/")
    open_claims = [c for c in article["claims"] if c["status"] in ("candidate", "queued")]
    if not open_claims:
        raise DeskError(f"the article yielded no claim to check (status {article['status']})")
    claim = open_claims[0]["id"]
    if open_claims[0]["status"] == "candidate":
        call(base, editor_token, "POST", f"/api/v1/claims/{claim}/triage/", {"queue": "general"})

    # The checker's user id comes with the first claim they take; they hand that one back
    # unless it is ours, and the editor assigns ours to them.
    taken = call(base, checker_token, "POST", "/api/v1/next/")
    if taken["id"] != claim:
        call(base, checker_token, "POST", f"/api/v1/claims/{taken['id']}/release/", {})
        checker_id = taken["assignee"]["id"]
        call(
            base,
            editor_token,
            "POST",
            f"/api/v1/claims/{claim}/assign/",
            {"assignee": checker_id},
        )

    source = call(
        base,
        checker_token,
        "POST",
        f"/api/v1/claims/{claim}/sources/",
        {"url": "https://archive.example.org/port-report", "kind": "primary_document"},
    )
    verdict = call(
        base,
        checker_token,
        "POST",
        f"/api/v1/claims/{claim}/verdicts/",
        {
            "rating": "mostly_true",
            "headline": "Close to the authority's figures",
            "summary": "The quarterly report gives 11.8 percent.",
            "sources": [source["id"]],
        },
    )
    call(base, editor_token, "POST", f"/api/v1/verdicts/{verdict['id']}/approve/", {})
    return Published(claim_id=claim, article_url=ARTICLE_URL)
