"""One id per request, on the response, in every log line, and in the tasks it starts.

:class:`RequestIdMiddleware` takes the caller's ``X-Request-ID`` when it is a plain token
(a proxy or load balancer upstream usually sets one) or makes a new one, and binds it in a
context variable for the rest of the request. :class:`RequestIdFilter` (installed on the
log handlers by ``factcheck.logging``) copies it onto every log record. The Celery signal
handlers below put it in the headers of every task message published while it is bound,
and bind it again in the worker while that task runs, so a task's log lines carry the id
of the request that started it (and of the task that started it, down the chain).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar, Token
from typing import TYPE_CHECKING

from django.core.signals import request_finished

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# The Celery message header that carries the id (a custom header: Celery hands it back as
# ``task.request.request_id`` in the worker).
TASK_HEADER = "request_id"
MAX_LENGTH = 128
# Letters, digits and . _ : = + / - only (enough for UUIDs, base64 and trace ids such as
# "Root=1-5759e988-bd862e3fe1be46a994272793"): the id is echoed in a response header and
# written to logs, so nothing that could split a header or a log line gets through.
_VALID = re.compile(rf"[A-Za-z0-9._:=+/\-]{{1,{MAX_LENGTH}}}")

_current: ContextVar[str | None] = ContextVar("request_id", default=None)

access_logger = logging.getLogger("factcheck.access")


def get_request_id() -> str | None:
    """The id bound to the current request or task, if any."""
    return _current.get()


def bind_request_id(value: str | None) -> Token:
    """Bind ``value`` until :func:`reset_request_id` is called with the returned token."""
    return _current.set(value)


def reset_request_id(token: Token) -> None:
    _current.reset(token)


def new_request_id() -> str:
    return uuid.uuid4().hex


def clean_request_id(value: str | None) -> str | None:
    """``value`` if it is an acceptable id, else None (the caller then makes a new one)."""
    if value and _VALID.fullmatch(value):
        return value
    return None


class RequestIdMiddleware:
    """Outermost middleware: bind the id, answer with it, log one access line per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = clean_request_id(request.META.get("HTTP_X_REQUEST_ID")) or new_request_id()
        request.request_id = request_id
        # Left bound when this returns: Django logs an error response ("Not Found: ...")
        # after the middleware chain, and a streamed body is sent later still. The
        # request_finished signal (the server closed the response) unbinds it.
        bind_request_id(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[HEADER] = request_id
        # The path only: a query string may carry what does not belong in a log.
        access_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


def _unbind_after_response(**_kwargs) -> None:
    _current.set(None)


request_finished.connect(_unbind_after_response, dispatch_uid="factcheck.request_id.unbind")


class RequestIdFilter(logging.Filter):
    """Put ``request_id`` (or ``-``) on every record; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = get_request_id() or "-"
        return True


# --- Celery: carry the id in task messages --------------------------------------------
# Tokens of the ids bound for running tasks, by task id, so postrun restores what was there.
_task_tokens: dict[str, Token] = {}


def add_to_task_headers(headers: dict | None = None, **_kwargs) -> None:
    """``before_task_publish``: stamp the bound id on the outgoing message."""
    request_id = get_request_id()
    if request_id and headers is not None:
        headers.setdefault(TASK_HEADER, request_id)


def bind_for_task(task_id: str | None = None, task=None, **_kwargs) -> None:
    """``task_prerun``: bind the id the message carried (in process: the caller's id)."""
    request = getattr(task, "request", None)
    # A worker puts the message's custom headers on the request itself; Task.apply (and
    # the eager path) keep them in request.headers.
    carried = getattr(request, TASK_HEADER, None) or (getattr(request, "headers", None) or {}).get(
        TASK_HEADER
    )
    request_id = clean_request_id(carried)
    if request_id is None and getattr(request, "is_eager", False):
        request_id = get_request_id()
    if task_id is not None:
        _task_tokens[task_id] = bind_request_id(request_id)


def unbind_for_task(task_id: str | None = None, **_kwargs) -> None:
    """``task_postrun``: restore what was bound before the task ran."""
    token = _task_tokens.pop(task_id, None) if task_id is not None else None
    if token is not None:
        try:
            reset_request_id(token)
        except ValueError:
            # Bound in another context (a pool that ran prerun elsewhere): just clear it.
            bind_request_id(None)
