"""What repositories stage on the unit of work, and how they read through it.

Each staged write is exactly one SQL statement, so the unit of work can count them: one is
sent alone (a single statement is atomic in PostgreSQL), several go in one transaction.
Reads run at once on the unit of work's connection, with driver errors translated.

The chat hot path skips SQLAlchemy: its statements are plain SQL text with ``$n`` parameters,
sent on the asyncpg connection beneath the unit of work's SQLAlchemy connection. asyncpg
prepares each text once per connection and keeps it in its statement cache, so a warm
statement is one round trip and none of SQLAlchemy's per-statement compilation, parameter
processing and result wrapping (about 85 µs of CPU a statement). Being the same connection,
such a statement also joins any transaction the unit of work has open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol
from uuid import UUID

import asyncpg
from sqlalchemy import Executable, Result, Row
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.postgres.errors import translated_errors


class StagedWrite(Protocol):
    async def apply(self, connection: AsyncConnection) -> None:
        """Send this write's one statement on ``connection``."""
        ...


Stage = Callable[[StagedWrite], None]


@dataclass(frozen=True, slots=True)
class Statement:
    """A staged write that only has to run."""

    sql: Executable
    params: Mapping[str, Any] = field(default_factory=dict)

    async def apply(self, connection: AsyncConnection) -> None:
        await connection.execute(self.sql, dict(self.params))


class RevisionMismatch(Exception):
    """A staged session write matched no row: the session moved on (or is gone).

    Raised inside the commit; the unit of work answers it with ``StaleRevision`` carrying the
    current revision, read once the failed statement or transaction is over.
    """

    def __init__(self, session_id: UUID, message: str) -> None:
        super().__init__(message)
        self.session_id = session_id
        self.message = message


class Reads:
    """Statements that run at once on the unit of work's connection (autocommit, no BEGIN): reads,
    and housekeeping deletes whose count is their caller's progress."""

    def __init__(self, connection: AsyncConnection, driver: asyncpg.Connection) -> None:
        self._connection = connection
        self._driver = driver

    @property
    def driver(self) -> asyncpg.Connection:
        """The asyncpg connection beneath the SQLAlchemy one, for hot-path statements."""
        return self._driver

    async def record(self, sql: str, *args: Any) -> asyncpg.Record | None:
        """The first row of ``sql`` (``$n`` parameters), prepared and cached on the driver connection."""
        with translated_errors():
            return await self._driver.fetchrow(sql, *args)

    async def count_changed(self, sql: str, *args: Any) -> int:
        """Run a data-changing ``sql`` at once (autocommit: atomic alone); how many rows it changed."""
        with translated_errors():
            status = await self._driver.execute(sql, *args)
        return int(status.rsplit(" ", 1)[-1])

    async def execute(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Result[Any]:
        with translated_errors():
            return await self._connection.execute(statement, dict(params or {}))

    async def rows(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Sequence[Row[Any]]:
        return (await self.execute(statement, params)).all()

    async def first(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Row[Any] | None:
        return (await self.execute(statement, params)).first()

    async def scalar(self, statement: Executable, params: Mapping[str, Any] | None = None) -> Any:
        return (await self.execute(statement, params)).scalar()
