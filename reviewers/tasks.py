from celery import shared_task

from reviewers.notifications import send_sla_digest
from reviewers.services import expire_leases, route_waiting_candidates


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def expire_leases_task() -> int:
    """Beat: return claims whose reviewer's lease ran out to their queue."""
    return expire_leases()


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def route_waiting_candidates_task() -> int:
    """Beat: route candidates that meet the auto-queue threshold (e.g. after it changed)."""
    return route_waiting_candidates()


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def sla_digest_task() -> int:
    """Beat, daily: e-mail editors the overdue claims per queue (once per day)."""
    return send_sla_digest()
