"""The staff workflow over HTTP: the services' rules, history and errors, end to end."""

from __future__ import annotations

import pytest

from claims.models import Claim
from claims.workflow import claim_triage
from reviewers.models import Assignment, ReviewQueue


@pytest.fixture
def general(db, fact_checker, other_fact_checker):
    queue = ReviewQueue.objects.get(slug="general")
    queue.members.add(fact_checker, other_fact_checker)
    return queue


def _queued(make_claim, editor, n=1):
    claims = [make_claim() for _ in range(n)]
    for claim in claims:
        claim_triage(claim=claim, actor=editor)
    return claims


def test_take_next_to_published_each_step_in_history(
    general,
    make_claim,
    fact_checker,
    editor,
    other_editor,
    as_staff,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    checker, desk, boss = as_staff(fact_checker), as_staff(editor), as_staff(other_editor)
    candidate = make_claim("The truce has held for 70 years.")

    r = desk.post(f"/api/v1/claims/{candidate.pk}/triage/", {"queue": "general"})
    assert (r.status_code, r.json()["status"], r.json()["queue"]) == (200, "queued", "general")

    r = checker.post("/api/v1/next/")
    assert r.status_code == 200 and r.json()["id"] == candidate.pk
    assert r.json()["assignee"]["username"] == "checker" and r.json()["lease_expires_at"]

    r = checker.get("/api/v1/my-work/")
    assert [w["claim"] for w in r.json()] == [candidate.pk]

    r = checker.post(
        f"/api/v1/claims/{candidate.pk}/sources/",
        {"url": "https://archive.example.org/armistice", "kind": "primary_document"},
    )
    assert r.status_code == 201
    source = r.json()["id"]

    with django_capture_on_commit_callbacks(execute=True):
        r = checker.post(
            f"/api/v1/claims/{candidate.pk}/verdicts/",
            {
                "rating": "mostly_true",
                "headline": "Broadly accurate",
                "summary": "The 1953 armistice has held, with incidents.",
                "sources": [source],
            },
        )
    assert r.status_code == 201 and r.json()["state"] == "proposed"
    verdict = r.json()["id"]
    assert {m.to[0] for m in mailoutbox} == {"editor@example.org", "editor2@example.org"}

    r = desk.get("/api/v1/inbox/")
    assert [i["verdict"] for i in r.json()] == [verdict]

    r = boss.post(f"/api/v1/verdicts/{verdict}/approve/", {"note": "Good."})
    assert r.status_code == 200
    assert (r.json()["state"], r.json()["decided_by"]["username"]) == ("approved", "editor2")

    candidate.refresh_from_db()
    assert candidate.status == "published" and candidate.published_verdict_id == verdict
    r = desk.get(f"/api/v1/claims/{candidate.pk}/history/")
    assert [(e["kind"], e["actor"] and e["actor"]["username"]) for e in r.json()] == [
        ("created", None),
        ("triaged", "editor"),
        ("assigned", "checker"),
        ("source_added", "checker"),
        ("proposed", "checker"),
        ("approved", "editor2"),
    ]
    # The public API now shows it published.
    assert checker.get(f"/api/v1/claims/{candidate.pk}/").status_code == 403  # review token
    assert Assignment.objects.get(claim=candidate).end_reason == "published"


def test_illegal_transition_is_a_409_problem(general, make_claim, editor, as_staff):
    claim = make_claim()
    r = as_staff(editor).post(f"/api/v1/claims/{claim.pk}/release/", {})
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "illegal_transition"
    assert body["detail"] == "Cannot release a claim that is candidate."
    assert body["type"] == "urn:factcheck:problem:illegal_transition"


def test_editor_cannot_approve_own_verdict_via_api(make_claim, editor, as_staff):
    claim = _queued(make_claim, editor)[0]
    client = as_staff(editor)
    r = client.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": editor.pk})
    assert r.status_code == 200
    source = client.post(
        f"/api/v1/claims/{claim.pk}/sources/", {"url": "https://e.example.org/1"}
    ).json()["id"]
    verdict = client.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"rating": "false", "headline": "No", "summary": "Not so.", "sources": [source]},
    ).json()["id"]
    r = client.post(f"/api/v1/verdicts/{verdict}/approve/", {})
    assert r.status_code == 403
    assert r.json()["detail"] == "You cannot approve your own verdict."
    claim.refresh_from_db()
    assert claim.status == "pending_approval"
    assert not claim.events.filter(kind="approved").exists()


