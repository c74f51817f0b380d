"""One error shape for every API error: RFC 9457 problem details.

``{"type", "title", "status", "detail", "code"}`` plus, for 400 validation errors,
``"errors": [{"field", "detail", "code"}]``, sent as ``application/problem+json``.
``type`` is ``about:blank`` for plain HTTP errors (then ``title`` is the status phrase, as
the RFC asks) and ``urn:factcheck:problem:<code>`` for the app's own problem kinds
(validation, workflow refusals), whose ``code`` is stable for programs to branch on.

Workflow errors from ``claims.workflow`` map here and nowhere else: IllegalTransition 409,
ActionNotPermitted 403, InvalidInput 400, AlreadyThere (a source attached twice) 409.
Input that is well formed but cannot be acted on is a 422 ``unprocessable_input`` with
the same field ``errors`` as a 400, when every field error is of that kind: a reference to
a row that does not exist (code ``does_not_exist``: an unknown review queue, assignee,
rating or canonical claim, ``UnknownReference`` from the services) or a date range that
holds no moment (``empty_range``). The schema cannot state those, and the form of the
request is right: a 400 would call it malformed, a 404 would say the address in the
request line is unknown. So do ingestion errors (``claims.ingestion``):
a bad or refused URL is a 400 on the ``url`` field, content over the size limit a 413, and
any other refusal of the content (binary, empty, no article text, ...) a 422 whose ``code``
is the error's own (``binary``, ``empty``, ``parse_error``, ...). Webhook subscription errors
(``claims.webhooks.WebhookError``) are 400s on their field; a consumer token that already
holds ``WEBHOOK_MAX_PER_TOKEN`` subscriptions gets a 409 ``webhook_limit_reached``. A
database that cannot be reached (down, restarting, a connection cut:
``OperationalError``/``InterfaceError``) is a 503 with ``Retry-After``; the workflow step it
interrupted was one transaction, so nothing of it was written, and the client may simply
send it again.

Errors that no API view answers (an address no route matches, a bad Host, an exception a
view did not handle: a 500) get the same shape from the site's error handlers under /api/
(``factcheck.views``, :func:`problem_response`).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from claims.api.export_slots import TooManyExports
from claims.ingestion import IngestionError
from claims.ingestion.fetch import RefusedURL
from claims.ingestion.fetch import TooLarge as FetchTooLarge
from claims.ingestion.text import ContentTooLarge
from claims.ingestion.urls import InvalidURL
from claims.webhooks import WebhookError
from claims.webhooks.consumer import WebhookLimitReached
from claims.workflow import (
    ActionNotPermitted,
    AlreadyThere,
    IllegalTransition,
    InvalidInput,
    UnknownReference,
    WorkflowError,
)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:factcheck:problem:"
# The errors that mean "the database is unreachable right now", not a bug in a query.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# What a client is told to wait (seconds) before sending the request again.
DATABASE_RETRY_AFTER_SECONDS = 5

logger = logging.getLogger(__name__)


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is larger than this endpoint accepts."
    default_code = "payload_too_large"


class UnprocessableContent(exceptions.APIException):
    """Well-formed input whose content cannot be used (an app problem kind: see ``code``)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The content cannot be processed."
    default_code = "unprocessable"
    app_problem = True


