"""The reference Huey conversation, over HTTP, against a served chatbot on PostgreSQL.

Driven like a browser: cookies kept in a jar, the CSRF token sent as a header. The random
preference questions may differ from the recording's, so each is answered with its first
option; until the catalogue issue lands, the recommendation takes the flow's own
no-books path.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest

from entrypoints.api.chat import schemas
from tests import shared_fixtures
from tests.chat_api import Chat, ChatApi
from tests.e2e.huey_service import environment, load_huey, serve
from tests.fixtures.postgres import _truncate_all

HUEY = "huey-bookbot"
NO_BOOKS = "I'm sorry, I couldn't find any books right now."


@pytest.fixture(scope="module")
def huey_service(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    asyncio.run(_truncate_all(database_url))
    # Fifty devices on one chat at once is this module's point; the default budget
    # (20 requests in a burst per chat) would answer most of them 429 instead.
    env = environment(database_url, RATE_LIMIT_SESSION_BURST="100")
    load_huey(env)
    for base, _ in serve(env, tmp_path_factory.mktemp("e2e") / "serve.log"):
        yield base


@pytest.fixture
async def browser(huey_service: str) -> AsyncIterator[ChatApi]:
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1, as a browser keeps them for localhost
    async with aiohttp.ClientSession(base_url=huey_service, cookie_jar=jar) as session:
        yield ChatApi(session)


def _transcript() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    steps = shared_fixtures.reference_transcript()["steps"]
    return steps[0], steps[1:]


def _answer_for(chat: Chat, step: dict[str, Any]) -> Any:
    if str(chat.last["current_node_id"]).startswith("pref_q"):
        return chat.options[0]["value"]
    return step["request"]["json"]["input"]


async def test_the_reference_conversation_runs_to_its_end_over_http(browser: ChatApi) -> None:
    start, turns = _transcript()

    started = await browser.start(HUEY, start["request"]["json"]["initial_state"])
    assert started.status == 201
    assert set(started.cookies) == {"csrf_token", "chat_session"}
    assert started.body["theme"]["name"] == start["response"]["theme"]["name"]
    chat = Chat(started.body["session_token"], started.body["csrf_token"], started.body["session_id"], started.body)

    visited, texts = [], []
    for step in turns:
        request = step["request"]["json"]
        reply = await browser.interact(chat, _answer_for(chat, step), request.get("input_type"))
        assert reply.status == 200, reply.body
        schemas.ConversationReply.model_validate(reply.body)
        visited.append(reply.body["current_node_id"])
        texts += [m["content"]["text"] for m in reply.body["messages"] if m["type"] == "text"]

    assert visited == [step["response"]["current_node_id"] for step in turns]
    assert reply.body["session_ended"] is True and reply.body["input_request"] is None
    assert any(text.startswith(NO_BOOKS) for text in texts)
    assert reply.body["revision"] == 1 + len(turns)

    final = await browser.session(chat.token)
    assert final.body["status"] == "completed" and final.body["current_node_id"] == "goodbye"
    user = final.body["state"]["user"]
    assert user["age_number"] == 9 and user["reading_ability_keys"] == ["TREEHOUSE"]
    assert len(user["hue_keys"]) == 5
    history = await browser.history(chat.token, limit=1)
    assert history.body["total"] > len(turns)


async def test_a_served_chat_refuses_a_stale_revision_and_replays_a_repeated_key(browser: ChatApi) -> None:
    chat = await browser.begin(HUEY)

    first = await browser.interact(chat, "hello", "choice", idempotency_key="tap")
    replay = await browser.interact(chat, "hello", "choice", idempotency_key="tap")
    stale = await browser.interact(chat, "hello", "choice", revision=1)

    assert first.status == replay.status == 200 and replay.body == first.body
    assert stale.status == 409 and stale.body["current_revision"] == 2


async def test_fifty_devices_answering_at_once_change_the_chat_once(browser: ChatApi) -> None:
    chat = await browser.begin(HUEY)

    replies = await asyncio.gather(*(browser.interact(chat, "hello", "choice", revision=1) for _ in range(50)))

    assert sorted(r.status for r in replies) == [200] + [409] * 49
    assert (await browser.session(chat.token)).body["revision"] == 2


async def test_a_served_chat_refuses_forgeries_and_unknown_sessions(browser: ChatApi) -> None:
    chat = await browser.begin(HUEY)

    forged = await browser.interact(chat, "hello", "choice", csrf="not-the-token")
    missing = await browser.interact(chat, "hello", "choice", csrf=None)
    unknown = await browser.session("no-such-session-token")
    malformed = await browser.interact(chat, None, raw=b"{not json")

    assert (forged.status, missing.status, unknown.status, malformed.status) == (403, 403, 404, 400)
    assert (await browser.session(chat.token)).body["revision"] == 1
