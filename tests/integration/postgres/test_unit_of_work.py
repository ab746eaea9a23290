"""The unit of work: reads at once, writes only at commit, all of them or none."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.postgres.unit_of_work import PostgresUnitOfWork
from domain.errors import StaleRevision, StorageUnavailable, ValidationFailed
from tests.integration.postgres.samples import a_turn, entries, new_session, small_flow, version_of


async def test_nothing_staged_is_written_without_commit(uow, samples):
    _, version = await samples.published_flow()
    session = new_session(version)
    async with uow() as work:
        work.sessions.add(session, entries("hi"))
        assert work.staged_count == 1
    async with uow() as work:
        assert await work.sessions.get(session.id) is None


async def test_leaving_on_an_error_discards_the_staged_writes(uow):
    flow = small_flow()
    with pytest.raises(RuntimeError):
        async with uow() as work:
            work.flows.add(flow)
            raise RuntimeError("the use case failed")
    async with uow() as work:
        assert await work.flows.get(flow.id) is None


async def test_several_writes_apply_together_or_not_at_all(uow):
    flow = small_flow()
    orphan = new_session(version_of(flow))  # its version is never published
    async with uow() as work:
        work.flows.add(flow)
        work.sessions.add(orphan, ())
        with pytest.raises(ValidationFailed):
            await work.commit()
        # The connection is usable again after the failed transaction.
        assert await work.flows.get(flow.id) is None


async def test_a_unit_of_work_can_commit_twice(uow, samples):
    _, version = await samples.published_flow()
    session = new_session(version)
    async with uow() as work:
        work.sessions.add(session, ())
        await work.commit()
        work.sessions.save(a_turn(session, 9), 1)
        await work.commit()
        assert await work.sessions.current_revision(session.id) == 2


async def test_of_many_concurrent_turns_on_one_revision_exactly_one_applies(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version, entries("start"))
    writers = 8  # the test engine's pool holds 4 + 4 overflow connections
    all_have_read = asyncio.Barrier(writers)

    async def turn(n: int) -> int | None:
        async with uow() as work:
            seen, _ = await work.sessions.load_for_turn(session.token, f"key-{n}")
            await all_have_read.wait()  # every writer computed its turn on revision 1
            work.sessions.save(a_turn(seen, n), seen.revision, entries(f"from {n}", f"more from {n}"))
            await work.commit()
        return n

    outcomes = await asyncio.gather(*(turn(n) for n in range(writers)), return_exceptions=True)

    winners = [o for o in outcomes if isinstance(o, int)]
    losers = [o for o in outcomes if isinstance(o, StaleRevision)]
    assert len(winners) == 1 and len(losers) == writers - 1
    assert {loser.current_revision for loser in losers} == {2}
    async with uow() as work:
        stored = await work.sessions.get(session.id)
        history = await work.history.list(session.id, 0, 50)
    assert stored.revision == 2 and stored.state["temp"] == {"age": winners[0]}
    assert [r.content["text"] for r in history.items] == ["start", f"from {winners[0]}", f"more from {winners[0]}"]


async def test_an_unreachable_database_is_storage_unavailable():
    engine = create_async_engine("postgresql+asyncpg://postgres@127.0.0.1:1/none", connect_args={"timeout": 2})
    try:
        with pytest.raises(StorageUnavailable):
            async with PostgresUnitOfWork(engine):
                pass
    finally:
        await engine.dispose()
