"""Fixtures for the PostgreSQL adapter tests: a clean database, units of work, sample data."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.engine import create_engine
from adapters.postgres.unit_of_work import PostgresUnitOfWork, PostgresUnitOfWorkFactory
from tests.integration.postgres.samples import Samples

pytestmark = pytest.mark.integration


@pytest.fixture
async def engine(clean_database: str) -> AsyncIterator[AsyncEngine]:
    """An engine on the emptied run database (room for concurrent writers)."""
    engine = create_engine(clean_database, pool_size=4)
    yield engine
    await engine.dispose()


@pytest.fixture
def uow(engine: AsyncEngine) -> Callable[[], PostgresUnitOfWork]:
    return PostgresUnitOfWorkFactory(engine)


@pytest.fixture
def samples(engine: AsyncEngine, uow: Callable[[], PostgresUnitOfWork]) -> Samples:
    return Samples(engine, uow)
