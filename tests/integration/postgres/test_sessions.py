"""Sessions on PostgreSQL: read by token in one statement, written only on the revision read."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

import pytest
from sqlalchemy import text

from application.ports.persistence import SessionFilter, StoredReply
from domain.conversation.session import SessionStatus
from domain.errors import Conflict, ValidationFailed
from tests.integration.postgres.samples import NOON, a_turn, entries, new_session, small_flow, version_of


async def test_a_started_session_reads_back_by_token_and_by_id(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version, entries("hi", "how old?"))

    async with uow() as work:
        by_token, stored = await work.sessions.load_for_turn(session.token, None)
        by_id = await work.sessions.get(session.id)
        revision = await work.sessions.current_revision(session.id)
        history = await work.history.list(session.id, 0, 10)

    assert by_token == session and by_id == session and stored is None
    assert revision == 1
    assert [r.content["text"] for r in history.items] == ["hi", "how old?"]
    assert history.total == 2 and all(r.created_at == NOON for r in history.items)


async def test_an_unknown_token_or_id_finds_nothing(uow, samples):
    async with uow() as work:
        assert await work.sessions.load_for_turn("no-such-token", "key") == (None, None)
        assert await work.sessions.get(uuid4()) is None
        assert await work.sessions.current_revision(uuid4()) is None


async def test_a_saved_turn_moves_the_revision_and_appends_history_in_order(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version, entries("one"))
    moved = a_turn(session, 9)

    async with uow() as work:
        work.sessions.save(moved, 1, entries("two", "three"), StoredReply("key-1", {"revision": 2}))
        await work.commit()

    async with uow() as work:
        loaded, stored = await work.sessions.load_for_turn(session.token, "key-1")
        history = await work.history.list(session.id, 0, 10)
    assert loaded == moved
    assert stored == StoredReply("key-1", {"revision": 2})
    assert [r.content["text"] for r in history.items] == ["one", "two", "three"]


async def test_the_idempotency_record_is_a_completed_row_for_the_session(uow, samples, engine):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    async with uow() as work:
        work.sessions.save(a_turn(session, 9), 1, (), StoredReply("k", {"messages": []}))
        await work.commit()

    async with engine.connect() as connection:
        row = (await connection.execute(text(
            "SELECT idempotency_key, status, session_id, node_id, session_revision, result_data "
            "FROM task_idempotency_records"))).one()
    assert row.idempotency_key == f"interact:{session.id}:k"
    assert (row.status, row.session_id, row.node_id, row.session_revision) == ("completed", session.id, "bye", 2)
    assert row.result_data == {"messages": []}


async def test_a_very_long_idempotency_key_still_fits_and_replays(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    key = "k" * 1000
    async with uow() as work:
        work.sessions.save(a_turn(session, 9), 1, (), StoredReply(key, {"ok": True}))
        await work.commit()
    async with uow() as work:
        _, stored = await work.sessions.load_for_turn(session.token, key)
    assert stored == StoredReply(key, {"ok": True})


async def test_an_ended_session_keeps_its_status_and_end_time(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    ended = session.ended(SessionStatus.ABANDONED, NOON)
    async with uow() as work:
        work.sessions.save(ended, 1)
        await work.commit()
    async with uow() as work:
        assert await work.sessions.get(session.id) == ended


async def test_deleting_a_session_removes_its_history_and_replies(uow, samples, engine):
    _, version = await samples.published_flow()
    session = await samples.started_session(version, entries("one"))
    async with uow() as work:
        work.sessions.save(a_turn(session, 9), 1, entries("two"), StoredReply("k", {}))
        await work.commit()

    async with uow() as work:
        work.sessions.delete(session.id)
        await work.commit()

    async with uow() as work:
        assert await work.sessions.get(session.id) is None
        assert (await work.history.list(session.id, 0, 10)).total == 0
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM task_idempotency_records"))).scalar() == 0


async def test_sessions_list_by_filter_newest_first_with_a_total(uow, samples):
    _, version = await samples.published_flow()
    school = await samples.school()
    older = await samples.started_session(version, school=school, started_at=NOON)
    newer = await samples.started_session(version, school=school, started_at=NOON.replace(hour=13))
    elsewhere = await samples.started_session(version, started_at=NOON.replace(hour=14))

    async with uow() as work:
        everything = await work.sessions.list(SessionFilter(), 0, 10)
        of_school = await work.sessions.list(SessionFilter(school_id=school), 0, 1)
        of_flow = await work.sessions.list(SessionFilter(flow_id=version.flow_id, status=SessionStatus.ACTIVE), 0, 10)
        past_the_end = await work.sessions.list(SessionFilter(school_id=school), 5, 10)
        no_user = await work.sessions.list(SessionFilter(user_id=uuid4()), 0, 10)

    assert [s.id for s in everything.items] == [elsewhere.id, newer.id, older.id]
    assert [s.id for s in of_school.items] == [newer.id] and of_school.total == 2
    assert of_flow.total == 3
    assert past_the_end.items == [] and past_the_end.total == 2
    assert no_user.total == 0


async def test_history_pages_keep_their_order_and_total(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version, entries(*[f"m{i}" for i in range(5)]))
    async with uow() as work:
        page = await work.history.list(session.id, 2, 2)
        beyond = await work.history.list(session.id, 10, 2)
    assert [r.content["text"] for r in page.items] == ["m2", "m3"]
    assert (page.total, page.offset, page.limit) == (5, 2, 2)
    assert beyond.items == [] and beyond.total == 5
    assert page.items[0].kind == "message" and page.items[0].session_id == session.id


async def test_a_session_on_an_unknown_version_is_refused_naming_the_field(uow, samples):
    flow = small_flow()
    async with uow() as work:
        work.flows.add(flow)
        await work.commit()
    orphan = new_session(version_of(flow))
    async with uow() as work:
        work.sessions.add(orphan, ())
        with pytest.raises(ValidationFailed) as refused:
            await work.commit()
    assert refused.value.errors[0].field == "flow_version_id"


async def test_a_second_session_with_the_same_token_is_a_conflict(uow, samples):
    _, version = await samples.published_flow()
    session = await samples.started_session(version)
    twin = replace(new_session(version), token=session.token)
    async with uow() as work:
        work.sessions.add(twin, ())
        with pytest.raises(Conflict) as refused:
            await work.commit()
    assert refused.value.errors[0].field == "session_token"
