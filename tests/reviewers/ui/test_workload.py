"""The dashboard's workload: open and overdue claims per reviewer and per queue, overdue
first, every figure a link to the claims list showing exactly those claims; and the claims
list's overdue filter those links need."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from claims.workflow import claim_assign, claim_triage
from reviewers import selectors
from reviewers.models import QueueEntry, ReviewQueue
from tests.claims.helpers import bring_to
from tests.conftest import make_user
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_copy,
    world_editor,
    world_fact_checker,
    world_for_the_module,
    world_make_claim,
    world_other_fact_checker,
)
from tests.reviewers.ui.test_claim_list_page import rows

# No test here checks matching: new claims are matched lexically (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("lexical_matching")

DASHBOARD = "/desk/dashboard/"


@pytest.fixture(autouse=True)
def _no_auto_routing(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


def overdue(*claims) -> None:
    """Their SLA due time passed an hour ago."""
    QueueEntry.objects.filter(claim__in=claims).update(due_at=timezone.now() - timedelta(hours=1))


def _build_busy_desk(*, make_claim, fact_checker, other_fact_checker, editor) -> ReviewQueue:
    """Two queues; the checker holds two claims in review (one overdue) and one awaiting
    approval; the second checker one overdue claim in the politics queue; two claims wait
    in the general queue (one overdue); a published and a candidate claim are not open."""
    politics = ReviewQueue.objects.create(name="Politics", slug="politics", sla_hours=24)
    checker_late = bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    political = make_claim()
    claim_triage(claim=political, actor=editor, queue="politics")
    claim_assign(claim=political, actor=other_fact_checker, assignee=other_fact_checker)
    waiting_late = bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    old = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    make_claim()  # a candidate
    overdue(checker_late, political, waiting_late, old)  # the published one does not count
    return politics


# Every test reads the same desk (or writes what is rolled back): built once for the module
# (tests/module_rows.py), under the setting the tests run with.
@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, lexical_matching):
    with override_settings(AUTO_QUEUE_THRESHOLD=None):
        yield from world_for_the_module(
            django_db_blocker, _build_busy_desk, ("editor", "fact_checker", "other_fact_checker")
        )


@pytest.fixture
def busy_desk(world) -> ReviewQueue:
    return world["rows"]


def workload(html: str, table: str) -> dict[str, dict[str, tuple[int, str]]]:
    """The figures of a workload table: {row name: {"overdue"/"open": (count, link)}}."""
    body = html.split(f'id="{table}"')[1].split("</table>")[0]
    found = {}
    for name, cells in re.findall(r'<th scope="row">([^<]*)</th>(.*?)</tr>', body, re.S):
        links = re.findall(r'<a href="([^"]+)"[^>]*>(\d+)<span[^>]*> (overdue|open):', cells)
        found[unescape(name)] = {kind: (int(n), unescape(url)) for url, n, kind in links}
    return found


def test_the_workload_counts_per_reviewer_and_per_queue_overdue_first(editor_client, busy_desk):
    html = editor_client.get(DASHBOARD).content.decode()
    reviewers = workload(html, "workload-reviewers")
    queues = workload(html, "workload-queues")
    counts = {
        name: (figures["overdue"][0], figures["open"][0]) for name, figures in reviewers.items()
    }
    # Every desk member, most overdue first, then most open, then by name.
    assert list(counts.items()) == [
        ("checker", (1, 3)),
        ("checker2", (1, 1)),
        ("editor", (0, 0)),
        ("editor2", (0, 0)),
    ]
    counts = {name: (f["overdue"][0], f["open"][0]) for name, f in queues.items()}
    assert list(counts.items()) == [("General", (2, 5)), ("Politics", (1, 1))]


def test_each_figure_links_to_a_list_of_exactly_that_many_claims(editor_client, busy_desk):
    html = editor_client.get(DASHBOARD).content.decode()
    figures = [
        (name, kind, count, url)
        for table in ("workload-reviewers", "workload-queues")
        for name, by_kind in workload(html, table).items()
        for kind, (count, url) in by_kind.items()
    ]
    assert len(figures) == 2 * (4 + 2)  # every figure of both tables is a link
    for name, kind, count, url in figures:
        assert url.startswith(reverse("desk:claims") + "?"), url
        response = editor_client.get(url)
        assert response.status_code == 200, url  # no redirect: nothing empty in the URL
        assert len(rows(response)) == count, (name, kind, url)
        assert "Some filters could not be applied" not in response.content.decode()


def test_the_links_name_reviewer_or_queue_status_and_the_due_order(editor_client, busy_desk):
    html = editor_client.get(DASHBOARD).content.decode()
    checker = workload(html, "workload-reviewers")["checker"]
    assert checker["overdue"][1] == "/desk/claims/?assignee=checker&overdue=yes&sort=due"
    assert checker["open"][1] == (
        "/desk/claims/?assignee=checker&status=in_review&status=pending_approval&sort=due"
    )
    politics = workload(html, "workload-queues")["Politics"]
    assert politics["overdue"][1] == "/desk/claims/?queue=politics&overdue=yes&sort=due"


def test_reviewer_workload_is_one_query(editor, busy_desk, django_assert_num_queries):
    # The desk members, each with their open and overdue claims counted.
    with django_assert_num_queries(1):
        loads = [
            (u.username, u.overdue, u.open) for u in selectors.reviewer_workload(viewer=editor)
        ]
    assert loads[0] == ("checker", 1, 3)


def test_someone_off_the_desk_has_no_workload_line(editor_client, busy_desk, consumer):
    make_user("both", "fact-checkers", "editors")  # in two desk groups: one line
    html = editor_client.get(DASHBOARD).content.decode()
    names = list(workload(html, "workload-reviewers"))
    assert names.count("both") == 1 and "consumer" not in names


def test_the_dashboard_costs_fixed_queries(editor_client, busy_desk, django_assert_num_queries):
    # session, user, groups (role in the header), permissions (user, group), queues
    # overview, reviewer workload, status counts, weekly publications, median sample,
    # overdue entries.
    with django_assert_num_queries(11):
        response = editor_client.get(DASHBOARD)
    assert 'id="workload-heading"' in response.content.decode()


# --- the claims list's overdue filter ----------------------------------------------------


def test_the_claims_list_filters_overdue_claims(editor_client, busy_desk):
    late = set(
        QueueEntry.objects.filter(due_at__lt=timezone.now()).values_list("claim_id", flat=True)
    )
    response = editor_client.get(reverse("desk:claims"), {"overdue": "yes", "sort": "due"})
    listed = rows(response)
    # Queued or in review past due; the published claim with an old due time is not late.
    assert len(listed) == 3 and set(listed) < late
    assert all(
        status in ("queued", "in_review")
        for status in QueueEntry.objects.filter(claim_id__in=listed).values_list(
            "claim__status", flat=True
        )
    )
    # The field comes back set, under "More filters", which opens.
    html = response.content.decode()
    assert '<option value="yes" selected>' in html
    assert "More filters (1 set)" in html


def test_an_unknown_overdue_value_is_told_and_left_out(editor_client, busy_desk):
    response = editor_client.get(reverse("desk:claims"), {"overdue": "maybe"})
    assert "Some filters could not be applied" in response.content.decode()
    assert len(rows(response)) == Claim.objects.count() == 8  # every claim
