"""The rules of a turn, on the memory adapters: refusals, conflicts, runaway flows, replays."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from adapters.memory.unit_of_work import InMemoryUnitOfWork
from application.use_cases.end_session import EndSession
from application.use_cases.interact import Interact
from application.use_cases.patch_state import PatchState
from application.use_cases.publish_flow import freeze
from application.use_cases.start_session import StartSession
from domain.conversation.interpreter import Interpreter
from domain.errors import FlowNotFound, FlowRuntimeError, SessionEnded, SessionNotFound, StaleRevision, ValidationFailed
from tests.world import MemoryWorld

AGE_FLOW = {
    "seed_key": "age-check",
    "name": "Age check",
    "entry_node_id": "ask",
    "flow_data": {
        "nodes": [
            {"id": "ask", "type": "question", "content": {"question": "How old are you?", "input_type": "number",
                                                           "variable": "user.age", "validation": {"min": 5, "max": 13}}},
            {"id": "bye", "type": "message", "content": {"messages": [{"type": "text", "text": "You are {{user.age}}!"}]}},
        ],
        "connections": [{"source": "ask", "target": "bye", "type": "default"}],
    },
}

LOOP_FLOW = {
    "seed_key": "loop",
    "name": "Loop",
    "entry_node_id": "a",
    "flow_data": {
        "nodes": [
            {"id": "a", "type": "action", "content": {"actions": [{"type": "increment", "variable": "temp.n"}]}},
            {"id": "b", "type": "action", "content": {"actions": [{"type": "increment", "variable": "temp.n"}]}},
        ],
        "connections": [{"source": "a", "target": "b", "type": "default"}, {"source": "b", "target": "a", "type": "default"}],
    },
}


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def started(world: MemoryWorld, document: dict = AGE_FLOW) -> str:
    await world.load_flow(document)
    result = await world.start(StartSession(flow=document["seed_key"]))
    return result.session.token


def test_an_invalid_answer_asks_again_and_changes_nothing() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        token = await started(world)
        before = next(iter(world.store.sessions.values()))
        result = await world.interact(Interact(token, "twenty"))
        after = next(iter(world.store.sessions.values()))
        assert result.reply["input_request"]["error"] == "Please enter a number."
        assert result.reply["current_node_id"] == "ask"
        assert after == before

    run(scenario())


def test_a_valid_answer_moves_on_and_ends_the_flow() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        token = await started(world)
        reply = (await world.interact(Interact(token, "9"))).reply
        assert reply["messages"][0]["content"]["text"] == "You are 9!"
        assert reply["session_ended"] is True
        with pytest.raises(SessionEnded):
            await world.interact(Interact(token, "10"))

    run(scenario())


def test_a_stale_revision_is_refused_and_nothing_is_written() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        token = await started(world)
        with pytest.raises(StaleRevision) as stale:
            await world.interact(Interact(token, "9", expected_revision=7))
        assert stale.value.current_revision == 1
        assert next(iter(world.store.sessions.values())).revision == 1

    run(scenario())


def test_a_turn_computed_on_an_old_revision_is_refused_at_commit() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        token = await started(world)
        original = next(iter(world.store.sessions.values()))
        await world.interact(Interact(token, "9"))
        async with InMemoryUnitOfWork(world.store) as uow:
            uow.sessions.save(original, expected_revision=original.revision)
            with pytest.raises(StaleRevision) as stale:
                await uow.commit()
        assert stale.value.current_revision == 2
        session = next(iter(world.store.sessions.values()))
        assert session.revision == 2 and session.status.value == "completed"
        assert len([h for h in world.store.history[session.id] if h.kind == "input"]) == 1

    run(scenario())


def test_a_repeated_idempotency_key_returns_the_first_reply_and_applies_once() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        token = await started(world)
        first = await world.interact(Interact(token, "9", idempotency_key="k-1"))
        again = await world.interact(Interact(token, "9", idempotency_key="k-1"))
        assert again.replayed and again.reply == first.reply
        assert next(iter(world.store.sessions.values())).revision == 2

    run(scenario())


def test_a_runaway_flow_stops_with_a_clear_error() -> None:
    async def scenario() -> None:
        world = MemoryWorld(max_steps=50)
        await world.load_flow(LOOP_FLOW, publish=False)
        flow = next(iter(world.store.flows.values()))
        with pytest.raises(ValidationFailed):
            await world.load_flow(LOOP_FLOW)  # publishing refuses a loop that never asks anything
        assert flow.current_version_id is None

    run(scenario())


def test_unknown_tokens_and_flows_are_not_found() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        with pytest.raises(SessionNotFound):
            await world.interact(Interact("no-such-token", "hi"))
        with pytest.raises(FlowNotFound):
            await world.start(StartSession(flow="no-such-flow"))

    run(scenario())


def test_callers_may_not_write_engine_scopes() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        await world.load_flow(AGE_FLOW)
        with pytest.raises(ValidationFailed) as refused:
            await world.start(StartSession(flow="age-check", initial_state={"system": {"pending": None}}))
        assert refused.value.errors[0].field == "initial_state.system"
        token = (await world.start(StartSession(flow="age-check"))).session.token
        with pytest.raises(ValidationFailed):
            await world.patch_state(PatchState(token, {"session.id": "x"}))
        patched = await world.patch_state(PatchState(token, {"user.name": "Ava"}))
        assert patched.state["user"]["name"] == "Ava" and patched.revision == 2

    run(scenario())


def test_an_ended_session_cannot_be_ended_again() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        token = await started(world)
        ended = await world.end(EndSession(token))
        assert ended.status.value == "completed"
        with pytest.raises(SessionEnded):
            await world.end(EndSession(token))

    run(scenario())


def test_the_interpreter_stops_a_walk_that_never_needs_input() -> None:
    async def scenario() -> None:
        world = MemoryWorld(max_steps=20)
        await world.load_flow(LOOP_FLOW, publish=False)
        flow = next(iter(world.store.flows.values()))
        interpreter = Interpreter(world.engine, max_steps=20)
        version = freeze(flow, 1, world.clock.now())
        walking = interpreter.start(version, {"system": {"rng": {"seed": 1, "draws": 0}}}, world.clock.now())
        with pytest.raises(FlowRuntimeError, match="more than 20 nodes"):
            next(walking)

    run(scenario())


def test_a_conversation_idle_past_its_limit_is_not_found() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        token = await started(world)
        world.clock.advance(8 * 3600 + 1)
        with pytest.raises(SessionNotFound):
            await world.interact(Interact(token, "9"))
        with pytest.raises(SessionNotFound):
            await world.end(EndSession(token))
        with pytest.raises(SessionNotFound):
            await world.patch_state(PatchState(token, {"user.name": "Ava"}))
        assert next(iter(world.store.sessions.values())).revision == 1

    run(scenario())


def test_a_draft_whose_connection_leads_nowhere_is_refused_before_anything_is_written() -> None:
    async def scenario() -> None:
        world = MemoryWorld()
        dangling = {**AGE_FLOW, "flow_data": {**AGE_FLOW["flow_data"], "connections": [
            {"source": "ask", "target": "nowhere", "type": "default"}]}}
        with pytest.raises(ValidationFailed) as refused:
            await world.load_flow(dangling, publish=False)
        assert refused.value.errors[0].field == "flow_data.connections[0].target"
        assert world.store.flows == {}

    run(scenario())
