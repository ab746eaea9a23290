"""The aiohttp application factory.

``create_app`` wires routes and middleware around a built container; the container's
resources live exactly as long as the application (``cleanup_ctx``), so tests can build
an app, use it, and leave nothing open.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from entrypoints.api import chat_page, health, openapi
from entrypoints.api.chat import admin as chat_admin
from entrypoints.api.chat import sessions as chat_sessions
from entrypoints.api.chat.schemas import ProblemBody
from entrypoints.api.chat.services import CHAT
from entrypoints.api.errors import problem_middleware
from entrypoints.api.keys import CONTAINER
from entrypoints.api.middleware import request_context_middleware
from entrypoints.api.rate_limit import rate_limit_middleware
from entrypoints.container import Container, resolved

API_VERSION = "1"


def create_app(container: Container) -> web.Application:
    """An application serving the API from ``container``'s adapters."""
    # Order matters: the request id wraps the error translation, so problem responses
    # carry the id and errors are logged with it.
    settings = container.settings()
    middlewares = [request_context_middleware, problem_middleware]
    if settings.rate_limit_enabled:
        middlewares.append(rate_limit_middleware(container.rate_limiter()))
    app = web.Application(middlewares=middlewares, client_max_size=settings.max_body_bytes)
    app[CONTAINER] = container
    app[openapi.OPENAPI_DOCUMENT] = openapi.build_document(
        [*chat_sessions.ENDPOINTS, *chat_admin.ENDPOINTS], ProblemBody, API_VERSION
    )
    app.cleanup_ctx.append(_container_resources)
    app.add_routes(health.routes)
    app.add_routes(chat_sessions.routes)
    app.add_routes(chat_admin.routes)
    app.add_routes(openapi.routes)
    app.add_routes(chat_page.routes)
    return app


async def _container_resources(app: web.Application) -> AsyncIterator[None]:
    container = app[CONTAINER]
    initialised = container.init_resources()
    if initialised is not None:
        await initialised
    app[CHAT] = await resolved(container.chat())
    yield
    shut_down = container.shutdown_resources()
    if shut_down is not None:
        await shut_down
