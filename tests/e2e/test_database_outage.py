"""PostgreSQL goes away under a running ``chatbot serve`` and comes back: 503s, then recovery.

The database is a throwaway embedded server started for this module only (never the run's
shared one), stopped and started again on the same data directory, so it comes back on
the same unix socket with the same rows. The service is a ``chatbot serve`` subprocess
loaded with the Huey flows the way an operator loads them. Every HTTP call is bounded by
the client's timeout, every wait by a deadline.

Recovery needs no stale request: the server closes every client socket when it stops,
and the engine discards the pool at the first checkout that finds a closed connection
(``adapters/postgres/engine.py``), so the first request after the restart is answered.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text

from adapters.postgres.embedded import EmbeddedPostgres, start_embedded
from adapters.postgres.engine import create_engine
from entrypoints.api.errors import PROBLEM_CONTENT_TYPE
from migrations import runner
from tests import shared_fixtures
from tests.chat_api import Chat, ChatApi, Reply
from tests.e2e.huey_service import environment, load_huey, serve

HUEY = "huey-bookbot"
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=15)
RECOVERY_DEADLINE_SECONDS = 30.0
BROWSERS = 6


@dataclass(slots=True)
class ThrowawayPostgres:
    """An embedded server this module may stop and start again on the same files."""

    data_dir: Path
    server: EmbeddedPostgres

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stop()

    def start(self) -> None:
        restarted = start_embedded(self.data_dir)
        assert restarted.url == self.server.url, "the restarted server must listen where the first one did"
        self.server = restarted


@pytest.fixture(scope="module")
def database() -> Iterator[ThrowawayPostgres]:
    # PostgreSQL runs as an unprivileged user when we are root, so its directory must be
    # open to others (pytest's own temporary directories are not).
    data_dir = Path(tempfile.mkdtemp(prefix="chatbot-outage-pg-"))
    data_dir.chmod(0o755)
    throwaway = ThrowawayPostgres(data_dir, start_embedded(data_dir))
    try:
        runner.upgrade(throwaway.url)
        yield throwaway
    finally:
        throwaway.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def service(database: ThrowawayPostgres, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = environment(database.url)
    load_huey(env)
    for base, _ in serve(env, tmp_path_factory.mktemp("outage") / "serve.log"):
        yield base


@asynccontextmanager
async def browsing(service: str) -> AsyncIterator[ChatApi]:
    """One browser: its own cookie jar, so it holds one conversation's cookies."""
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1, as a browser keeps them for localhost
    async with aiohttp.ClientSession(base_url=service, cookie_jar=jar, timeout=REQUEST_TIMEOUT) as session:
        yield ChatApi(session)


@pytest.fixture
async def browser(service: str) -> AsyncIterator[ChatApi]:
    async with browsing(service) as chat_api:
        yield chat_api


@pytest.fixture
async def browsers(service: str) -> AsyncIterator[list[ChatApi]]:
    async with AsyncExitStack() as stack:
        yield [await stack.enter_async_context(browsing(service)) for _ in range(BROWSERS)]


def first_answer() -> dict[str, Any]:
    """The reference transcript's first answer (what Huey's first question accepts)."""
    return dict(shared_fixtures.reference_transcript()["steps"][1]["request"]["json"])


async def answer(browser: ChatApi, chat: Chat) -> Reply:
    given = first_answer()
    return await browser.interact(chat, given["input"], given.get("input_type"))


def assert_unavailable(reply: Reply, problem: str) -> None:
    assert reply.status == 503, reply.body
    assert reply.headers["Content-Type"].startswith(PROBLEM_CONTENT_TYPE)
    assert reply.problem == problem, reply.body
    assert "Traceback" not in str(reply.body) and "asyncpg" not in str(reply.body)


async def service_connections(database_url: str) -> int:
    """Connections to the database other than this probe's own (the service's pool)."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with asyncio.timeout(10), engine.connect() as connection:
            found = await connection.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            )
            return int(found.scalar_one())
    finally:
        await engine.dispose()


async def until_ready(browser: ChatApi) -> list[int]:
    """readyz statuses, polled until one is 200 or the recovery deadline passes."""
    statuses: list[int] = []
    async with asyncio.timeout(RECOVERY_DEADLINE_SECONDS):
        while not statuses or statuses[-1] != 200:
            if statuses:
                await asyncio.sleep(0.2)
            statuses.append((await browser.call("GET", "/v1/readyz")).status)
    return statuses


async def test_a_dead_database_answers_503_and_the_service_recovers_when_it_returns(
    browser: ChatApi, database: ThrowawayPostgres
) -> None:
    chat = await browser.begin(HUEY)
    assert (await browser.call("GET", "/v1/readyz")).status == 200

    database.stop()
    try:
        during = await answer(browser, chat)
        again = await answer(browser, chat)
        ready = await browser.call("GET", "/v1/readyz")
        alive = await browser.call("GET", "/v1/healthz")
    finally:
        database.start()

    recovered = await answer(browser, chat)
    readiness = await until_ready(browser)

    assert_unavailable(during, "storage-unavailable")
    assert_unavailable(again, "storage-unavailable")
    assert_unavailable(ready, "not-ready")
    assert alive.status == 200
    assert recovered.status == 200, recovered.body
    assert recovered.body["revision"] == 2  # the refused answers stored nothing
    assert readiness == [200]


async def test_connections_pooled_before_a_restart_fail_no_request_after_it(
    browsers: list[ChatApi], database: ThrowawayPostgres
) -> None:
    # Conversations started at once make the service hold several pooled connections.
    chats = await asyncio.gather(*(browser.begin(HUEY) for browser in browsers))
    assert await service_connections(database.url) >= 2

    database.stop()
    database.start()
    replies = [await answer(browser, chat) for browser, chat in zip(browsers, chats)]

    assert [reply.status for reply in replies] == [200] * len(browsers), [reply.body for reply in replies]
