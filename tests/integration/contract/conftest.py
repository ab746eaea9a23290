"""Each contract test runs once on the memory adapters and once on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.postgres.engine import create_engine
from tests.integration.contract.backends import Backend, MemoryBackend, PostgresBackend


@pytest.fixture(params=["memory", "postgres"])
def backend_kind(request: pytest.FixtureRequest) -> tuple[str, str | None]:
    # Asked for here, synchronously: clean_database runs its own event loop.
    url = request.getfixturevalue("clean_database") if request.param == "postgres" else None
    return request.param, url


@pytest.fixture
async def backend(backend_kind: tuple[str, str | None]) -> AsyncIterator[Backend]:
    kind, url = backend_kind
    if kind == "memory" or url is None:
        yield MemoryBackend()
        return
    engine = create_engine(url, pool_size=2)
    yield PostgresBackend(engine)
    await engine.dispose()
