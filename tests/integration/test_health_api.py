"""The health endpoints of the real application on the run's PostgreSQL."""

from __future__ import annotations

from aiohttp import test_utils

from entrypoints.api.app import create_app
from entrypoints.api.middleware import REQUEST_ID_HEADER
from entrypoints.container import build_container
from tests.conftest import settings_for
from tests.support import free_port


async def test_the_service_is_ready_when_its_database_answers(
    api_client: test_utils.TestClient,
) -> None:
    response = await api_client.get("/v1/readyz")

    assert response.status == 200
    assert (await response.json())["status"] == "ready"
    assert response.headers[REQUEST_ID_HEADER]


async def test_the_service_is_alive_without_asking_the_database(
    api_client: test_utils.TestClient,
) -> None:
    response = await api_client.get("/v1/healthz")

    assert response.status == 200
    assert await response.json() == {"status": "ok"}


async def test_the_service_is_not_ready_while_its_database_is_unreachable() -> None:
    nowhere = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/postgres"
    app = create_app(build_container(settings_for(nowhere), nowhere))

    async with test_utils.TestClient(test_utils.TestServer(app)) as client:
        response = await client.get("/v1/readyz")
        body = await response.json(content_type=None)

    assert response.status == 503
    assert response.content_type == "application/problem+json"
    assert body["type"] == "not-ready"