def test_two_fact_checkers_taking_next_never_get_the_same_claim(
    general, make_claim, editor, fact_checker, other_fact_checker, as_staff
):
    _queued(make_claim, editor, n=3)
    a, b = as_staff(fact_checker), as_staff(other_fact_checker)
    taken = [
        a.post("/api/v1/next/"),
        b.post("/api/v1/next/"),
        a.post("/api/v1/queues/general/next/"),
    ]
    ids = [r.json()["id"] for r in taken]
    assert len(set(ids)) == 3
    assert b.post("/api/v1/next/").status_code == 204  # nothing left
    owners = dict(Assignment.objects.values_list("claim_id", "reviewer__username"))
    assert owners == {ids[0]: "checker", ids[1]: "checker2", ids[2]: "checker"}


def test_unknown_rows_are_404_problems(editor, as_staff):
    client = as_staff(editor)
    for method, path, body in [
        ("post", "/api/v1/claims/999999/triage/", {}),
        ("post", "/api/v1/verdicts/999999/approve/", {}),
        ("delete", "/api/v1/sources/999999/", None),
        ("get", "/api/v1/claims/999999/history/", None),
        ("post", "/api/v1/queues/nope/next/", None),
    ]:
        r = getattr(client, method)(path, body)
        assert r.status_code == 404, (path, r.content)
        assert r["Content-Type"] == "application/problem+json"


def test_invalid_input_is_a_400_with_field_errors(make_claim, editor, as_staff):
    claim = make_claim()
    r = as_staff(editor).post(f"/api/v1/claims/{claim.pk}/dismiss/", {})
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == "reason"
    r = as_staff(editor).post(f"/api/v1/claims/{claim.pk}/triage/", {"queue": "?"})
    assert (r.status_code, r.json()["errors"][0]["field"]) == (400, "queue")


def test_a_queue_or_reviewer_that_does_not_exist_is_a_422_on_its_field(
    make_claim, editor, as_staff
):
    claim = make_claim()
    client = as_staff(editor)
    for path, body, field in [
        (f"/api/v1/claims/{claim.pk}/triage/", {"queue": "nope"}, "queue"),
        (f"/api/v1/claims/{claim.pk}/merge/", {"canonical": 999_999}, "canonical"),
        (
            "/api/v1/triage/bulk/",
            {"claim_ids": [claim.pk], "action": "queue", "queue": "nope"},
            "queue",
        ),
        (
            "/api/v1/triage/bulk/",
            {"claim_ids": [claim.pk], "action": "merge", "canonical": 999_999},
            "canonical",
        ),
        (f"/api/v1/claims/{claim.pk}/assign/", {"assignee": 999_999}, "assignee"),
        ("/api/v1/assign/bulk/", {"claim_ids": [claim.pk], "assignee": 999_999}, "assignee"),
    ]:
        r = client.post(path, body)
        assert r.status_code == 422, (path, r.content)
        assert r["Content-Type"] == "application/problem+json"
        problem = r.json()
        assert problem["code"] == "unprocessable_input"
        assert [(e["field"], e["code"]) for e in problem["errors"]] == [(field, "does_not_exist")]
    claim.refresh_from_db()
    assert claim.status == "candidate"
    assert list(claim.events.values_list("kind", flat=True)) == ["created"]


def test_a_source_attached_twice_is_a_409(make_claim, editor, as_staff):
    claim = _queued(make_claim, editor)[0]
    client = as_staff(editor)
    client.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": editor.pk})
    link = {"url": "https://e.example.org/report#table-2"}
    first = client.post(f"/api/v1/claims/{claim.pk}/sources/", link)
    assert first.status_code == 201
    assert first.json()["url"] == link["url"]  # as cited, fragment included
    again = client.post(f"/api/v1/claims/{claim.pk}/sources/", link)
    assert again.status_code == 409
    assert again.json()["code"] == "already_exists"
    assert again.json()["detail"] == "This source is already attached to the claim."
    assert claim.sources.count() == 1


