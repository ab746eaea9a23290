"""One set of assertions over the persistence ports, run on the memory fakes and on PostgreSQL,
so the fakes the unit tests trust cannot drift from the real store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from uuid import uuid4

import pytest

from application.ports.persistence import REPLY_LIFETIME, SessionFilter, StoredReply
from domain.conversation.requests import FindContent
from domain.errors import Conflict, StaleRevision
from tests.integration.contract.backends import Backend
from tests.integration.postgres.samples import NOON, a_turn, entries, new_session, small_flow, small_graph, version_of

pytestmark = pytest.mark.integration


async def published(backend: Backend, **changes):
    flow = small_flow(**changes)
    version = version_of(flow)
    async with backend.uow() as work:
        work.flows.add(flow)
        work.flows.add_version(version, None)
        await work.commit()
    return flow, version


async def started(backend: Backend, version, history=(), **kw):
    session = new_session(version, **kw)
    async with backend.uow() as work:
        work.sessions.add(session, history)
        await work.commit()
    return session


async def test_a_session_is_written_only_at_commit(backend: Backend):
    _, version = await published(backend)
    session = new_session(version)
    async with backend.uow() as work:
        work.sessions.add(session, entries("hi"))
    async with backend.uow() as work:
        assert await work.sessions.get(session.id) is None
        assert await work.sessions.load_for_turn(session.token, None) == (None, None)


async def test_a_session_reads_back_whole_with_its_history(backend: Backend):
    _, version = await published(backend)
    session = await started(backend, version, entries("one", "two"))
    async with backend.uow() as work:
        assert await work.sessions.load_for_turn(session.token, "unused-key") == (session, None)
        assert await work.sessions.get(session.id) == session
        assert await work.sessions.current_revision(session.id) == 1
        history = await work.history.list(session.id, 1, 5)
        none = await work.history.list(uuid4(), 0, 5)
    assert [(r.node_id, r.kind, r.content, r.created_at) for r in history.items] == [
        ("start", "message", {"text": "two"}, NOON)
    ]
    assert (history.total, history.offset, history.limit) == (2, 1, 5)
    assert (list(none.items), none.total) == ([], 0)


async def answered(backend: Backend, reply: StoredReply):
    """A session started with "one" and moved on by a turn saying "two" that keeps ``reply``."""
    _, version = await published(backend)
    session = await started(backend, version, entries("one"))
    moved = a_turn(session, 9)
    async with backend.uow() as work:
        work.sessions.save(moved, 1, entries("two"), reply)
        await work.commit()
    return session, moved


async def test_a_turn_applies_on_its_revision_and_its_reply_is_kept(backend: Backend):
    session, moved = await answered(backend, StoredReply("k1", {"revision": 2}))
    async with backend.uow() as work:
        assert await work.sessions.load_for_turn(session.token, "k1") == (moved, StoredReply("k1", {"revision": 2}))
        assert await work.sessions.load_for_turn(session.token, "k2") == (moved, None)
        history = await work.history.list(session.id, 0, 10)
    assert [r.content["text"] for r in history.items] == ["one", "two"]


async def test_a_stale_turn_is_refused_with_the_current_revision_and_writes_nothing(backend: Backend):
    _, version = await published(backend)
    session = await started(backend, version, entries("one"))
    async with backend.uow() as work:
        work.sessions.save(a_turn(session, 9), 1, entries("two"))
        await work.commit()
    async with backend.uow() as work:
        work.sessions.save(a_turn(session, 10), 1, entries("late"), StoredReply("late", {}))
        with pytest.raises(StaleRevision) as refused:
            await work.commit()
    assert refused.value.current_revision == 2
    async with backend.uow() as work:
        loaded, stored = await work.sessions.load_for_turn(session.token, "late")
        history = await work.history.list(session.id, 0, 10)
    assert loaded.state["temp"] == {"age": 9} and stored is None
    assert [r.content["text"] for r in history.items] == ["one", "two"]


async def test_a_key_already_used_refuses_the_turn(backend: Backend):
    _, version = await published(backend)
    session = await started(backend, version)
    first = a_turn(session, 9)
    async with backend.uow() as work:
        work.sessions.save(first, 1, entries("first"), StoredReply("same", {"n": 1}))
        await work.commit()
    # A replay that raced past the read: it computed its turn on the new revision, same key.
    async with backend.uow() as work:
        work.sessions.save(a_turn(first, 10), 2, entries("again"), StoredReply("same", {"n": 2}))
        with pytest.raises(StaleRevision) as refused:
            await work.commit()
    assert refused.value.current_revision == 2
    async with backend.uow() as work:
        loaded, stored = await work.sessions.load_for_turn(session.token, "same")
        history = await work.history.list(session.id, 0, 10)
    assert loaded.revision == 2 and stored.body == {"n": 1}
    assert [r.content["text"] for r in history.items] == ["first"]


async def test_saving_a_session_that_is_gone_is_stale_at_revision_zero(backend: Backend):
    _, version = await published(backend)
    async with backend.uow() as work:
        work.sessions.save(new_session(version), 1)
        with pytest.raises(StaleRevision) as refused:
            await work.commit()
    assert refused.value.current_revision == 0


async def test_a_token_is_taken_once(backend: Backend):
    _, version = await published(backend)
    session = await started(backend, version)
    async with backend.uow() as work:
        work.sessions.add(replace(new_session(version), token=session.token), ())
        with pytest.raises(Conflict):
            await work.commit()


async def test_a_deleted_session_and_its_history_are_gone(backend: Backend):
    _, version = await published(backend)
    session = await started(backend, version, entries("one"))
    async with backend.uow() as work:
        work.sessions.delete(session.id)
        await work.commit()
    async with backend.uow() as work:
        assert await work.sessions.get(session.id) is None
        assert (await work.history.list(session.id, 0, 10)).total == 0


async def test_sessions_list_newest_first_filtered_and_counted(backend: Backend):
    _, version = await published(backend)
    school = await backend.school("School")
    older = await started(backend, version, school=school, started_at=NOON)
    newer = await started(backend, version, school=school, started_at=NOON.replace(hour=13))
    other = await started(backend, version, started_at=NOON.replace(hour=14))
    async with backend.uow() as work:
        everyone = await work.sessions.list(SessionFilter(), 0, 10)
        of_school = await work.sessions.list(SessionFilter(school_id=school), 1, 1)
        beyond = await work.sessions.list(SessionFilter(flow_id=version.flow_id), 9, 5)
    assert [s.id for s in everyone.items] == [other.id, newer.id, older.id] and everyone.total == 3
    assert [s.id for s in of_school.items] == [older.id] and of_school.total == 2
    assert list(beyond.items) == [] and beyond.total == 3


async def test_flows_publish_and_pin_their_versions(backend: Backend):
    flow, first = await published(backend)
    edited = replace(flow, graph=small_graph("Kia ora"))
    async with backend.uow() as work:
        assert await work.flows.next_version_number(flow.id) == 2
        work.flows.replace(edited)
        second = version_of(edited, 2)
        work.flows.add_version(second, None)
        await work.commit()
    async with backend.uow() as work:
        draft = await work.flows.get(flow.id)
        assert draft == await work.flows.get_by_seed_key("small")
        assert draft.graph == edited.graph and draft.current_version_id == second.id and draft.is_published
        assert await work.flows.published_version("small") == second
        assert await work.flows.published_version(str(flow.id)) == second
        assert await work.flows.published_version_id("small") == second.id
        assert await work.flows.version(first.id) == first
        assert await work.flows.known_keys() == {str(flow.id), "small"}


async def test_only_an_active_published_flow_answers_for_its_key(backend: Backend):
    await published(backend, seed_key="retired", is_active=False)
    async with backend.uow() as work:
        work.flows.add(small_flow(seed_key="draft"))
        await work.commit()
    async with backend.uow() as work:
        for key in ("retired", "draft", "nothing", str(uuid4())):
            assert await work.flows.published_version(key) is None
            assert await work.flows.published_version_id(key) is None


async def test_content_is_visible_by_status_activity_and_school(backend: Backend):
    mine, theirs = await backend.school("Mine"), await backend.school("Theirs")
    public = await backend.content("joke", visibility="public")
    ours = await backend.content("joke", visibility="school", school_id=mine)
    their_private = await backend.content("joke", visibility="private", school_id=theirs)
    await backend.content("joke", status="draft")
    await backend.content("joke", is_active=False)
    async with backend.uow() as work:
        seen_by_mine = await work.content.find_published(FindContent("joke"), mine, 10)
        seen_by_none = await work.content.find_published(FindContent("joke"), None, 10)
        assert (await work.content.get_published(ours, mine)).id == ours
        assert await work.content.get_published(their_private, mine) is None
        assert await work.content.get_published("not-an-id", mine) is None
    assert [i.id for i in seen_by_mine] == sorted([public, ours])
    assert [i.id for i in seen_by_none] == [public]


async def test_content_is_found_by_type_tags_info_and_exclusion(backend: Backend):
    nine = await backend.content("fact", tags=["space"], info={"min_age": 7, "max_age": 12, "funny": True})
    young = await backend.content("fact", tags=["sea"], info={"min_age": 5, "max_age": 8, "funny": False})
    await backend.content("joke", tags=["space"], info={"min_age": 7, "max_age": 12})

    async def ids(query: FindContent, limit: int = 10) -> list[str]:
        async with backend.uow() as work:
            return [i.id for i in await work.content.find_published(query, None, limit)]

    assert await ids(FindContent("fact")) == sorted([nine, young])
    assert await ids(FindContent("fact"), limit=1) == sorted([nine, young])[:1]
    assert await ids(FindContent("fact", tags=("space", "planets"))) == [nine]
    assert await ids(FindContent("fact", info_filters={"min_age": 9, "max_age": 9})) == [nine]
    assert await ids(FindContent("fact", info_filters={"min_age": "6", "max_age": "6"})) == [young]
    assert await ids(FindContent("fact", info_filters={"funny": "true"})) == [nine]
    assert await ids(FindContent("fact", info_filters={"funny": None, "min_age": ""})) == sorted([nine, young])
    assert await ids(FindContent("fact", info_filters={"colour": "red"})) == []
    assert await ids(FindContent("fact", info_filters={"min_age": "old"})) == []
    assert await ids(FindContent("fact", exclude_ids=(nine,))) == [young]
    assert await ids(FindContent("poem")) == []


async def test_schools_and_the_themes_of_inheritance(backend: Backend):
    global_theme = await backend.theme("Global", is_default=True)
    blue = await backend.theme("Blue")
    school = await backend.school("Blue School", default_theme_id=blue)
    await backend.theme("School's own default", is_default=True, school_id=school)
    async with backend.uow() as work:
        found = await work.schools.by_wriveted_id(school)
        assert (found.name, found.wriveted_identifier, found.default_theme_id) == ("Blue School", school, blue)
        assert await work.schools.by_wriveted_id(uuid4()) is None
        assert (await work.themes.get(blue)).name == "Blue"
        assert (await work.themes.school_default(school)).id == blue
        assert (await work.themes.global_default()).id == global_theme
        assert await work.themes.get(uuid4()) is None


async def _answered_with_keys(backend: Backend, version, keys_by_minute: dict[str, int]):
    """One session per key, its turn (and so its stored reply) ``minutes`` after NOON."""
    sessions = {}
    for key, minutes in keys_by_minute.items():
        session = await started(backend, version)
        async with backend.uow() as work:
            work.sessions.save(a_turn(session, 9, minutes=minutes), 1, (), StoredReply(key, {"key": key}))
            await work.commit()
        sessions[key] = session
    return sessions


async def test_stored_replies_are_forgotten_a_day_after_their_turn_oldest_first(backend: Backend):
    _, version = await published(backend)
    sessions = await _answered_with_keys(backend, version, {"early": 1, "middle": 2, "late": 3, "fresh": 60 * 30})
    a_day_after_middle = NOON + REPLY_LIFETIME + timedelta(minutes=2)
    async with backend.uow() as work:
        first_batch = await work.sessions.forget_expired_replies(a_day_after_middle, 1)
    async with backend.uow() as work:
        assert (await work.sessions.load_for_turn(sessions["early"].token, "early"))[1] is None
        assert (await work.sessions.load_for_turn(sessions["middle"].token, "middle"))[1] is not None
        second_batch = await work.sessions.forget_expired_replies(a_day_after_middle, 10)
        nothing_left = await work.sessions.forget_expired_replies(a_day_after_middle, 10)
    assert (first_batch, second_batch, nothing_left) == (1, 1, 0)
    async with backend.uow() as work:
        kept = {key: (await work.sessions.load_for_turn(s.token, key))[1] for key, s in sessions.items()}
    assert kept == {"early": None, "middle": None, "late": StoredReply("late", {"key": "late"}), "fresh": StoredReply("fresh", {"key": "fresh"})}


async def test_forgetting_replies_leaves_their_sessions_and_history_alone(backend: Backend):
    session, moved = await answered(backend, StoredReply("k", {"n": 1}))
    async with backend.uow() as work:
        assert await work.sessions.forget_expired_replies(NOON + timedelta(days=2), 10) == 1
    async with backend.uow() as work:
        assert await work.sessions.load_for_turn(session.token, "k") == (moved, None)
        history = await work.history.list(session.id, 0, 10)
    assert [r.content["text"] for r in history.items] == ["one", "two"]
