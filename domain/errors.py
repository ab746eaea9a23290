"""The one error hierarchy of the product.

Every layer raises these; only the edge (``entrypoints/api/errors.py``) turns them into
HTTP status codes, so no status is ever chosen by matching message text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one input field, named by its dotted path."""

    field: str
    message: str


class DomainError(Exception):
    """Base of every error the product raises on purpose."""

    def __init__(self, message: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors: list[FieldError] = list(errors or [])


class NotFound(DomainError):
    """The thing asked for does not exist (or the caller may not know it exists)."""


class SessionNotFound(NotFound):
    """No conversation session has that token or id."""


class FlowNotFound(NotFound):
    """No flow, or no published version of it, answers to that id or seed key."""


class Conflict(DomainError):
    """The request cannot apply to the current state of the thing."""


class StaleRevision(Conflict):
    """The session moved on since the caller read it (optimistic concurrency)."""

    def __init__(self, message: str, current_revision: int) -> None:
        super().__init__(message)
        self.current_revision = current_revision


class SessionEnded(Conflict):
    """The session is completed or abandoned; it takes no more input."""


class ValidationFailed(DomainError):
    """Input broke a rule; ``errors`` names every field at fault."""


class AnswerRejected(ValidationFailed):
    """The user's answer did not satisfy the waiting question (the flow asks again)."""


class Forbidden(DomainError):
    """The caller is known but may not do this."""


class Unauthenticated(DomainError):
    """The caller did not prove who they are."""


class FlowRuntimeError(DomainError):
    """A published flow could not run (a broken expression, a runaway loop, a missing node)."""


class ExpressionError(FlowRuntimeError):
    """A CEL expression failed to compile or evaluate."""

    def __init__(self, expression: str, reason: str) -> None:
        super().__init__(f"expression {expression!r} failed: {reason}")
        self.expression = expression
        self.reason = reason


class FlowInvalid(ValidationFailed):
    """Publishing was refused: the validation report holds ERROR findings."""

    def __init__(self, message: str, errors: list[FieldError], report: dict[str, object]) -> None:
        super().__init__(message, errors)
        self.report = report


class StorageUnavailable(DomainError):
    """The store behind the product could not be reached; retrying later may succeed."""
