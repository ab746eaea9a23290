"""A conversation idle longer than its cookies live is expired: its token answers 404."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timezone

import pytest
from aiohttp import test_utils
from dependency_injector import providers

from adapters.memory.time_and_chance import FixedClock
from entrypoints.api.app import create_app
from entrypoints.container import build_container
from tests.chat_api import ChatApi
from tests.chat_world import HUEY, chat_settings

pytestmark = pytest.mark.usefixtures("huey_database")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.now(timezone.utc))


@pytest.fixture
async def api(huey_database: str, clock: FixedClock) -> AsyncIterator[ChatApi]:
    container = build_container(chat_settings(huey_database), huey_database)
    container.clock.override(providers.Object(clock))
    async with test_utils.TestClient(test_utils.TestServer(create_app(container))) as client:
        yield ChatApi(client)


async def test_an_idle_conversation_expires_and_its_token_finds_nothing(api: ChatApi, clock: FixedClock) -> None:
    chat = await api.begin(HUEY)
    clock.advance(7 * 3600)
    assert (await api.interact(chat, "hello")).status == 200
    clock.advance(8 * 3600 + 1)
    for reply in (await api.interact(chat, "yes"), await api.session(chat.token), await api.history(chat.token)):
        assert reply.status == 404
        assert reply.body["type"] == "not-found"
