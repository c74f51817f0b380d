"""The claims app's rows, one module per concept; import them from here.

- ``articles``: ``Article`` and ``ArticleRevision`` (the texts an article replaced).
- ``record``: the record itself: ``Rating`` and ``Claim`` (and the triggers its columns need).
- ``reviews``: what a review gathers and decides: ``SourceLink``, ``Verdict``, ``Citation``
  (and the receiver that keeps a verdict's citations fixed).
- ``history``: ``ClaimEvent``, the claim's append-only history.
- ``tokens``: ``ApiToken``.
- ``webhooks``: ``WebhookSubscription``, ``WebhookDelivery`` and the events they carry.
- ``matching``: ``ClaimLink``, ``ClaimEmbedding`` and ``EmbeddingCell``.
- ``claimants``: ``Claimant`` and its aliases, roles and suggestions, and the desk's
  changes to it (``ClaimantChange``).
- ``ledger``: ``AnonymousReport`` (an anonymously sourced claim's corroboration state) and
  ``CorroborationSuggestion``.

Every status change goes through ``claims.workflow``; nothing here moves a claim from one
state to another.
"""

# In the order the single models.py defined them: the app registry lists the models in
# import order, and dumpdata and flush follow it.
# isort: off
from claims.models.articles import Article, ArticleRevision
from claims.models.record import VERDICT_DATE_MIGRATION, Claim, Rating, statement_of
from claims.models.reviews import Citation, SourceLink, Verdict
from claims.models.history import ClaimEvent
from claims.models.tokens import ApiToken

# The two validators are named by migration 0004_webhooks as ``claims.models.<name>``.
from claims.models.webhooks import (
    CONSUMER_WEBHOOK_EVENTS,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
    _validate_webhook_events,
    _validate_webhook_url,
)
from claims.models.matching import ClaimEmbedding, ClaimLink, EmbeddingCell
from claims.models.claimants import (
    WIKIDATA_QID,
    Claimant,
    ClaimantAlias,
    ClaimantChange,
    ClaimantRole,
    ClaimantSuggestion,
    same_as,
)
from claims.models.ledger import AnonymousReport, CorroborationSuggestion
# isort: on

__all__ = [
    "CONSUMER_WEBHOOK_EVENTS",
    "VERDICT_DATE_MIGRATION",
    "WIKIDATA_QID",
    "AnonymousReport",
    "ApiToken",
    "Article",
    "ArticleRevision",
    "Citation",
    "Claim",
    "ClaimEmbedding",
    "ClaimEvent",
    "ClaimLink",
    "Claimant",
    "ClaimantAlias",
    "ClaimantChange",
    "ClaimantRole",
    "ClaimantSuggestion",
    "CorroborationSuggestion",
    "EmbeddingCell",
    "Rating",
    "SourceLink",
    "Verdict",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookSubscription",
    "_validate_webhook_events",
    "_validate_webhook_url",
    "same_as",
    "statement_of",
]
