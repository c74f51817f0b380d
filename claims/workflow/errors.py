"""Why a workflow step cannot happen: the API maps each class to an HTTP status, the UI to a
message.
"""

from __future__ import annotations


class WorkflowError(Exception):
    """A workflow step that cannot happen. ``code`` is stable; the message is for people.

    ``field`` names the service's keyword argument the refusal is about (``"sources"``,
    ``"note"``), when it is about one: a form shows the message beside that input.
    """

    code = "workflow_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class IllegalTransition(WorkflowError):
    code = "illegal_transition"


class ActionNotPermitted(WorkflowError):
    code = "not_permitted"


class InvalidInput(WorkflowError):
    code = "invalid_input"


class UnknownReference(InvalidInput):
    """The input names a row that does not exist (a review queue, the claim to merge into):
    the request is well formed, what it points at is missing. The API answers 422."""

    code = "unknown_reference"


class AlreadyThere(InvalidInput):
    """What the input would add exists already (a source attached twice): the claim's
    current state, not the input's form, refuses it. The API answers 409."""

    code = "already_exists"
