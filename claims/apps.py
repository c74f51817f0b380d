from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        # Before any URLconf is loaded: the API routes take their ids as <id:pk>.
        from claims.api.ids import register_converters

        register_converters()

        # Connects the webhook receivers to the workflow's signals and registers the
        # delivery tasks with Celery; importing checks registers check --deploy's refusal
        # of a laptop's address and publisher name.
        from claims import checks, webhooks  # noqa: F401

        webhooks.connect()

        # Claim matching: match_text follows text; every new claim is matched (before the
        # reviewers app routes it: this app is listed first); the SQLite index's triggers
        # are put back after a migration that rebuilt the claims table.
        from django.db.models.signals import post_migrate, pre_save

        from claims.matching import services as matching
        from claims.models import Claim
        from claims.workflow import claim_created, claim_transitioned

        pre_save.connect(matching.fill_match_text, sender=Claim, dispatch_uid="claims-match-text")
        claim_created.connect(matching.on_claim_created, dispatch_uid="claims-matching")
        # The ledger of anonymous reports: after matching, whose links it reads.
        from claims.claimants import ledger

        claim_created.connect(ledger.on_claim_created, dispatch_uid="claims-ledger")
        # A verdict rating false may contradict the reports its claim speaks for.
        claim_transitioned.connect(
            ledger.on_claim_transitioned, dispatch_uid="claims-ledger-verdicts"
        )
        post_migrate.connect(_ensure_match_index, sender=self, dispatch_uid="claims-match-index")


def _ensure_match_index(*, using: str = "default", plan=None, **_) -> None:
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    from claims.matching.retrieval import ensure_index

    connection = connections[using]
    applied = MigrationExecutor(connection).loader.applied_migrations
    if ("claims", "0006_match_index") in applied:  # not after migrating back below it
        ensure_index(connection)
