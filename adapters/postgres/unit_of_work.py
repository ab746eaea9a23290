"""PostgresUnitOfWork: one pooled connection per use-case call; reads at once, writes at commit.

The connection runs in AUTOCOMMIT, so a read is one round trip with no BEGIN. Repositories
only stage their writes (each exactly one statement); ``commit`` sends them:

- one statement → sent alone. A single statement is atomic in PostgreSQL, so the hot path
  (a turn's revision-checked save) costs one round trip, without BEGIN/COMMIT.
- several → inside one READ COMMITTED transaction (BEGIN and COMMIT are two more trips).

Leaving without ``commit`` discards whatever was staged: nothing was sent. READ COMMITTED is
what the revision check relies on: a second writer blocks on the row lock, then re-evaluates
``revision = :expected`` against the winner's row, matches nothing and writes nothing.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

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
_TRANSACTIONAL = "READ COMMITTED"


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
        self._staged: list[StagedWrite] = []

    async def __aenter__(self) -> Self:
        with translated_errors():
            connection = await self._engine.connect()
        try:
            await connection.execution_options(isolation_level=_AUTOCOMMIT)
        except BaseException:
            await connection.close()
            raise
        self._connection = connection
        self._staged.clear()
        reads = Reads(connection)
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
        if connection is not None:
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
                    await self._in_transaction(connection, staged)
        except RevisionMismatch as mismatch:
            # Read after the failed write is over, so a transaction is never left aborted.
            current = await self.sessions.current_revision(mismatch.session_id)
            raise StaleRevision(mismatch.message, current or 0) from None

    async def _in_transaction(self, connection: AsyncConnection, staged: list[StagedWrite]) -> None:
        # SQLAlchemy "autobegins" even in AUTOCOMMIT (a no-op on the wire); end that before
        # changing the level, as it requires.
        await connection.commit()
        await connection.execution_options(isolation_level=_TRANSACTIONAL)
        try:
            async with connection.begin():
                for write in staged:
                    await write.apply(connection)
        finally:
            await connection.execution_options(isolation_level=_AUTOCOMMIT)

    def _require_connection(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("the unit of work is used outside its 'async with' block")
        return self._connection


class PostgresUnitOfWorkFactory:
    """What the container hands to use cases: a fresh unit of work per call."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    def __call__(self) -> PostgresUnitOfWork:
        return PostgresUnitOfWork(self._engine)
