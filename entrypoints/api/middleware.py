"""Request id and request logging middleware.

Every request gets an id: the caller's ``X-Request-ID`` when it is a sane token (so a
proxy's id follows the request through our logs), a fresh one otherwise. It is bound to
structlog's context variables for the life of the request, so every line logged while
serving it carries ``request_id``, and it is echoed in the response header. One
``request.finished`` line per request replaces aiohttp's access log.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Awaitable, Callable

import structlog
from aiohttp import web

REQUEST_ID_HEADER = "X-Request-ID"
_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

log = structlog.get_logger(__name__)


def request_id_for(request: web.Request) -> str:
    """The caller's request id if it is safe to log and echo, else a new one."""
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if _ACCEPTABLE_ID.match(offered) else uuid.uuid4().hex


@web.middleware
async def request_context_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Bind the request id around the handler, echo it, and log the outcome once."""
    request_id = request_id_for(request)
    started = time.perf_counter()
    with structlog.contextvars.bound_contextvars(request_id=request_id):
        try:
            response = await handler(request)
        except web.HTTPException as error:
            # Redirects and the like: aiohttp still sends them, so they get the header too.
            error.headers[REQUEST_ID_HEADER] = request_id
            _log_finished(request, error.status, started)
            raise
        response.headers[REQUEST_ID_HEADER] = request_id
        _log_finished(request, response.status, started)
        return response


def _log_finished(request: web.Request, status: int, started: float) -> None:
    log.info(
        "request.finished",
        method=request.method,
        # The route pattern, never the concrete path: chat paths carry the session token.
        route=route_of(request),
        status=status,
        duration_ms=round((time.perf_counter() - started) * 1000, 2),
    )


def route_of(request: web.Request) -> str:
    """The matched route's pattern (``/v1/chat/sessions/{token}/interact``) for logs."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"
