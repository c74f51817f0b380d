"""Articles as fetched: the text claims are extracted from, and the texts it replaced."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone

from claims.immutability import AppendOnlyModel, AppendOnlyQuerySet


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Origin(models.TextChoices):
        URL = "url", "Fetched from a URL"
        HTML = "html", "Uploaded HTML"
        TEXT = "text", "Pasted text"

    # Normalized (see claims.ingestion.urls); null for pasted text with no address.
    url = models.URLField(max_length=2048, unique=True, null=True, blank=True)
    canonical_url = models.URLField(max_length=2048, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.TEXT)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True, help_text="Outlet or site name.")
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField(blank=True, help_text="The extracted main text; claim spans index it.")
    # sha256 of the normalized text: the same content is never stored twice.
    content_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True, help_text="Why ingestion failed, in plain words.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="article_status_created"),
            # The consumer list's publisher and language filters compare case-insensitively;
            # an index on the upper-cased value finds a rare one, and gives PostgreSQL that
            # expression's statistics (without them it guessed one small share of articles
            # for any value, and read a common site's claims from the articles' side).
            models.Index(Upper("outlet"), name="article_outlet_upper"),
            models.Index(Upper("language"), name="article_language_upper"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"


class ArticleRevision(AppendOnlyModel):
    """A text an article had before a re-ingestion replaced it with a different one.

    Written by ``claims.ingestion.pipeline`` in the transaction that replaces the text, so
    a stealth edit never loses the version a claim was first read in. ``replaced_at`` is
    when this text stopped being the article's.
    """

    MUTABLE_FIELDS = frozenset()

    # PROTECT: an article with earlier versions keeps them (the admin deletes no article).
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    text = models.TextField()
    content_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=500, blank=True)
    replaced_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-replaced_at", "-id"]
        indexes = [
            models.Index(fields=["article", "replaced_at"], name="articlerevision_article_time")
        ]

    def __str__(self) -> str:
        return f"Article {self.article_id}, text until {self.replaced_at:%Y-%m-%d %H:%M}"
