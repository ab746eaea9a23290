"""A change to a conversation session raises a NOTIFY on ``flow_events`` with the seed's payload."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.tables import conversation_sessions, flow_definitions, flow_versions

UPDATE_FIELDS = {
    "event_type", "session_id", "flow_id", "user_id", "current_node", "previous_node", "status",
    "previous_status", "revision", "previous_revision", "timestamp",
}


@pytest.fixture
async def events(async_engine: AsyncEngine) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
    """Every ``flow_events`` notification, decoded, as it arrives."""
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    async with async_engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection

        def received(_connection: Any, _pid: int, _channel: str, payload: str) -> None:
            queue.put_nowait(json.loads(payload))

        await driver.add_listener("flow_events", received)
        yield queue
        await driver.remove_listener("flow_events", received)


async def _start_session(engine: AsyncEngine) -> uuid.UUID:
    async with engine.begin() as connection:
        flow_id = (
            await connection.execute(
                insert(flow_definitions)
                .values(name="Notify test", entry_node_id="welcome")
                .returning(flow_definitions.c.id)
            )
        ).scalar_one()
        version_id = (
            await connection.execute(
                insert(flow_versions)
                .values(flow_id=flow_id, version_number=1, snapshot={"entry_node_id": "welcome"})
                .returning(flow_versions.c.id)
            )
        ).scalar_one()
        return (
            await connection.execute(
                insert(conversation_sessions)
                .values(flow_id=flow_id, flow_version_id=version_id, session_token=uuid.uuid4().hex)
                .returning(conversation_sessions.c.id)
            )
        ).scalar_one()


async def _change_session(engine: AsyncEngine, session_id: uuid.UUID, **values: Any) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            update(conversation_sessions).where(conversation_sessions.c.id == session_id).values(**values)
        )


async def _next(queue: asyncio.Queue[dict[str, Any]]) -> dict[str, Any]:
    return await asyncio.wait_for(queue.get(), timeout=5)


async def test_starting_a_session_announces_it(
    clean_database: str, async_engine: AsyncEngine, events: asyncio.Queue[dict[str, Any]]
) -> None:
    session_id = await _start_session(async_engine)

    event = await _next(events)
    assert event["event_type"] == "session_started"
    assert event["session_id"] == str(session_id)


async def test_a_session_leaving_a_null_node_announces_the_change_with_every_seed_field(
    clean_database: str, async_engine: AsyncEngine, events: asyncio.Queue[dict[str, Any]]
) -> None:
    session_id = await _start_session(async_engine)
    await _next(events)

    await _change_session(async_engine, session_id, current_node_id="welcome", revision=2)

    event = await _next(events)
    assert set(event) == UPDATE_FIELDS
    assert event["event_type"] == "node_changed"
    assert event["session_id"] == str(session_id)
    assert (event["previous_node"], event["current_node"]) == (None, "welcome")
    assert (event["previous_revision"], event["revision"]) == (1, 2)
    assert event["status"] == event["previous_status"] == "active"
    assert isinstance(event["timestamp"], (int, float))


async def test_a_status_change_is_announced_as_such(
    clean_database: str, async_engine: AsyncEngine, events: asyncio.Queue[dict[str, Any]]
) -> None:
    session_id = await _start_session(async_engine)
    await _next(events)

    await _change_session(async_engine, session_id, status="completed")

    event = await _next(events)
    assert event["event_type"] == "session_status_changed"
    assert (event["previous_status"], event["status"]) == ("active", "completed")


async def test_an_update_that_changes_nothing_significant_is_silent(
    clean_database: str, async_engine: AsyncEngine, events: asyncio.Queue[dict[str, Any]]
) -> None:
    session_id = await _start_session(async_engine)
    await _next(events)

    await _change_session(async_engine, session_id, info={"note": "no state change"})

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(events.get(), timeout=0.3)
