"""/api/v1/ routes. Included from ``factcheck.urls``."""

from __future__ import annotations

from django.urls import path, re_path

from claims.api import articles, claimants, consumer_webhooks, export, match, views, webhooks

app_name = "api"

urlpatterns = [
    path("claims/", views.ClaimListView.as_view(), name="claim-list"),
    # Before claims/<pk>/: "match" is not an id, but keep the literal route first anyway.
    path("claims/match/", match.ClaimMatchView.as_view(), name="claim-match"),
    path("claims/export/", export.ClaimExportView.as_view(), name="claim-export"),
    path("claims/<id:pk>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path("claims/<id:pk>/claimreview/", views.ClaimReviewView.as_view(), name="claim-claimreview"),
    path("claimreview/", views.ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("articles/lookup/", views.ArticleLookupView.as_view(), name="article-lookup"),
    path("ratings/", views.RatingListView.as_view(), name="rating-list"),
    path("claimants/", claimants.ClaimantListView.as_view(), name="claimant-list"),
    path("claimants/<id:pk>/", claimants.ClaimantDetailView.as_view(), name="claimant-detail"),
    # A consumer token's own webhook subscriptions ("mine" is not an id).
    path(
        "webhooks/mine/",
        consumer_webhooks.ConsumerWebhookListView.as_view(),
        name="own-webhook-list",
    ),
    path(
        "webhooks/mine/<id:pk>/",
        consumer_webhooks.ConsumerWebhookDetailView.as_view(),
        name="own-webhook-detail",
    ),
    # Staff
    path("articles/", articles.ArticleSubmitView.as_view(), name="article-submit"),
    path("articles/<id:pk>/", articles.ArticleDetailView.as_view(), name="article-detail"),
    path("webhooks/", webhooks.WebhookListView.as_view(), name="webhook-list"),
    path("webhooks/<id:pk>/", webhooks.WebhookDetailView.as_view(), name="webhook-detail"),
    path(
        "webhooks/<id:pk>/rotate-secret/",
        webhooks.WebhookRotateSecretView.as_view(),
        name="webhook-rotate-secret",
    ),
    path(
        "webhooks/<id:pk>/deliveries/",
        webhooks.WebhookDeliveriesView.as_view(),
        name="webhook-deliveries",
    ),
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not-found"),
]
