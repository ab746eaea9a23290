"""The chat API in-process on the run's PostgreSQL, with the Huey flows and demo school loaded.

The flows and seed content are loaded once per test module (``tests/chat_world.py``); each
test gets its own application (its own container, engine and flow cache) and starts its
own conversations.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp import test_utils

from entrypoints.api.app import create_app
from entrypoints.container import build_container
from tests.chat_api import ChatApi
from tests.chat_world import chat_settings, load_huey
from tests.fixtures.postgres import _truncate_all


@pytest.fixture(scope="module")
def huey_database(database_url: str) -> Iterator[str]:
    """The run's database, emptied, with Huey and the demo school loaded (once per module)."""
    asyncio.run(_truncate_all(database_url))
    asyncio.run(load_huey(database_url))
    yield database_url


@pytest.fixture
async def chat_client(huey_database: str) -> AsyncIterator[test_utils.TestClient]:
    app = create_app(build_container(chat_settings(huey_database), huey_database))
    async with test_utils.TestClient(test_utils.TestServer(app)) as client:
        yield client


@pytest.fixture
def api(chat_client: test_utils.TestClient) -> ChatApi:
    return ChatApi(chat_client)
