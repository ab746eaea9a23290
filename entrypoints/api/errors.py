"""The single table from error type to HTTP status, and the middleware that applies it.

Every error response is RFC 9457 ``application/problem+json``::

    {"type": "not-found", "title": "Not Found", "status": 404,
     "detail": "...", "errors": [{"field": "...", "message": "..."}]}

``type`` is a relative URI reference naming the problem; clients branch on it (or on
the status), never on ``detail``. The status is chosen by walking the raised error's
class hierarchy to the nearest entry in ``PROBLEMS``, so a new subclass of a domain
error gets its parent's status with no change here.

A flow that cannot run (``FlowRuntimeError``: a broken expression, a missing node) is
422 ``flow-runtime-error``: the request was well formed but the flow it addresses was
authored wrong; a 5xx would blame the server and invite retries that cannot succeed.
Unexpected exceptions become a bare 500 whose body reveals nothing; the traceback is
logged with the request id.

Conversation conflicts are 409: ``stale-revision`` carries ``current_revision``, and
``session-ended`` (input to a finished conversation) is 409 rather than 410 because the
session still exists and can be read; only its state refuses the request. A refused
publish is 422 ``flow-invalid`` with the whole validation ``report``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import structlog
from aiohttp import web

from domain.errors import (
    Conflict,
    DomainError,
    FieldError,
    FlowInvalid,
    Forbidden,
    FlowRuntimeError,
    NotFound,
    SessionEnded,
    StaleRevision,
    StorageUnavailable,
    Unauthenticated,
    ValidationFailed,
)
from entrypoints.api.json_responses import json_response
from entrypoints.api.middleware import route_of

PROBLEM_CONTENT_TYPE = "application/problem+json"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Problem:
    """How one kind of error looks on the wire."""

    type: str
    title: str
    status: int


class MalformedBody(Exception):
    """The request body is not the JSON the endpoint reads (raised by ``read_json``)."""


class BodyTooLarge(Exception):
    """The request body is over the size the application accepts (``MAX_BODY_BYTES``)."""


PROBLEMS: dict[type[BaseException], Problem] = {
    NotFound: Problem("not-found", "Not Found", 404),
    StaleRevision: Problem("stale-revision", "Stale Revision", 409),
    SessionEnded: Problem("session-ended", "Session Ended", 409),
    Conflict: Problem("conflict", "Conflict", 409),
    FlowInvalid: Problem("flow-invalid", "Flow Invalid", 422),
    ValidationFailed: Problem("validation-failed", "Validation Failed", 422),
    Forbidden: Problem("forbidden", "Forbidden", 403),
    Unauthenticated: Problem("unauthenticated", "Unauthenticated", 401),
    FlowRuntimeError: Problem("flow-runtime-error", "Flow Runtime Error", 422),
    StorageUnavailable: Problem("storage-unavailable", "Service Unavailable", 503),
    DomainError: Problem("bad-request", "Bad Request", 400),
    MalformedBody: Problem("malformed-body", "Malformed Body", 400),
    BodyTooLarge: Problem("body-too-large", "Content Too Large", 413),
}

INTERNAL_ERROR = Problem("internal-error", "Internal Server Error", 500)


def problem_for(error: BaseException) -> Problem | None:
    """The entry for ``error``'s nearest listed ancestor, or None when it is not ours."""
    for cls in type(error).__mro__:
        if cls in PROBLEMS:
            return PROBLEMS[cls]
    return None


def problem_response(
    problem: Problem,
    detail: str,
    errors: list[FieldError] | None = None,
    **extra: Any,
) -> web.Response:
    """A problem+json response; ``extra`` adds members such as ``current_revision``."""
    body: dict[str, Any] = {
        "type": problem.type,
        "title": problem.title,
        "status": problem.status,
        "detail": detail,
        "errors": [{"field": e.field, "message": e.message} for e in errors or []],
        **extra,
    }
    return json_response(body, status=problem.status, content_type=PROBLEM_CONTENT_TYPE)


def response_for(error: BaseException) -> web.Response | None:
    """The problem response for a known error, or None for anything unexpected."""
    problem = problem_for(error)
    if problem is None:
        return None
    if isinstance(error, StaleRevision):
        return problem_response(
            problem, error.message, error.errors, current_revision=error.current_revision
        )
    if isinstance(error, FlowInvalid):
        return problem_response(problem, error.message, error.errors, report=error.report)
    if isinstance(error, Unauthenticated):
        response = problem_response(problem, error.message, error.errors)
        response.headers["WWW-Authenticate"] = 'Bearer realm="wriveted-chatbot"'
        return response
    if isinstance(error, DomainError):
        return problem_response(problem, error.message, error.errors)
    return problem_response(problem, str(error), [FieldError("body", str(error))])


async def read_json(request: web.Request) -> Any:
    """The request body as JSON; a body that is not JSON is a 400 naming the field ``body``."""
    try:
        return await request.json(loads=json.loads)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise MalformedBody(f"the body is not valid JSON ({error})") from error


@web.middleware
async def problem_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Translate raised errors into problem+json; nothing else escapes as HTML or a traceback."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        problem = Problem(_slug(error.reason), error.reason, error.status)
        response = problem_response(problem, _http_detail(request, error))
        for name in ("Allow", "WWW-Authenticate", "Retry-After"):
            if name in error.headers:
                response.headers[name] = error.headers[name]
        return response
    except Exception as error:  # the edge: every error becomes a response here
        response = response_for(error)
        if response is not None:
            return response
        log.exception("request.unhandled_error", route=route_of(request), method=request.method)
        return problem_response(INTERNAL_ERROR, "An unexpected error occurred.")


def _http_detail(request: web.Request, error: web.HTTPException) -> str:
    # aiohttp's default text is "404: Not Found"; say what was asked for instead.
    if not error.text or error.text == f"{error.status}: {error.reason}":
        return f"{request.method} {request.path}: {error.reason}"
    return error.text


def _slug(reason: str) -> str:
    return reason.lower().replace(" ", "-")
