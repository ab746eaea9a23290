"""Liveness and readiness probes.

``/v1/healthz`` answers while the process can serve at all (it touches nothing), so an
orchestrator restarts only a wedged process. ``/v1/readyz`` answers 200 only while the
database answers ``SELECT 1``, so a load balancer stops sending traffic, without
restarting anything, while PostgreSQL is away.
"""

from __future__ import annotations

import structlog
from aiohttp import web

from adapters.postgres.engine import ping
from entrypoints.api.errors import Problem, problem_response
from entrypoints.api.json_responses import json_response
from entrypoints.api.keys import CONTAINER

NOT_READY = Problem("not-ready", "Service Unavailable", 503)

log = structlog.get_logger(__name__)
routes = web.RouteTableDef()


@routes.get("/v1/healthz")
async def healthz(request: web.Request) -> web.Response:
    return json_response({"status": "ok"})


@routes.get("/v1/readyz")
async def readyz(request: web.Request) -> web.Response:
    engine = await request.app[CONTAINER].engine()
    if await ping(engine):
        return json_response({"status": "ready", "checks": {"database": "ok"}})
    log.warning("readiness.database_unavailable")
    return problem_response(NOT_READY, "The database is not answering.")
