"""Reads of the public record, one module per concept. ``from claims import selectors``
gives the querysets (``selectors.public_claims``); ``from claims.selectors import rows``
the row projections.

- ``record``: what is public and how it is queried: the visibility predicates, the
  querysets the API, the public pages and ClaimReview read, and readers of a loaded claim
  (``effective_claim``, ``public_verdict``). Its docstring states what each viewer sees.
- ``rows``: the same querysets projected to plain rows, just the columns the public shapes
  (``claims.shapes``) render: the consumer API's lists and details, the export, the
  webhooks' payloads and ClaimReview pages.
"""

from claims.selectors.record import (
    DATED,
    ORDERINGS,
    PENDING,
    PENDING_STATUSES,
    PUBLIC,
    PUBLIC_REVISION_STATES,
    PUBLISHED,
    REMOVED,
    SYNC_ORDER,
    cited_sources,
    effective_claim,
    is_public,
    on_site,
    open_corroboration_suggestions,
    public_article,
    public_claim,
    public_claims,
    public_revisions,
    public_verdict,
    published_claim,
    published_claims,
    rating_scale,
    ratings,
    record_version,
    review_status,
    text_search,
)

__all__ = [
    "DATED",
    "ORDERINGS",
    "PENDING",
    "PENDING_STATUSES",
    "PUBLIC",
    "PUBLIC_REVISION_STATES",
    "PUBLISHED",
    "REMOVED",
    "SYNC_ORDER",
    "cited_sources",
    "effective_claim",
    "is_public",
    "on_site",
    "open_corroboration_suggestions",
    "public_article",
    "public_claim",
    "public_claims",
    "public_revisions",
    "public_verdict",
    "published_claim",
    "published_claims",
    "rating_scale",
    "ratings",
    "record_version",
    "review_status",
    "text_search",
]
