"""A real HTTP service on 127.0.0.1 for the outbound adapters to call, and what it received."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp import test_utils, web

from adapters.http import client_session


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class Service:
    """The running service: its address, every request it saw, and knobs for its behaviour."""

    base_url: str = ""
    received: list[Received] = field(default_factory=list)
    failures_before_success: int = 0
    release_slow: asyncio.Event = field(default_factory=asyncio.Event)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for request in self.received if request.path == path)


def _routes(service: Service) -> web.Application:
    async def record(request: web.Request) -> None:
        raw = await request.read()
        body: Any = json.loads(raw) if raw and request.content_type == "application/json" else raw.decode() or None
        service.received.append(
            Received(
                request.method,
                request.path,
                {key: request.query.getall(key) for key in request.query},
                dict(request.headers),
                body,
            )
        )

    async def books(request: web.Request) -> web.Response:
        await record(request)
        return web.json_response({"books": 3, "titles": ["Wonder", "Holes"]})

    async def echo(request: web.Request) -> web.Response:
        # Echoes what arrived, as careless services do, to prove secrets are scrubbed.
        await record(request)
        return web.json_response({"headers": dict(request.headers), "path_qs": request.path_qs})

    async def text(request: web.Request) -> web.Response:
        await record(request)
        return web.Response(text="plain words", content_type="text/plain")

    async def slow(request: web.Request) -> web.Response:
        await record(request)
        try:
            await asyncio.wait_for(service.release_slow.wait(), 5)
        except TimeoutError:
            pass
        return web.json_response({"late": True})

    async def flaky(request: web.Request) -> web.Response:
        await record(request)
        if service.failures_before_success > 0:
            service.failures_before_success -= 1
            return web.json_response({"error": "busy"}, status=503)
        return web.json_response({"recovered": True})

    async def bad(request: web.Request) -> web.Response:
        await record(request)
        return web.json_response({"error": "bad input"}, status=400)

    async def down(request: web.Request) -> web.Response:
        await record(request)
        return web.Response(status=500, text="internal error")

    async def moved(request: web.Request) -> web.Response:
        await record(request)
        raise web.HTTPFound("/books")

    app = web.Application()
    app.router.add_route("*", "/books", books)
    app.router.add_route("*", "/echo", echo)
    app.router.add_route("*", "/api/v1/echo", echo)
    app.router.add_route("*", "/api/v1/down", down)
    app.router.add_get("/text", text)
    app.router.add_get("/slow", slow)
    app.router.add_get("/flaky", flaky)
    app.router.add_get("/bad", bad)
    app.router.add_get("/down", down)
    app.router.add_get("/moved", moved)
    return app


@pytest.fixture
async def service() -> AsyncIterator[Service]:
    state = Service()
    server = test_utils.TestServer(_routes(state), host="127.0.0.1")
    await server.start_server()
    state.base_url = str(server.make_url("")).rstrip("/")
    try:
        yield state
    finally:
        state.release_slow.set()
        await server.close()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with client_session() as opened:
        yield opened


class Sleeps:
    """An instant ``asyncio.sleep`` stand-in that remembers each requested delay."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def clock() -> Clock:
    return Clock()
