"""Two devices, one conversation: exactly one answer per revision applies, none is lost,
and a retried request changes nothing."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from adapters.postgres.engine import create_engine
from tests.chat_api import ChatApi
from tests.chat_world import AT_SCHOOL, HUEY

CONCURRENT = 50


async def _inputs_recorded(database_url: str, session_id: str) -> list[dict]:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT content FROM conversation_history "
                    "WHERE session_id = :id AND interaction_type = 'input' ORDER BY seq"
                ),
                {"id": session_id},
            )
            return [row[0] for row in rows]
    finally:
        await engine.dispose()


async def test_an_answer_on_a_stale_revision_is_refused_with_the_current_one(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    await api.interact(chat, "hello", "choice", revision=1)

    stale = await api.interact(chat, "hello", "choice", revision=1)
    session = await api.session(chat.token)

    assert stale.status == 409 and stale.problem == "stale-revision"
    assert stale.body["current_revision"] == 2
    assert session.body["revision"] == 2 and session.body["current_node_id"] == "school_confirm"


async def test_fifty_simultaneous_answers_to_one_question_apply_exactly_once(
    api: ChatApi, huey_database: str
) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    replies = await asyncio.gather(
        *(api.interact(chat, "hello", "choice", revision=1) for _ in range(CONCURRENT))
    )
    session = await api.session(chat.token)
    inputs = await _inputs_recorded(huey_database, chat.session_id)

    statuses = sorted(r.status for r in replies)
    assert statuses == [200] + [409] * (CONCURRENT - 1)
    assert all(r.body["current_revision"] == 2 for r in replies if r.status == 409)
    assert session.body["revision"] == 2
    assert len(inputs) == 1


async def test_fifty_simultaneous_changes_lose_no_update(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    replies = await asyncio.gather(
        *(api.patch_state(chat, {f"variables.device_{i}": i}) for i in range(CONCURRENT))
    )
    session = await api.session(chat.token)

    applied = {i for i, r in enumerate(replies) if r.status == 200}
    refused = [r for r in replies if r.status != 200]
    assert applied, "at least the first change applies"
    assert all(r.status == 409 and r.problem == "stale-revision" for r in refused)
    # Every change that was acknowledged is in the state; none was overwritten by another.
    assert set(session.body["state"]["variables"]) == {f"device_{i}" for i in applied}
    assert session.body["revision"] == 1 + len(applied)


async def test_simultaneous_answers_without_a_revision_apply_once(
    api: ChatApi, huey_database: str
) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    replies = await asyncio.gather(*(api.interact(chat, "hello", "choice") for _ in range(CONCURRENT)))
    session = await api.session(chat.token)
    inputs = await _inputs_recorded(huey_database, chat.session_id)

    # The losers either raced on revision 1 (409) or arrived after it moved on and were
    # asked the next question again ("hello" is no answer to it): nothing applied twice.
    applied = [r for r in replies if r.status == 200 and not r.body["messages"][0].get("error")]
    asked_again = [r for r in replies if r.status == 200 and r.body["messages"][0].get("error")]
    raced = [r for r in replies if r.status == 409]
    assert len(applied) == 1 and applied[0].body["revision"] == 2
    assert len(applied) + len(asked_again) + len(raced) == CONCURRENT
    assert all(r.body["revision"] == 2 for r in asked_again)
    assert session.body["revision"] == 2 and len(inputs) == 1


async def test_a_repeated_answer_with_the_same_key_returns_the_first_reply_and_applies_once(
    api: ChatApi, huey_database: str
) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    first = await api.interact(chat, "hello", "choice", idempotency_key="tap-1")
    again = await api.interact(chat, "hello", "choice", idempotency_key="tap-1")
    session = await api.session(chat.token)

    assert first.status == again.status == 200
    assert again.body == first.body
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert session.body["revision"] == 2
    assert len(await _inputs_recorded(huey_database, chat.session_id)) == 1


async def test_simultaneous_retries_with_one_key_apply_once(api: ChatApi, huey_database: str) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    replies = await asyncio.gather(
        *(api.interact(chat, "hello", "choice", idempotency_key="double-tap") for _ in range(10))
    )
    session = await api.session(chat.token)

    assert session.body["revision"] == 2
    assert len(await _inputs_recorded(huey_database, chat.session_id)) == 1
    successes = [r.body for r in replies if r.status == 200]
    assert successes and all(body == successes[0] for body in successes)
    assert all(r.status in (200, 409) for r in replies)


async def test_a_new_key_is_a_new_answer(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    await api.interact(chat, "hello", "choice", idempotency_key="a")
    second = await api.interact(chat, "yes", "choice", idempotency_key="b")

    assert second.status == 200 and second.body["current_node_id"] == "ask_age" and second.body["revision"] == 3
