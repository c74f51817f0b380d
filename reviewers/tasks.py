import logging
import smtplib

from celery import shared_task

from reviewers.notifications import DeskMail, send_messages, send_sla_digest
from reviewers.services import expire_leases, route_waiting_candidates

logger = logging.getLogger(__name__)

# Waits of up to 5, 10, 20 ... 600 s (full jitter): 8 retries span up to 20 minutes (10 on
# average) of a mail server that is down or restarting. Factor 1 would give up within 4.
MAIL_RETRY_BACKOFF = 5
MAIL_MAX_RETRIES = 8


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


@shared_task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=MAIL_RETRY_BACKOFF,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=MAIL_MAX_RETRIES,
    soft_time_limit=60,
    time_limit=90,
    acks_late=True,
)
def send_desk_mail(self, messages: list[DeskMail]) -> int:
    """Send desk e-mails over one connection (queued on commit by a workflow step).

    A mail server that is down or hangs up is retried with backoff; when the retries run
    out the mail is logged as lost, not raised: the step it reports on has committed.
    Returns how many were sent.
    """
    try:
        return send_messages(messages)
    except (smtplib.SMTPException, OSError):
        if self.request.is_eager or self.request.retries >= self.max_retries:
            # In process (no broker) Celery would retry at once, in a loop, inside the
            # request that committed: send once and log, as before the task existed.
            attempts = self.request.retries + 1
            subjects = "; ".join(m["subject"] for m in messages)
            logger.exception(
                "Gave up sending %d desk e-mail(s) after %d attempt(s): %s",
                len(messages),
                attempts,
                subjects,
            )
            return 0
        raise  # autoretry_for schedules the next attempt, with backoff
