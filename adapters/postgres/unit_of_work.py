"""PostgresUnitOfWork: one pooled connection per use-case call; reads at once, writes at commit.

The connection runs in AUTOCOMMIT, so a read is one round trip with no BEGIN. Repositories
only stage their writes (each exactly one statement); ``commit`` sends them:

- one statement → sent alone. A single statement is atomic in PostgreSQL, so the hot path
  (a turn's revision-checked save) costs one round trip, without BEGIN/COMMIT.
- several → inside one READ COMMITTED transaction (BEGIN and COMMIT are two more trips).
  The transaction is opened on the asyncpg connection itself, not through SQLAlchemy: that
  sends BEGIN only before its first statement, which would leave a first write sent straight
  on the asyncpg connection (the hot-path save) outside it. SQLAlchemy's statements stay in
  AUTOCOMMIT, so it sends no BEGIN of its own, and they land in the same transaction.

Leaving without ``commit`` discards whatever was staged: nothing was sent. READ COMMITTED is
what the revision check relies on: a second writer blocks on the row lock, then re-evaluates
``revision = :expected`` against the winner's row, matches nothing and writes nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

import asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.postgres.content import PostgresContentRepository
from adapters.postgres.errors import translated_errors
from adapters.postgres.flows import PostgresFlowRepository
from adapters.postgres.history import PostgresHistoryRepository
from adapters.postgres.schools import PostgresSchoolRepository
from adapters.postgres.sessions import PostgresSessionRepository
from adapters.postgres.staging import Reads, RevisionMismatch, StagedWrite
from adapters.postgres.themes import PostgresThemeRepository
from domain.errors import StaleRevision

_AUTOCOMMIT = "AUTOCOMMIT"
_TRANSACTIONAL = "read_committed"


class PostgresUnitOfWork:
    sessions: PostgresSessionRepository
    history: PostgresHistoryRepository
    flows: PostgresFlowRepository
    content: PostgresContentRepository
    schools: PostgresSchoolRepository
    themes: PostgresThemeRepository

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._driver: asyncpg.Connection | None = None
        self._staged: list[StagedWrite] = []

    async def __aenter__(self) -> Self:
        with translated_errors():
            connection = await self._engine.connect()
        try:
            await connection.execution_options(isolation_level=_AUTOCOMMIT)
            driver = (await connection.get_raw_connection()).driver_connection
        except BaseException:
            await connection.close()
            raise
        self._connection, self._driver = connection, driver
        self._staged.clear()
        reads = Reads(connection, driver)
        stage = self._staged.append
        self.sessions = PostgresSessionRepository(reads, stage)
        self.history = PostgresHistoryRepository(reads)
        self.flows = PostgresFlowRepository(reads, stage)
        self.content = PostgresContentRepository(reads)
        self.schools = PostgresSchoolRepository(reads)
        self.themes = PostgresThemeRepository(reads)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._staged.clear()
        connection, self._connection = self._connection, None
        driver, self._driver = self._driver, None
        if connection is None:
            return
        if driver is not None and (driver.is_closed() or driver.is_in_transaction()):
            # SQLAlchemy never saw what was sent on the driver connection: when that lost the
            # connection, or (a rollback that failed) left a transaction open, the pool must
            # discard it rather than hand it to the next request.
            await connection.invalidate()
        # Back to the pool; the pool restores the default isolation level.
        await connection.close()

    @property
    def staged_count(self) -> int:
        """How many statements ``commit`` would send (for tests and diagnostics)."""
        return len(self._staged)

    async def commit(self) -> None:
        connection = self._require_connection()
        staged = list(self._staged)
        self._staged.clear()
        if not staged:
            return
        try:
            with translated_errors():
                if len(staged) == 1:
                    await staged[0].apply(connection)
                else:
                    await self._in_transaction(self._require_driver(), connection, staged)
        except RevisionMismatch as mismatch:
            # Read after the failed write is over, so a transaction is never left aborted.
            current = await self.sessions.current_revision(mismatch.session_id)
            raise StaleRevision(mismatch.message, current or 0) from None

    async def _in_transaction(
        self, driver: asyncpg.Connection, connection: AsyncConnection, staged: list[StagedWrite]
    ) -> None:
        # BEGIN is sent here, before any write; leaving on an error sends ROLLBACK.
        async with driver.transaction(isolation=_TRANSACTIONAL):
            for write in staged:
                await write.apply(connection)

    def _require_connection(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("the unit of work is used outside its 'async with' block")
        return self._connection

    def _require_driver(self) -> asyncpg.Connection:
        if self._driver is None:
            raise RuntimeError("the unit of work is used outside its 'async with' block")
        return self._driver


class PostgresUnitOfWorkFactory:
    """What the container hands to use cases: a fresh unit of work per call."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    def __call__(self) -> PostgresUnitOfWork:
        return PostgresUnitOfWork(self._engine)
