"""Log output: one JSON object per line in production, readable text for a developer.

``settings.LOGGING`` is built by :func:`logging_config` (``LOG_FORMAT=json|text``, json by
default when DEBUG is off). Both formats carry the request id
(``factcheck.request_id``), and, inside a Celery task, the task's name and id. The web
process and the Celery worker and beat use the same configuration (``factcheck.celery``
hands logging set-up to it instead of letting Celery install its own).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

FORMATS = ("json", "text")

# Attributes every LogRecord has; anything else on a record came in through ``extra=``.
_STANDARD = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "request_id", "task_id", "task_name", "taskName"}
)


class TaskFilter(logging.Filter):
    """Inside a Celery task, put its id and name on the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        from celery._state import get_current_task

        task = get_current_task()
        request = getattr(task, "request", None)
        if request is not None and getattr(request, "id", None):
            record.task_id = request.id
            record.task_name = task.name
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines in messages are escaped)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id and request_id != "-":
            entry["request_id"] = request_id
        if getattr(record, "task_id", None):
            entry["task_id"] = record.task_id
            entry["task"] = record.task_name
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = _plain(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _plain(value: Any) -> Any:
    # django.request passes the request object itself: keep what identifies the request,
    # not its repr (which includes the query string).
    if hasattr(value, "META") and hasattr(value, "path") and hasattr(value, "method"):
        return {"method": value.method, "path": value.path}
    return value


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def logging_config(*, fmt: str, level: str = "INFO", access_log: bool = True) -> dict:
    """The ``LOGGING`` dict: everything to stderr through one handler in ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(f"log format {fmt!r} is not one of {', '.join(FORMATS)}")
    formatter = (
        {"()": "factcheck.logging.JsonFormatter"} if fmt == "json" else {"format": TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "factcheck.request_id.RequestIdFilter"},
            "task": {"()": "factcheck.logging.TaskFilter"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id", "task"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # One line per request with its id, status and duration (gunicorn's own access
            # log is not JSON and is left off in docker-compose.yml).
            "factcheck.access": {"level": "INFO" if access_log else "WARNING"},
            # runserver's own request lines say the same thing again.
            "django.server": {"level": "WARNING" if access_log else "INFO"},
        },
    }
