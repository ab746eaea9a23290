"""Fixtures for tests/: settings and an HTTP client on the real application."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import test_utils

from entrypoints.api.app import create_app
from entrypoints.container import build_container
from entrypoints.settings import Settings


def settings_for(database_url: str) -> Settings:
    """Settings for a test process; nothing read from the environment's DATABASE_URL."""
    return Settings(database_url=database_url, log_format="console")


@pytest.fixture
async def api_client(database_url: str) -> AsyncIterator[test_utils.TestClient]:
    """An HTTP client on the application, served in-process on the run's database."""
    app = create_app(build_container(settings_for(database_url), database_url))
    async with test_utils.TestClient(test_utils.TestServer(app)) as client:
        yield client
