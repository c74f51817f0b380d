from django.urls import path

from reviewers.views import (
    anonymous_reports,
    claim_list,
    claimants,
    dashboard,
    inbox,
    mywork,
    report_moves,
    review,
    submit,
    triage,
)

app_name = "desk"

urlpatterns = [
    path("", mywork.my_work, name="my-work"),
    path("take-next/", mywork.take_next, name="take-next"),
    path("claims/", claim_list.claim_list, name="claims"),
    path("claims/<int:pk>/", review.claim_review, name="claim"),
    path("claims/<int:pk>/take/", review.claim_take, name="claim-take"),
    path("claims/<int:pk>/release/", review.claim_release_view, name="claim-release"),
    path("claims/<int:pk>/triage/", review.claim_triage_view, name="claim-triage"),
    path("claims/<int:pk>/reopen/", review.claim_reopen_view, name="claim-reopen"),
    path("claims/<int:pk>/sources/", review.source_add, name="source-add"),
    path("claims/<int:pk>/notes/", review.note_add, name="note-add"),
    *(
        path(
            f"claims/<int:pk>/report/{move}/",
            report_moves.report_move,
            {"move": move},
            name=f"report-{move}",
        )
        for move in report_moves.MOVES
    ),
    path("matches/<int:pk>/confirm/", review.match_confirm, name="match-confirm"),
    path("matches/<int:pk>/reject/", review.match_reject, name="match-reject"),
    path("sources/<int:pk>/remove/", review.source_remove, name="source-remove"),
    path("claims/<int:pk>/verdict/", review.verdict_propose, name="verdict-propose"),
    path("verdicts/<int:pk>/withdraw/", review.verdict_withdraw_view, name="verdict-withdraw"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("verdicts/<int:pk>/approve/", inbox.approve, name="verdict-approve"),
    path("verdicts/<int:pk>/request-changes/", inbox.request_changes, name="verdict-changes"),
    path("verdicts/<int:pk>/review/", inbox.review_hold, name="verdict-review"),
    path("verdicts/<int:pk>/review/release/", inbox.review_release, name="verdict-review-release"),
    path("triage/", triage.triage, name="triage"),
    path("reports/", anonymous_reports.anonymous_reports, name="anonymous-reports"),
    path(
        "reports/suggestions/<int:pk>/accept/",
        anonymous_reports.suggestion_accept,
        name="report-suggestion-accept",
    ),
    path(
        "reports/suggestions/<int:pk>/reject/",
        anonymous_reports.suggestion_reject,
        name="report-suggestion-reject",
    ),
    path("claimants/", claimants.claimant_list, name="claimants"),
    path("claimants/<int:pk>/", claimants.claimant_detail, name="claimant"),
    path("claimants/<int:pk>/identifiers/", claimants.identifiers, name="claimant-identifiers"),
    path("claimants/<int:pk>/merge/", claimants.merge, name="claimant-merge"),
    path("claimants/<int:pk>/split/", claimants.split, name="claimant-split"),
    path(
        "claimants/suggestions/<int:pk>/accept/",
        claimants.suggestion_accept,
        name="claimant-suggestion-accept",
    ),
    path(
        "claimants/suggestions/<int:pk>/reject/",
        claimants.suggestion_reject,
        name="claimant-suggestion-reject",
    ),
    path("submit/", submit.submit, name="submit"),
    path("articles/<int:pk>/", submit.article_detail, name="article"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
