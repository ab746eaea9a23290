"""The hot-path statements sent on the asyncpg connection keep the unit of work's promises.

``load_for_turn`` and the staged ``save`` bypass SQLAlchemy. They must still join the unit of
work's transaction whatever order the writes were staged in, fail as domain errors, and not
leave a dead connection in the pool that SQLAlchemy never saw die.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.engine import create_engine
from adapters.postgres.errors import translated_errors
from adapters.postgres.unit_of_work import PostgresUnitOfWorkFactory
from application.ports.persistence import StoredReply
from domain.errors import Conflict, StaleRevision, ValidationFailed
from tests.integration.postgres.samples import a_turn, entries, new_session, small_flow, version_of


async def test_a_save_staged_before_a_failing_write_is_undone_with_it(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    orphan = new_session(version_of(small_flow()))  # its version is never published
    async with uow() as work:
        work.sessions.save(a_turn(session, 9), 1, entries("lost"), StoredReply("k", {"n": 1}))
        work.sessions.add(orphan, ())
        with pytest.raises(ValidationFailed):
            await work.commit()

    async with uow() as work:
        loaded, stored = await work.sessions.load_for_turn(session.token, "k")
        history = await work.history.list(session.id, 0, 10)
    assert (loaded.revision, stored, history.total) == (1, None, 0)


async def test_a_save_that_loses_its_race_undoes_the_writes_staged_before_it(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    flow = small_flow(seed_key=None)
    async with uow() as work:
        work.flows.add(flow)
        work.sessions.save(a_turn(session, 9), 7, entries("stale"))
        with pytest.raises(StaleRevision) as refused:
            await work.commit()
        # The failed transaction is over: the same connection reads on.
        assert await work.flows.get(flow.id) is None
    assert refused.value.current_revision == 1


async def test_a_turn_reads_back_what_the_driver_wrote(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    turned = replace(a_turn(session, {"big": 2**70, "list": [1, "two"]}), info={"channel": "web"})
    async with uow() as work:
        work.sessions.save(turned, 1, entries("one", "two"), StoredReply("key", {"messages": [{"text": "hi"}]}))
        await work.commit()

    async with uow() as work:
        by_token, stored = await work.sessions.load_for_turn(session.token, "key")
        without_key, nothing = await work.sessions.load_for_turn(session.token, None)
        by_id = await work.sessions.get(session.id)
    assert by_token == without_key == by_id == turned
    assert stored == StoredReply("key", {"messages": [{"text": "hi"}]}) and nothing is None
    assert by_token.last_activity_at.tzinfo is not None


async def test_a_driver_constraint_failure_is_a_domain_error_naming_the_field(samples, engine: AsyncEngine):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    async with engine.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        with pytest.raises(Conflict) as refused:
            with translated_errors():
                await driver.fetchrow(
                    "INSERT INTO conversation_sessions (id, flow_id, flow_version_id, session_token) "
                    "SELECT gen_random_uuid(), flow_id, flow_version_id, session_token "
                    "FROM conversation_sessions WHERE id = $1",
                    session.id,
                )
    assert refused.value.errors[0].field == "session_token"


@pytest.fixture
async def one_connection(clean_database: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(clean_database, pool_size=1)
    yield engine
    await engine.dispose()


async def test_a_connection_that_died_in_the_pool_is_replaced_before_a_turn_uses_it(samples, engine, one_connection):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    uow = PostgresUnitOfWorkFactory(one_connection)
    async with uow() as work:
        await work.sessions.load_for_turn(session.token, None)
    async with one_connection.connect() as pooled:  # the pool's one connection, the turn's
        pid = (await pooled.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        driver = (await pooled.get_raw_connection()).driver_connection
    async with engine.connect() as admin:
        await admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    async with asyncio.timeout(5):
        while not driver.is_closed():  # the server hung up while the connection sat in the pool
            await asyncio.sleep(0.01)

    async with uow() as work:
        loaded, _ = await work.sessions.load_for_turn(session.token, None)
    assert loaded == session
