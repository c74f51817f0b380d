"""Anonymous reports: the ledger's page (``claims.claimants.ledger``), the reports still
waiting for confirmation with their suggested corroborations first, oldest first, and what
became of each outlet's reports. Filtered by outlet, by description (the anonymous
claimant record the linker grouped the report under: "EU sources" = "an EU source") and by
topic: the claims and articles carry no topic, section or tags, so the topic is the review
queue routing sent the report to (none until it is queued)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, QuerySet

from claims.claimants.ledger import AWAITING
from claims.models import AnonymousReport, Article, Claimant, CorroborationSuggestion
from claims.types import User
from reviewers.models import ReviewQueue
from reviewers.selectors.common import _require_staff

REPORTS_PAGE_SIZE = 50
WAITING = CorroborationSuggestion.State.SUGGESTED


@dataclass(frozen=True)
class ReportFilters:
    """What the page lists; every field optional (the URL's query)."""

    outlet: str = ""  # the article's outlet, its whole name, case-insensitive
    state: str = ""  # one of AnonymousReport.State; empty: open and stale ones
    claimant: int | None = None  # the anonymous description's claimant record
    queue: str = ""  # a review queue's slug, or NO_QUEUE: not routed to one yet


# The queue filter's value for the reports in no queue (candidates not yet triaged).
NO_QUEUE = "none"


def anonymous_reports(
    *, viewer: User, filters: ReportFilters = ReportFilters()
) -> QuerySet[AnonymousReport]:
    """Reports matching ``filters`` with their claims and articles and ``has_suggestions``:
    those with a suggested corroboration waiting first, then the oldest report first."""
    _require_staff(viewer)
    states = [filters.state] if filters.state else list(AWAITING)
    waiting = CorroborationSuggestion.objects.filter(report=OuterRef("pk"), state=WAITING)
    reports = (
        AnonymousReport.objects.filter(state__in=states)
        .select_related("claim__article")
        .annotate(has_suggestions=Exists(waiting))
    )
    if filters.outlet:
        reports = reports.filter(claim__article__outlet__iexact=filters.outlet)
    if filters.claimant is not None:
        reports = reports.filter(claim__claimant_ref_id=filters.claimant)
    if filters.queue == NO_QUEUE:
        reports = reports.filter(claim__queue_entry__isnull=True)
    elif filters.queue:
        reports = reports.filter(claim__queue_entry__queue__slug=filters.queue)
    return reports.order_by("-has_suggestions", "opened_at", "claim_id")


def report_outlets(*, viewer: User) -> list[str]:
    """The outlets that printed an anonymous report, by name: the outlet filter's choices."""
    _require_staff(viewer)
    return list(
        Article.objects.filter(claims__anonymous_report__isnull=False)
        .exclude(outlet="")
        .order_by("outlet")
        .values_list("outlet", flat=True)
        .distinct()
    )


def report_descriptions(*, viewer: User) -> list[Claimant]:
    """The anonymous descriptions ("EU sources", "diplomats in Brussels") some report is
    attributed to, by name: the description filter's choices. One query."""
    _require_staff(viewer)
    return list(
        Claimant.objects.filter(
            kind=Claimant.Kind.ANONYMOUS, claims__anonymous_report__isnull=False
        )
        .distinct()
        .order_by("display_name", "id")
    )


def report_queues(*, viewer: User) -> list[ReviewQueue]:
    """The review queues, in routing order: the topic filter's choices. One query."""
    _require_staff(viewer)
    return list(ReviewQueue.objects.filter(is_active=True).order_by("order", "name"))


@dataclass(frozen=True)
class OutletFigures:
    """What became of one outlet's anonymous reports: how many are in each state."""

    outlet: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def in_order(self) -> list[int]:
        """The counts in the states' order (``AnonymousReport.State``), 0 for none."""
        return [self.counts.get(state, 0) for state in AnonymousReport.State.values]


def report_figures(*, viewer: User) -> list[OutletFigures]:
    """Per outlet (by name; "" for an article without one), its reports counted by state,
    the outlets with the most reports first. One query, grouped in the database."""
    _require_staff(viewer)
    by_outlet: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        AnonymousReport.objects.values_list("claim__article__outlet", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for outlet, state, n in rows:
        counts = by_outlet[outlet or ""]
        counts[state] = counts.get(state, 0) + n
    figures = [OutletFigures(outlet=o, counts=c) for o, c in by_outlet.items()]
    return sorted(figures, key=lambda f: (-f.total, f.outlet))


@dataclass(frozen=True)
class ReportsPage:
    """A page of reports (``object_list`` read), the suggestions waiting on each (by
    report id, best match first, each with its claim and article, and its verdict and
    rating for one by a verdict), the outlets, and what
    became of each outlet's reports (``report_figures``), and the descriptions and queues
    to filter by."""

    page: Page
    suggestions: dict[int, list[CorroborationSuggestion]]
    outlets: list[str]
    figures: list[OutletFigures]
    descriptions: list[Claimant]
    queues: list[ReviewQueue]


def anonymous_reports_page(
    *,
    viewer: User,
    filters: ReportFilters = ReportFilters(),
    number: Any = None,
    size: int = REPORTS_PAGE_SIZE,
) -> ReportsPage:
    """Page ``number`` of the reports (as ``Paginator.get_page``). Seven queries: the
    count, the page's reports with their claims and articles, the suggestions waiting on
    them with theirs, the outlets, the figures per outlet, the descriptions, the queues."""
    page = Paginator(anonymous_reports(viewer=viewer, filters=filters), size).get_page(number)
    page.object_list = list(page.object_list)
    suggestions: dict[int, list[CorroborationSuggestion]] = defaultdict(list)
    for suggestion in (
        CorroborationSuggestion.objects.filter(
            report_id__in=[report.pk for report in page.object_list], state=WAITING
        )
        .select_related("claim__article", "verdict__rating")
        .order_by("report_id", "-score", "id")
    ):
        suggestions[suggestion.report_id].append(suggestion)
    return ReportsPage(
        page=page,
        suggestions=dict(suggestions),
        outlets=report_outlets(viewer=viewer),
        figures=report_figures(viewer=viewer),
        descriptions=report_descriptions(viewer=viewer),
        queues=report_queues(viewer=viewer),
    )
