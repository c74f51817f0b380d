from celery import shared_task

from reviewers.services import expire_leases


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def expire_leases_task() -> int:
    """Beat: return claims whose reviewer's lease ran out to their queue."""
    return expire_leases()
