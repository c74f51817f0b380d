"""/api/v1/ routes of the staff workflow. Included from ``factcheck.urls`` before the
claims API (whose last route answers every unknown address with a 404 problem)."""

from __future__ import annotations

from django.urls import path

from reviewers.api import views

app_name = "reviewers-api"

urlpatterns = [
    path("claims/<id:pk>/triage/", views.TriageView.as_view(), name="claim-triage"),
    path("claims/<id:pk>/dismiss/", views.DismissView.as_view(), name="claim-dismiss"),
    path("claims/<id:pk>/restore/", views.RestoreView.as_view(), name="claim-restore"),
    path("claims/<id:pk>/merge/", views.MergeView.as_view(), name="claim-merge"),
    path("claims/<id:pk>/assign/", views.AssignView.as_view(), name="claim-assign"),
    path("claims/<id:pk>/release/", views.ReleaseView.as_view(), name="claim-release"),
    path("claims/<id:pk>/renew/", views.RenewView.as_view(), name="claim-renew"),
    path("claims/<id:pk>/reopen/", views.ReopenView.as_view(), name="claim-reopen"),
    path("claims/<id:pk>/sources/", views.SourcesView.as_view(), name="claim-sources"),
    path("claims/<id:pk>/verdicts/", views.ProposeView.as_view(), name="claim-propose"),
    path("claims/<id:pk>/history/", views.HistoryView.as_view(), name="claim-history"),
    path("sources/<id:pk>/", views.SourceView.as_view(), name="source-detail"),
    path("verdicts/<id:pk>/approve/", views.ApproveView.as_view(), name="verdict-approve"),
    path(
        "verdicts/<id:pk>/request-changes/",
        views.RequestChangesView.as_view(),
        name="verdict-request-changes",
    ),
    path("verdicts/<id:pk>/withdraw/", views.WithdrawView.as_view(), name="verdict-withdraw"),
    path("next/", views.NextView.as_view(), name="take-next"),
    path("queues/", views.QueuesView.as_view(), name="queue-list"),
    path("queues/<slug:slug>/next/", views.QueueNextView.as_view(), name="queue-take-next"),
    path("overdue/", views.OverdueView.as_view(), name="overdue"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("my-work/", views.MyWorkView.as_view(), name="my-work"),
    path("triage/bulk/", views.BulkTriageView.as_view(), name="triage-bulk"),
    path("assign/bulk/", views.BulkAssignView.as_view(), name="assign-bulk"),
]
