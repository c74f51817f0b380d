"""What every desk view shares: who may enter, and how a refused form is shown again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.ingestion import IngestionError
from claims.workflow import ActionNotPermitted, IllegalTransition, WorkflowError
from reviewers.forms import DeskForm

T = TypeVar("T")


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


class Refusal(Exception):
    """Raised by ``run`` when a form's input is wrong or its action refused: the form
    holds why, and the view renders its page again with it."""


def run(form: DeskForm, action: Callable[[dict[str, Any]], T]) -> T:
    """Validate ``form``, then ``action(form.cleaned_data)``; return what the action returns.

    Invalid input, or a domain refusal (``WorkflowError``, ``IngestionError``) which is
    added to the form beside the input it names, raises ``Refusal``.
    """
    if not form.is_valid():
        raise Refusal
    try:
        return action(form.cleaned_data)
    except (WorkflowError, IngestionError) as exc:
        form.add_refusal(exc)
        raise Refusal from exc


# A refused form's page is answered as the API answers the same refusal
# (claims.api.exceptions): illegal now 409, not yours to do 403, wrong input 400.
_REFUSAL_STATUS = {
    IllegalTransition.code: 409,
    ActionNotPermitted.code: 403,
}


@dataclass(frozen=True)
class Refused:
    """A refused form to show again on its page: which of the page's forms it is (``name``),
    and for a form repeated per row (a source's Remove button), that row (``target``)."""

    form: DeskForm
    name: str
    target: Any = None

    @property
    def status(self) -> int:
        return _REFUSAL_STATUS.get(self.form.refusal_code, 400)
