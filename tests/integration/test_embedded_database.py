"""The embedded PostgreSQL: started from a data directory, migrated, and ready to serve."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import test_utils

from adapters.postgres.embedded import EmbeddedPostgres, start_embedded
from entrypoints.api.app import create_app
from entrypoints.container import build_container
from migrations import runner
from tests.conftest import settings_for


@pytest.fixture(scope="module")
def embedded() -> Iterator[EmbeddedPostgres]:
    # PostgreSQL runs as an unprivileged user when we are root; it must reach the files.
    data_dir = Path(tempfile.mkdtemp(prefix="chatbot-embedded-"))
    data_dir.chmod(0o755)
    server = start_embedded(data_dir, delete_on_exit=True)
    runner.upgrade(server.url)
    yield server
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def test_the_embedded_server_keeps_its_files_in_the_data_directory(
    embedded: EmbeddedPostgres,
) -> None:
    assert (embedded.data_dir / "PG_VERSION").exists()
    assert embedded.url.startswith("postgresql+asyncpg://")


async def test_the_service_on_the_embedded_database_is_ready(embedded: EmbeddedPostgres) -> None:
    app = create_app(build_container(settings_for(embedded.url), embedded.url))

    async with test_utils.TestClient(test_utils.TestServer(app)) as client:
        response = await client.get("/v1/readyz")

    assert response.status == 200
