from django.apps import AppConfig


class ReviewersConfig(AppConfig):
    name = "reviewers"
    verbose_name = "Reviewers"

    def ready(self) -> None:
        from claims.workflow import claim_created, claim_transitioned
        from reviewers.services import on_claim_created, on_claim_transitioned

        claim_transitioned.connect(on_claim_transitioned, dispatch_uid="reviewers-sync")
        claim_created.connect(on_claim_created, dispatch_uid="reviewers-auto-route")
