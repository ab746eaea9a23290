"""A published flow version never changes: the database refuses the UPDATE."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.tables import flow_definitions, flow_versions


async def test_a_published_snapshot_cannot_be_rewritten(
    clean_database: str, async_engine: AsyncEngine
) -> None:
    async with async_engine.begin() as connection:
        flow_id = (
            await connection.execute(
                insert(flow_definitions)
                .values(name="Frozen", entry_node_id="start")
                .returning(flow_definitions.c.id)
            )
        ).scalar_one()
        await connection.execute(
            insert(flow_versions).values(flow_id=flow_id, version_number=1, snapshot={"v": 1})
        )

    with pytest.raises(DBAPIError, match="is published and cannot change"):
        async with async_engine.begin() as connection:
            await connection.execute(update(flow_versions).values(snapshot={"v": 2}))
