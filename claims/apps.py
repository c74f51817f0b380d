from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        # Connects the webhook receivers to the workflow's signals and registers the
        # delivery tasks with Celery.
        from claims import webhooks

        webhooks.connect()