@pytest.mark.parametrize("url", ["https://exa mple.org/", "https://é.example/", "ftp://e.org/"])
def test_a_source_address_that_is_not_an_http_uri_is_a_400(url, make_claim, editor, as_staff):
    claim = _queued(make_claim, editor)[0]
    client = as_staff(editor)
    client.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": editor.pk})
    r = client.post(f"/api/v1/claims/{claim.pk}/sources/", {"url": url})
    assert (r.status_code, r.json()["errors"][0]["field"]) == (400, "url")
    assert not claim.sources.exists()


def test_bulk_triage_reports_each_claim(make_claim, editor, as_staff):
    ok, dismissed = make_claim(), make_claim()
    client = as_staff(editor)
    client.post(f"/api/v1/claims/{dismissed.pk}/dismiss/", {"reason": "Opinion."})
    r = client.post(
        "/api/v1/triage/bulk/",
        {"claim_ids": [ok.pk, dismissed.pk], "action": "dismiss", "reason": "Not checkable."},
    )
    assert r.status_code == 200
    body = r.json()
    assert (body["succeeded"], body["failed"]) == (1, 1)
    assert body["results"][1] == {
        "claim_id": dismissed.pk,
        "ok": False,
        "status": "dismissed",
        "error_code": "illegal_transition",
        "error": "Cannot dismiss a claim that is dismissed.",
    }
    r = client.post("/api/v1/triage/bulk/", {"claim_ids": [ok.pk], "action": "merge"})
    assert (r.status_code, r.json()["errors"][0]["field"]) == (400, "canonical")


def test_editor_reassigns_over_the_api(
    general, make_claim, editor, fact_checker, other_fact_checker, as_staff
):
    claim = _queued(make_claim, editor)[0]
    as_staff(fact_checker).post("/api/v1/next/")
    r = as_staff(editor).post(
        f"/api/v1/claims/{claim.pk}/assign/", {"assignee": other_fact_checker.pk}
    )
    assert r.status_code == 200 and r.json()["assignee"]["username"] == "checker2"
    reasons = list(
        Assignment.objects.filter(claim=claim).order_by("id").values_list("end_reason", flat=True)
    )
    assert reasons == ["reassigned", ""]


def test_list_endpoints_cost_the_same_whatever_their_size(
    general, make_claim, editor, fact_checker, as_staff, django_assert_max_num_queries
):
    client = as_staff(editor)
    claims = _queued(make_claim, editor, n=6)

    def count(path):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx)

    as_staff(fact_checker).post("/api/v1/next/")
    client.get("/api/v1/queues/")  # the token's first use of the minute also records it
    small = {p: count(p) for p in ("/api/v1/my-work/", "/api/v1/queues/", "/api/v1/overdue/")}
    for _ in claims[1:]:
        as_staff(fact_checker).post("/api/v1/next/")
    large = {p: count(p) for p in small}
    assert small == large
    # Token lookup (with its user), the reviewer's permissions (user + group), and one
    # selector query; plus at most one write recording the token's last use.
    with django_assert_max_num_queries(5):
        client.get("/api/v1/my-work/")


def test_fact_checker_sees_own_work_editor_filters(
    general, make_claim, editor, fact_checker, other_fact_checker, as_staff
):
    _queued(make_claim, editor, n=2)
    as_staff(fact_checker).post("/api/v1/next/")
    as_staff(other_fact_checker).post("/api/v1/next/")
    assert len(as_staff(fact_checker).get("/api/v1/my-work/").json()) == 1
    assert len(as_staff(editor).get("/api/v1/my-work/").json()) == 2
    mine = as_staff(editor).get(f"/api/v1/my-work/?assignee={other_fact_checker.pk}").json()
    assert [w["reviewer"]["username"] for w in mine] == ["checker2"]
    assert Claim.objects.filter(status="in_review").count() == 2
