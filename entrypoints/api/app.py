"""The aiohttp application factory.

``create_app`` wires routes and middleware around a built container; the container's
resources live exactly as long as the application (``cleanup_ctx``), so tests can build
an app, use it, and leave nothing open.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from entrypoints.api import health
from entrypoints.api.errors import problem_middleware
from entrypoints.api.keys import CONTAINER
from entrypoints.api.middleware import request_context_middleware
from entrypoints.container import Container


def create_app(container: Container) -> web.Application:
    """An application serving the API from ``container``'s adapters."""
    # Order matters: the request id wraps the error translation, so problem responses
    # carry the id and errors are logged with it.
    app = web.Application(middlewares=[request_context_middleware, problem_middleware])
    app[CONTAINER] = container
    app.cleanup_ctx.append(_container_resources)
    app.add_routes(health.routes)
    return app


async def _container_resources(app: web.Application) -> AsyncIterator[None]:
    container = app[CONTAINER]
    initialised = container.init_resources()
    if initialised is not None:
        await initialised
    yield
    shut_down = container.shutdown_resources()
    if shut_down is not None:
        await shut_down
