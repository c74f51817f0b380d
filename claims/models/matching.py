"""Stored results of claim matching: links between claims, and claims' embeddings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from claims.models.record import Claim

# Stored results of ``claims.matching``: which known claim a claim repeats, how sure the
# matcher was, and what a reviewer decided. Written only by ``claims.matching.services``.


class ClaimLink(models.Model):
    """``claim`` (the newer one) states the same thing as ``matched`` (a canonical claim).

    ``suggested`` links are shown to the reviewer; ``confirmed`` ones made (or found) the
    claim a duplicate of ``matched``; ``rejected`` ones are kept so the pair is not
    suggested again. ``decided_by`` is empty when the system auto-linked the pair.
    """

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    class Method(models.TextChoices):
        LEXICAL = "lexical", "Lexical (claims.matching.match_score)"
        BLENDED = "blended", "Lexical + embedding similarity (MATCH_SEMANTIC)"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="match_links")
    matched = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matched_by_links")
    score = models.FloatField()
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.LEXICAL)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    reasons = models.JSONField(default=list, blank=True, help_text="Why it was held back.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "matched"], name="claimlink_unique_pair"),
            models.CheckConstraint(
                condition=~Q(claim=models.F("matched")), name="claimlink_not_self"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=1), name="claimlink_score_0_1"
            ),
        ]
        indexes = [models.Index(fields=["matched", "state"], name="claimlink_matched_state")]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.matched_id} ({self.score:.2f}, {self.state})"


class ClaimEmbedding(models.Model):
    """The sentence embedding of a claim's ``statement``, for matching's re-ranker.

    ``vector`` is 384 float16 values (768 bytes, little-endian) of unit length; ``model``
    names the embedding model that made it (``claims.embeddings.model_id()``), so a new
    model's vectors are never compared with an old one's: a row of another model is
    ignored and replaced. ``text_hash`` is the SHA-1 of the statement it was computed from
    (a re-extracted claim text makes it stale). Written by ``claims.matching.vectors``.
    """

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=16)
    text_hash = models.CharField(max_length=40)
    vector = models.BinaryField()
    # The number of the nearest ``EmbeddingCell`` of this model (``claims.matching.cells``):
    # retrieval reads the vectors of a few cells instead of every vector. Empty until the
    # model's cells are built (``manage.py build_embedding_cells``).
    cell = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        # On PostgreSQL the index carries the ids and vectors (INCLUDE): a cell's vectors are
        # read from consecutive index pages (an index-only scan), not from a heap page per
        # vector (at 1M claims, 2,000 vectors: 4.5 ms against 17 ms). About 1 KB a claim.
        indexes = [
            models.Index(
                fields=["model", "cell"], include=["claim", "vector"], name="claimembedding_cell"
            )
        ]

    def __str__(self) -> str:
        return f"embedding of claim {self.claim_id} ({self.model})"


class EmbeddingCell(models.Model):
    """One cell of the claims' embedding space: its ``centroid`` (384 float16, unit length)
    and ``number``, per embedding ``model``. Every stored vector of that model belongs to
    the cell whose centroid is nearest (``ClaimEmbedding.cell``), so the claims nearest a
    text are looked for in the few cells nearest it: an approximate-nearest-neighbour
    index that lives in the database, on any vendor, with no extension. Written by
    ``claims.matching.cells.build`` (``manage.py build_embedding_cells``)."""

    model = models.CharField(max_length=16)
    number = models.PositiveSmallIntegerField()
    centroid = models.BinaryField()
    size = models.PositiveIntegerField(default=0, help_text="Vectors in the cell when built.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "number"], name="embeddingcell_unique")
        ]

    def __str__(self) -> str:
        return f"cell {self.number} of {self.model}"
