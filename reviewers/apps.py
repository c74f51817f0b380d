from django.apps import AppConfig


class ReviewersConfig(AppConfig):
    name = "reviewers"
    verbose_name = "Reviewers"

    def ready(self) -> None:
        # The reviewers app's receivers of the workflow's signals. They run after the
        # claims app's (INSTALLED_APPS order), in the order connected here: the whole
        # list is in the claims.workflow docstring, and tests/claims/test_workflow_receivers.py
        # holds the code to it.
        from django.db.models.signals import post_save

        from claims.models import ClaimEvent
        from claims.workflow import claim_created, claim_transitioned, verdict_deciding
        from reviewers import notifications, review_holds, sync

        claim_transitioned.connect(sync.on_claim_transitioned, dispatch_uid="reviewers-sync")
        claim_transitioned.connect(
            notifications.on_claim_transitioned, dispatch_uid="reviewers-notify"
        )
        claim_created.connect(sync.on_claim_created, dispatch_uid="reviewers-auto-route")
        verdict_deciding.connect(
            review_holds.on_verdict_deciding, dispatch_uid="reviewers-review-hold"
        )
        post_save.connect(
            sync.on_claim_event_saved, sender=ClaimEvent, dispatch_uid="reviewers-lease-renewal"
        )
