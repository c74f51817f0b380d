from django.apps import AppConfig


class ReviewersConfig(AppConfig):
    name = "reviewers"
    verbose_name = "Reviewers"

    def ready(self) -> None:
        from claims.workflow import claim_transitioned
        from reviewers.services import on_claim_transitioned

        claim_transitioned.connect(on_claim_transitioned, dispatch_uid="reviewers-sync")
