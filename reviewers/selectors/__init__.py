"""Read queries of the desk's work, shared by the staff API and the desk's pages.

Each selector takes the viewer, decides what that viewer may see, and owns its
``select_related`` / ``prefetch_related``, so its query count is fixed here (each says how
many; tests/reviewers/test_page_selectors.py and test_selectors.py pin them). A desk page
reads through one function named for it (``claim_page``, ``my_work_page``,
``dashboard_page``, ``triage_page``, ``inbox_page``, ``anonymous_reports_page``,
``claimant_page``, ``desk_claimants_page``); its view
only draws what it returns.

One module per page, the shared rules in ``common``:

- ``common``: who may read the desk's work; the open, assigned and SLA statuses; the desk
  members.
- ``anonymous_reports``: the ledger of anonymous reports (waiting ones, their suggested
  corroborations, the outlets, the figures per outlet).
- ``claim``: one claim (its page, the state after an action, history, notes, similar
  claims).
- ``claimant``: the claimants list and one claimant's page (names, roles, claims by
  status, verdicts by rating, reports, suggestions, history).
- ``claim_list``: the claims list (filters, keyset pages, counts per status).
- ``dashboard``: queue health (queues overview, reviewer workload, overdue entries,
  publications per week, time to publication).
- ``inbox``: the editor's inbox (proposals awaiting a decision, their counts).
- ``my_work``: the reviewer's open assignments.
- ``triage``: the candidates and their best suggested matches.

Everything public is importable from here (``from reviewers import selectors``), but for
the claims list's tunables (``SEARCH_WINDOW``, ``STATUS_COUNT_CAP``): a bench or a test
that changes one sets it on ``reviewers.selectors.claim_list``, which reads it.
"""

from reviewers.selectors.anonymous_reports import (
    NO_QUEUE,
    REPORTS_PAGE_SIZE,
    OutletFigures,
    ReportFilters,
    ReportsPage,
    anonymous_reports,
    anonymous_reports_page,
    report_descriptions,
    report_figures,
    report_outlets,
    report_queues,
)
from reviewers.selectors.claim import (
    SIMILAR_SHOWN,
    ClaimPage,
    SimilarClaim,
    claim_history,
    claim_notes,
    claim_page,
    similar_claims,
    staff_claim,
)
from reviewers.selectors.claim_list import (
    CLAIM_ORDERS,
    CLAIM_PAGE_SIZE,
    ClaimCounts,
    ClaimFilters,
    StatusCount,
    claimant_named,
    count_claims_by_status,
    desk_claims_page,
    filter_claims,
)
from reviewers.selectors.claimant import (
    CLAIMANTS_PAGE_SIZE,
    ClaimantPage,
    RatingCount,
    claimant_page,
    desk_claimants,
    desk_claimants_page,
)
from reviewers.selectors.common import (
    ASSIGNED_STATUSES,
    OPEN_STATUSES,
    SLA_STATUSES,
    desk_members,
)
from reviewers.selectors.dashboard import (
    MEDIAN_SAMPLE,
    OVERDUE_SHOWN,
    DashboardPage,
    all_overdue_entries,
    claims_by_status,
    dashboard_page,
    group_by_queue,
    median_hours_to_publication,
    overdue_by_queue,
    overdue_entries,
    published_per_week,
    queues_overview,
    reviewer_workload,
)
from reviewers.selectors.inbox import (
    INBOX_AGES,
    InboxCounts,
    InboxFilters,
    InboxPage,
    editor_inbox,
    inbox_counts,
    inbox_page,
)
from reviewers.selectors.my_work import WAITING_SHOWN, MyWorkPage, my_work, my_work_page
from reviewers.selectors.triage import (
    TRIAGE_PAGE_SIZE,
    TriageFilters,
    TriagePage,
    triage_candidates,
    triage_page,
    triage_suggestions,
)

__all__ = [
    "ASSIGNED_STATUSES",
    "CLAIMANTS_PAGE_SIZE",
    "CLAIM_ORDERS",
    "CLAIM_PAGE_SIZE",
    "INBOX_AGES",
    "MEDIAN_SAMPLE",
    "NO_QUEUE",
    "OPEN_STATUSES",
    "OVERDUE_SHOWN",
    "REPORTS_PAGE_SIZE",
    "SIMILAR_SHOWN",
    "SLA_STATUSES",
    "TRIAGE_PAGE_SIZE",
    "WAITING_SHOWN",
    "ClaimCounts",
    "ClaimFilters",
    "ClaimPage",
    "ClaimantPage",
    "DashboardPage",
    "InboxCounts",
    "InboxFilters",
    "InboxPage",
    "MyWorkPage",
    "OutletFigures",
    "RatingCount",
    "ReportFilters",
    "ReportsPage",
    "SimilarClaim",
    "StatusCount",
    "TriageFilters",
    "TriagePage",
    "all_overdue_entries",
    "anonymous_reports",
    "anonymous_reports_page",
    "claim_history",
    "claim_notes",
    "claim_page",
    "claimant_named",
    "claimant_page",
    "claims_by_status",
    "count_claims_by_status",
    "dashboard_page",
    "desk_claimants",
    "desk_claimants_page",
    "desk_claims_page",
    "desk_members",
    "editor_inbox",
    "filter_claims",
    "group_by_queue",
    "inbox_counts",
    "inbox_page",
    "median_hours_to_publication",
    "my_work",
    "my_work_page",
    "overdue_by_queue",
    "overdue_entries",
    "published_per_week",
    "queues_overview",
    "report_descriptions",
    "report_figures",
    "report_outlets",
    "report_queues",
    "reviewer_workload",
    "similar_claims",
    "staff_claim",
    "triage_candidates",
    "triage_page",
    "triage_suggestions",
]
