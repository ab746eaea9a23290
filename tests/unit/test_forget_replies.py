"""Stored replies of retried answers: kept for a day, then forgotten in batches, on a timer."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
import structlog

from application.ports.persistence import REPLY_LIFETIME
from application.use_cases.forget_replies import ForgetExpiredReplies
from application.use_cases.interact import Interact
from application.use_cases.start_session import StartSession
from domain.errors import StorageUnavailable
from entrypoints.maintenance import forget_replies_periodically
from tests.unit.conversation.test_turn_rules import AGE_FLOW
from tests.world import MemoryWorld


async def answered_with_key(world: MemoryWorld, key: str, answer: int = 9) -> str:
    started = await world.start(StartSession(flow=AGE_FLOW["seed_key"]))
    await world.interact(Interact(started.session.token, answer, idempotency_key=key))
    return started.session.token


async def test_a_retry_within_the_day_gets_the_first_reply_back() -> None:
    world = MemoryWorld()
    await world.load_flow(AGE_FLOW)
    token = await answered_with_key(world, "tap-1")
    world.clock.advance(3600)
    assert await world.forget_replies(ForgetExpiredReplies()) == 0
    replayed = await world.interact(Interact(token, 7, idempotency_key="tap-1"))
    assert replayed.replayed and replayed.reply["messages"][0]["content"]["text"] == "You are 9!"


async def test_after_a_day_the_reply_is_forgotten_and_nothing_else_is() -> None:
    world = MemoryWorld()
    await world.load_flow(AGE_FLOW)
    token = await answered_with_key(world, "tap-1")
    world.clock.advance(REPLY_LIFETIME.total_seconds())
    assert await world.forget_replies(ForgetExpiredReplies()) == 1
    assert world.store.replies == {} and world.store.reply_expiry == {}
    assert [(s.token, s.revision) for s in world.store.sessions.values()] == [(token, 2)]
    assert len(world.store.history[next(iter(world.store.sessions))]) > 0


async def test_a_backlog_goes_in_batches_and_reports_its_progress() -> None:
    world = MemoryWorld()
    await world.load_flow(AGE_FLOW)
    for n in range(5):
        await answered_with_key(world, f"tap-{n}")
    await answered_with_key(world, "tap-late")
    world.store.reply_expiry = {
        key: at + timedelta(days=1) if key.endswith("tap-late") else at for key, at in world.store.reply_expiry.items()
    }
    world.clock.advance(REPLY_LIFETIME.total_seconds())
    seen: list[int] = []
    assert await world.forget_replies(ForgetExpiredReplies(batch_size=2), seen.append) == 5
    assert seen == [2, 4, 5]
    assert [key.rsplit(":", 1)[-1] for key in world.store.replies] == ["tap-late"]


async def test_a_batch_must_hold_at_least_one_reply() -> None:
    with pytest.raises(ValueError):
        await MemoryWorld().forget_replies(ForgetExpiredReplies(batch_size=0))


class _Forget:
    """A stand-in for the use case: the database is away on the ``failing`` calls, something
    unforeseen breaks on the ``broken`` ones, and the rest forget three replies each."""

    def __init__(self, failing: set[int], broken: frozenset[int] = frozenset(), forgotten: int = 3) -> None:
        self.calls = 0
        self._failing = failing
        self._broken = broken
        self._forgotten = forgotten

    async def __call__(self, command: ForgetExpiredReplies) -> int:
        self.calls += 1
        if self.calls in self._failing:
            raise StorageUnavailable("the database is not answering")
        if self.calls in self._broken:
            raise RuntimeError("something nobody foresaw")
        return self._forgotten


async def test_the_timer_carries_on_after_a_round_the_database_missed() -> None:
    forget = _Forget(failing={2})
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) > 3:
            raise asyncio.CancelledError

    with structlog.testing.capture_logs() as logs, pytest.raises(asyncio.CancelledError):
        await forget_replies_periodically(forget, 900, sleep)  # type: ignore[arg-type]
    assert forget.calls == 3 and waits == [900, 900, 900, 900]
    assert [entry["event"] for entry in logs] == ["replies.purged", "replies.purge_failed", "replies.purged"]
    assert logs[0]["forgotten"] == 3


async def test_the_timer_survives_a_round_that_broke_unexpectedly() -> None:
    forget = _Forget(failing=set(), broken=frozenset({1}))
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) > 2:
            raise asyncio.CancelledError

    with structlog.testing.capture_logs() as logs, pytest.raises(asyncio.CancelledError):
        await forget_replies_periodically(forget, 60, sleep)  # type: ignore[arg-type]
    assert forget.calls == 2
    assert [(entry["event"], entry["log_level"]) for entry in logs] == [("replies.purge_failed", "error"), ("replies.purged", "info")]