class UnprocessableInput(exceptions.ValidationError):
    """Field errors about what valid input means, not its form (see the module's doc)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable_input"


# Field error codes of well-formed input that cannot be acted on. DRF gives the first to a
# primary key that matches no row; ours give it to a slug too.
DOES_NOT_EXIST = "does_not_exist"
EMPTY_RANGE = "empty_range"
_UNPROCESSABLE = frozenset({DOES_NOT_EXIST, EMPTY_RANGE})


class DatabaseUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable for a moment; try again shortly."
    default_code = "service_unavailable"
    wait = DATABASE_RETRY_AFTER_SECONDS  # DRF's handler sends it as Retry-After


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


# Looked up in order, so a subclass comes before its base.
_WORKFLOW_STATUS: dict[type[WorkflowError], int] = {
    AlreadyThere: status.HTTP_409_CONFLICT,
    IllegalTransition: status.HTTP_409_CONFLICT,
    ActionNotPermitted: status.HTTP_403_FORBIDDEN,
    InvalidInput: status.HTTP_400_BAD_REQUEST,
}

# Codes that name a problem kind of this app, rather than a bare HTTP status.
_APP_CODES = frozenset(
    {
        "invalid",
        "validation_error",
        UnprocessableInput.default_code,
        *(c.code for c in _WORKFLOW_STATUS),
    }
)


def _translate(exc: Exception) -> Exception:
    """Turn domain and Django errors into the DRF exceptions that carry their status."""
    if isinstance(exc, UnknownReference):
        field = exc.field or "non_field_errors"
        return UnprocessableInput({field: [exceptions.ErrorDetail(exc.message, DOES_NOT_EXIST)]})
    if isinstance(exc, exceptions.ValidationError) and not isinstance(exc, UnprocessableInput):
        codes = {error["code"] for error in _field_errors(exc.detail)}
        return UnprocessableInput(exc.detail) if codes and codes <= _UNPROCESSABLE else exc
    if isinstance(exc, WorkflowError):
        for cls, code in _WORKFLOW_STATUS.items():
            if isinstance(exc, cls):
                translated = exceptions.APIException(exc.message, code=exc.code)
                translated.status_code = code
                return translated
        return Conflict(exc.message, code=exc.code)
    if isinstance(exc, IngestionError):
        if isinstance(exc, InvalidURL | RefusedURL):
            return exceptions.ValidationError(
                {"url": [exceptions.ErrorDetail(exc.message, code=exc.code)]}
            )
        if isinstance(exc, ContentTooLarge | FetchTooLarge):
            return PayloadTooLarge(exc.message, code="payload_too_large")
        return UnprocessableContent(exc.message, code=exc.code)
    if isinstance(exc, WebhookError):
        return exceptions.ValidationError(
            {exc.field: [exceptions.ErrorDetail(exc.message, code="invalid")]}
        )
    if isinstance(exc, WebhookLimitReached):
        limit = Conflict(exc.message, code=exc.code)
        limit.app_problem = True
        return limit
    if isinstance(exc, DATABASE_UNAVAILABLE):
        logger.warning("Database unavailable, answered 503: %s", exc)
        return DatabaseUnavailable()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _field_errors(detail: Any, path: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error detail into ``[{"field", "detail", "code"}]``.

    ``field`` is the dotted path of the input ("items.2.url"); errors about the whole input
    have ``field`` "non_field_errors".
    """
    if isinstance(detail, dict):
        out: list[dict[str, str]] = []
        for key, value in detail.items():
            out += _field_errors(value, f"{path}.{key}" if path else str(key))
        return out
    if isinstance(detail, list):
        if all(isinstance(item, exceptions.ErrorDetail) for item in detail):
            return [_one(path, item) for item in detail]
        out = []
        for index, value in enumerate(detail):
            out += _field_errors(value, f"{path}.{index}" if path else str(index))
        return out
    return [_one(path, detail)]


def _one(path: str, item: Any) -> dict[str, str]:
    return {
        "field": path or "non_field_errors",
        "detail": str(item),
        "code": getattr(item, "code", "invalid") or "invalid",
    }


def problem(
    *,
    status_code: int,
    detail: str,
    code: str,
    errors: list[dict[str, str]] | None = None,
    app_kind: bool | None = None,
) -> dict[str, Any]:
    if app_kind is None:
        app_kind = code in _APP_CODES
    body: dict[str, Any] = {
        "type": f"{PROBLEM_TYPE_PREFIX}{code}" if app_kind else "about:blank",
        "title": _title(status_code, code, app_kind),
        "status": status_code,
        "detail": detail,
        "code": code,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def _title(status_code: int, code: str, app_kind: bool) -> str:
    if app_kind:
        return {
            "illegal_transition": "Illegal workflow transition",
            "not_permitted": "Action not permitted",
            "invalid_input": "Invalid input",
            AlreadyThere.code: "Already exists",
            UnprocessableInput.default_code: "Unprocessable input",
            WebhookLimitReached.code: "Webhook subscription limit reached",
            TooManyExports.default_code: "Too many exports at once",
        }.get(code, "Invalid request" if status_code == 400 else _phrase(status_code))
    return _phrase(status_code)


def _phrase(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Error"


def problem_response(*, status_code: int, detail: str, code: str) -> HttpResponse:
    """A problem document as a plain Django response, for errors no DRF view answered."""
    body = problem(status_code=status_code, detail=detail, code=code)
    return JsonResponse(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: DRF's handler (which sets WWW-Authenticate and
    Retry-After), with its body rewritten as a problem. Unexpected errors stay 500s."""
    exc = _translate(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    status_code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        if len(errors) == 1:
            detail = f"{errors[0]['field']}: {errors[0]['detail']}"
        else:
            detail = "The request has invalid fields; see errors."
        code = exc.default_code if isinstance(exc, UnprocessableInput) else "validation_error"
        body = problem(status_code=status_code, detail=detail, code=code, errors=errors)
    elif isinstance(exc, exceptions.APIException):
        code = exc.get_codes()
        code = code if isinstance(code, str) else exc.default_code
        # A 400 always lists its errors, so clients read one shape for every bad request.
        errors = [_one("", exc.detail)] if status_code == 400 else None
        body = problem(
            status_code=status_code,
            detail=str(exc.detail),
            code=code,
            errors=errors,
            app_kind=True if getattr(exc, "app_problem", False) else None,
        )
        if isinstance(exc, exceptions.Throttled | DatabaseUnavailable) and exc.wait is not None:
            body["retry_after"] = int(response.headers.get("Retry-After", 0))
    else:  # pragma: no cover - DRF only answers for APIException, Http404, PermissionDenied
        return response
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response
