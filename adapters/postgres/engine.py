"""The SQLAlchemy async engine (asyncpg), its lifetime, and the database probes.

``engine_resource`` is what the container holds: one engine (one pool) per process,
disposed when the process stops. ``check_connection`` runs before serving so an
unreachable database is one clear sentence, not a traceback; ``ping`` is the readiness
probe.

When PostgreSQL stops or restarts it closes every client socket, and asyncpg notices at
once (``is_closed()``), while the connection still sits in the pool. A checkout that
finds such a connection discards the whole pool and connects afresh
(``discard_closed_connections``), as SQLAlchemy does itself when a statement it sent fails
with a disconnect. Without that, each pooled connection would fail one request after the
database came back, most of them on the hot path that SQLAlchemy never sees. A connection
whose socket died silently (a network partition, no FIN) still looks open: that request
fails once as 503 ``StorageUnavailable`` and the unit of work discards the connection.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adapters.postgres.json_values import from_json, to_json

CONNECT_TIMEOUT_SECONDS = 5.0
POOL_RECYCLE_SECONDS = 1800


class DatabaseUnavailable(Exception):
    """The database could not be reached; the message says where and why, in one line."""


def create_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    """An engine for ``url`` (``postgresql+asyncpg://``). Connects lazily, on first use."""
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        # No pre-ping: it would cost a round trip (three, wrapped in BEGIN/ROLLBACK) on every
        # checkout, more than the two a turn needs. Connections are recycled instead, and one
        # the server closed is caught at checkout for free (discard_closed_connections).
        pool_recycle=POOL_RECYCLE_SECONDS,
        connect_args={"timeout": CONNECT_TIMEOUT_SECONDS},
        json_serializer=to_json,
        json_deserializer=from_json,
    )
    event.listen(engine.sync_engine, "checkout", discard_closed_connections)
    return engine


def discard_closed_connections(dbapi_connection: Any, record: ConnectionPoolEntry, proxy: Any) -> None:
    """Pool ``checkout`` hook: a connection the server already closed invalidates the pool.

    A local flag, no round trip. The pool then reconnects this checkout (a connect that
    fails raises its own error, 503 at the edge) and replaces every connection older than
    now when it is next checked out.
    """
    if dbapi_connection.driver_connection.is_closed():
        raise InvalidatePoolError("the pooled connection was closed by the server")


async def engine_resource(url: str, pool_size: int = 10) -> AsyncIterator[AsyncEngine]:
    """The engine as a container resource: created at start-up, disposed at shutdown."""
    engine = create_engine(url, pool_size=pool_size)
    try:
        yield engine
    finally:
        await engine.dispose()


async def ping(engine: AsyncEngine, timeout: float = 2.0) -> bool:
    """True when the database answers ``SELECT 1`` within ``timeout`` seconds."""
    try:
        async with asyncio.timeout(timeout):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception:  # any failure at all means "not ready"; the caller reports it
        return False
    return True


async def check_connection(url: str) -> None:
    """Connect once to ``url``; raise ``DatabaseUnavailable`` with a readable reason if we cannot."""
    engine = create_engine(url, pool_size=1)
    try:
        async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS + 1):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception as error:  # translated into one sentence; the cause is kept for debugging
        raise DatabaseUnavailable(describe_failure(url, error)) from error
    finally:
        await engine.dispose()


def describe_failure(url: str, error: BaseException) -> str:
    """``could not connect to HOST:PORT (reason)`` from whatever the driver raised."""
    return f"could not connect to {_where(url)} ({_reason(error)})"


def _where(url: str) -> str:
    parsed = make_url(url)
    socket_dir = parsed.query.get("host")
    if not parsed.host and socket_dir:
        return f"socket {socket_dir}"
    return f"{parsed.host}:{parsed.port or 5432}/{parsed.database}"


def _reason(error: BaseException) -> str:
    cause = _root_cause(error)
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if isinstance(cause, socket.gaierror):
        return "unknown host"
    if isinstance(cause, (TimeoutError, asyncio.TimeoutError)):
        return "timed out"
    message = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    return message


def _root_cause(error: BaseException) -> BaseException:
    """The driver's own exception beneath SQLAlchemy's wrappers and chained causes."""
    seen: set[int] = set()
    current = error
    while id(current) not in seen:
        seen.add(id(current))
        nested = getattr(current, "orig", None) or current.__cause__
        if nested is None or not isinstance(nested, BaseException):
            break
        current = nested
    return current
