"""The process's one ``aiohttp.ClientSession``, opened and closed by the composition root.

One session means one connection pool: keep-alive connections to a webhook target are reused
across turns. ``trust_env`` stays off so proxy variables in the environment cannot route calls
around the URL guard, and cookies are never kept between unrelated calls to the same host.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

import aiohttp

USER_AGENT = "wriveted-chatbot/0.1"


@asynccontextmanager
async def client_session(
    *, connection_limit: int = 100, per_host_limit: int = 20, user_agent: str = USER_AGENT
) -> AsyncIterator[aiohttp.ClientSession]:
    """Yield a session for outbound calls; it is closed when the block exits."""
    connector = aiohttp.TCPConnector(limit=connection_limit, limit_per_host=per_host_limit)
    session = aiohttp.ClientSession(
        connector=connector,
        headers={"User-Agent": user_agent},
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,
    )
    try:
        yield session
    finally:
        await session.close()
