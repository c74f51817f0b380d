"""/api/v1/ routes. Included from ``factcheck.urls``."""

from __future__ import annotations

from django.urls import path, re_path

from claims.api import views

app_name = "api"

urlpatterns = [
    path("claims/", views.ClaimListView.as_view(), name="claim-list"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path("claims/<int:pk>/claimreview/", views.ClaimReviewView.as_view(), name="claim-claimreview"),
    path("claimreview/", views.ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("articles/lookup/", views.ArticleLookupView.as_view(), name="article-lookup"),
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not-found"),
]
