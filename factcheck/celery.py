"""The Celery app. Without a broker URL the tasks run eagerly in-process (see settings)."""

import logging
import logging.config
import os

from celery import Celery
from celery.signals import (
    before_task_publish,
    setup_logging,
    task_postrun,
    task_prerun,
    worker_ready,
)

from factcheck import request_id

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)

# The request id travels in each task message's headers (factcheck.request_id).
before_task_publish.connect(request_id.add_to_task_headers, weak=False)
task_prerun.connect(request_id.bind_for_task, weak=False)
task_postrun.connect(request_id.unbind_for_task, weak=False)


@setup_logging.connect(weak=False)
def _use_django_logging(loglevel=None, **_kwargs) -> None:
    # A receiver here stops Celery from installing its own handlers: worker and beat log
    # through settings.LOGGING (JSON in production), like the web process.
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)


@app.task(name="factcheck.worker_heartbeat", ignore_result=True, soft_time_limit=10, time_limit=20)
def worker_heartbeat() -> None:
    """Beat, every WORKER_HEARTBEAT_SECONDS: a worker ran a task (read by /readyz)."""
    from factcheck.health import record_heartbeat

    record_heartbeat()
    logger.info("Worker heartbeat recorded")


@worker_ready.connect(weak=False)
def _heartbeat_on_start(**_kwargs) -> None:
    # Ready at once after a (re)start, without waiting for beat's next round.
    from factcheck.health import record_heartbeat

    try:
        record_heartbeat()
    except Exception as exc:  # the cache may be down; beat's heartbeat will follow
        logger.warning("Could not record the start-up heartbeat: %r", exc)
