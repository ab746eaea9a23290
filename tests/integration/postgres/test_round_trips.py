"""One interact turn costs at most three database round trips (the target is two).

A turn is ``load_for_turn`` (the session and any stored reply, one SELECT) and the
revision-checked ``save`` at commit (one statement: no BEGIN/COMMIT around it). Both are sent
on the asyncpg connection itself, so statements are counted there as well as through
SQLAlchemy's hook.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from asyncpg.connection import LoggedQuery
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adapters.postgres.engine import create_engine
from adapters.postgres.unit_of_work import PostgresUnitOfWorkFactory
from application.ports.persistence import StoredReply
from tests.integration.postgres.samples import a_turn, entries
from tests.integration.postgres.wire import CountingRelay


async def one_turn(uow, token: str, key: str) -> None:
    async with uow() as work:
        session, stored = await work.sessions.load_for_turn(token, key)
        assert stored is None
        work.sessions.save(a_turn(session, 9), session.revision, entries("a", "b", "c"), StoredReply(key, {"ok": 1}))
        await work.commit()


async def test_a_turn_sends_two_statements(samples, clean_database):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    engine = create_engine(clean_database, pool_size=1)  # one connection: the one watched
    uow = PostgresUnitOfWorkFactory(engine)
    statements: list[str] = []

    def through_sqlalchemy(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    def on_the_driver(query: LoggedQuery) -> None:
        statements.append(query.query)

    try:
        await one_turn(uow, session.token, "warm-up")  # connects, prepares, learns the types
        async with engine.connect() as connection:
            driver = (await connection.get_raw_connection()).driver_connection
        driver.add_query_logger(on_the_driver)
        event.listen(engine.sync_engine, "before_cursor_execute", through_sqlalchemy)
        await one_turn(uow, session.token, "key-1")
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", through_sqlalchemy)
        await engine.dispose()

    assert len(statements) == 2
    assert statements[0].lstrip().startswith("SELECT") and "WITH updated AS" in statements[1]


@pytest.fixture
async def relay(clean_database: str) -> AsyncIterator[tuple[CountingRelay, str]]:
    url = make_url(clean_database)
    if not url.host:
        pytest.skip("the wire count needs a TCP server (this run uses a unix socket)")
    relay = CountingRelay(url.host, url.port or 5432)
    port = await relay.start()
    # No TLS, so the relay can read the protocol.
    relayed = url.set(host="127.0.0.1", port=port).update_query_dict({"ssl": "disable"})
    yield relay, relayed.render_as_string(hide_password=False)
    await relay.stop()


ENGINE_SHAPES = {
    # adapters/postgres/engine.py: nothing but the turn's own two statements.
    "engine-as-configured": (lambda url: create_engine(url, pool_size=1), 2),
    # Why it does not pre-ping: even on an AUTOCOMMIT connection the ping is one more trip.
    "autocommit-engine-with-pre-ping": (
        lambda url: create_async_engine(url, pool_size=1, pool_pre_ping=True, isolation_level="AUTOCOMMIT"), 3
    ),
}


@pytest.mark.parametrize("shape", list(ENGINE_SHAPES))
async def test_on_the_wire_a_warm_turn_is_two_round_trips_without_begin_or_commit(
    samples, relay, shape: str
) -> None:
    log, url = relay[0].log, relay[1]
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    make_engine, most = ENGINE_SHAPES[shape]
    engine: AsyncEngine = make_engine(url)
    uow = PostgresUnitOfWorkFactory(engine)
    try:
        await one_turn(uow, session.token, "warm-up")  # connects and prepares the statements
        log.clear()
        await one_turn(uow, session.token, "measured")
    finally:
        await engine.dispose()

    transaction_control = [q for q in log.simple_queries if q.split()[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK")]
    assert (log.round_trips, transaction_control) == (most, [])
