from django.apps import AppConfig


class ReviewersConfig(AppConfig):
    name = "reviewers"
    verbose_name = "Reviewers"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from claims.models import ClaimEvent
        from claims.workflow import claim_created, claim_transitioned, verdict_deciding
        from reviewers import notifications
        from reviewers.assignments import on_claim_event_saved
        from reviewers.review_holds import on_verdict_deciding
        from reviewers.services import on_claim_created, on_claim_transitioned

        claim_transitioned.connect(on_claim_transitioned, dispatch_uid="reviewers-sync")
        claim_transitioned.connect(
            notifications.on_claim_transitioned, dispatch_uid="reviewers-notify"
        )
        claim_created.connect(on_claim_created, dispatch_uid="reviewers-auto-route")
        verdict_deciding.connect(on_verdict_deciding, dispatch_uid="reviewers-review-hold")
        post_save.connect(
            on_claim_event_saved, sender=ClaimEvent, dispatch_uid="reviewers-lease-renewal"
        )
