"""API tokens: the credentials programs use (issued and revoked by ``claims.api.tokens``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A credential for a program: stored as a hash, shown once, scoped, expiring, revocable.

    The secret itself is never stored: ``key_hash`` is the sha256 of the whole token, so a
    leaked database yields no usable token. ``prefix`` is the token's public first part, for
    recognising a token in lists and logs. Issue and revoke through ``claims.api.tokens``.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read published verdicts"
        INGEST = "ingest", "Submit articles"
        REVIEW = "review", "Take workflow actions"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(default=list, help_text="Any of: read, ingest, review.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})" if self.user_id else f"{self.prefix}…"

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
