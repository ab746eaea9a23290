"""Every migration downgrades cleanly: head → base leaves nothing, base → head again works."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from adapters.postgres.engine import create_engine
from migrations import runner
from tests.fixtures.postgres import create_database, drop_database


@pytest.fixture
def empty_database(postgres_server_url: str) -> Iterator[str]:
    url = create_database(postgres_server_url, prefix="chatbot_test_migrations")
    yield url
    drop_database(postgres_server_url, url)


async def _schema_objects(url: str) -> set[str]:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version' "
                    "UNION ALL SELECT 'type ' || t.typname FROM pg_type t "
                    "JOIN pg_namespace n ON n.oid = t.typnamespace "
                    "WHERE n.nspname = 'public' AND t.typtype = 'e' "
                    "UNION ALL SELECT 'function ' || p.proname FROM pg_proc p "
                    "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"
                )
            )
            return set(rows.scalars().all())
    finally:
        await engine.dispose()


def test_downgrade_to_base_removes_everything_and_upgrade_restores_it(empty_database: str) -> None:
    runner.upgrade(empty_database)
    at_head = asyncio.run(_schema_objects(empty_database))

    runner.downgrade(empty_database, "base")
    at_base = asyncio.run(_schema_objects(empty_database))
    runner.upgrade(empty_database)

    assert at_base == set()
    assert asyncio.run(_schema_objects(empty_database)) == at_head
    assert "table conversation_sessions" in at_head


def test_each_migration_steps_down_and_up_one_at_a_time(empty_database: str) -> None:
    runner.upgrade(empty_database)
    for _ in range(4):
        runner.downgrade(empty_database, "-1")
    assert asyncio.run(_schema_objects(empty_database)) == set()
    for _ in range(4):
        runner.upgrade(empty_database, "+1")
    assert "table event_outbox" in asyncio.run(_schema_objects(empty_database))
