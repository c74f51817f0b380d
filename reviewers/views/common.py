"""What every desk view shares: who may enter, and how a refused action is told."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.ingestion import IngestionError
from claims.workflow import WorkflowError


def refuse(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "reviewers/forbidden.html", {"reason": reason}, status=403)


def desk_view(predicate: Callable[[Any], bool], reason: str) -> Callable:
    """Sign-in required (else the sign-in page); then ``predicate(user)`` or a 403 page."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not predicate(request.user):
                return refuse(request, reason)
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorate


class ActionFailed(Exception):
    """Raised by ``as_message`` so the caller can skip its success path."""


@contextmanager
def as_message(request: HttpRequest) -> Iterator[None]:
    """Turn a domain refusal into an error message for the next page."""
    try:
        yield
    except (WorkflowError, IngestionError) as exc:
        messages.error(request, exc.message)
        raise ActionFailed from exc


def attempt(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Run one workflow action for a POST view: on success queue ``success``, on a domain
    refusal its own message (see ``as_message``). Returns whether it succeeded."""
    try:
        with as_message(request):
            action()
    except ActionFailed:
        return False
    messages.success(request, success)
    return True


def form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
