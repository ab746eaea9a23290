"""Steps for service_health.feature: the real application, served in-process over HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import test_utils
from pytest_bdd import given, parsers, scenarios, then, when

from entrypoints.api.app import create_app
from entrypoints.container import build_container
from entrypoints.settings import Settings
from features.steps.support import Run
from tests.support import free_port

scenarios("service_health.feature")


@dataclass(slots=True)
class Answer:
    """What the service said to a probe."""

    status: int
    body: dict[str, Any]


StartService = Callable[[str], test_utils.TestClient]


@pytest.fixture
def start_service(run: Run[Any]) -> Iterator[StartService]:
    """Start the application on a database URL; everything started is stopped afterwards."""
    clients: list[test_utils.TestClient] = []

    def start(database_url: str) -> test_utils.TestClient:
        client = run(_serve(database_url))
        clients.append(client)
        return client

    yield start
    for client in clients:
        run(client.close())


async def _serve(database_url: str) -> test_utils.TestClient:
    # aiohttp's test client binds to the running loop, so it is built inside it.
    settings = Settings(database_url=database_url, log_format="console")
    app = create_app(build_container(settings, database_url))
    client = test_utils.TestClient(test_utils.TestServer(app))
    await client.start_server()
    return client


@given("the chatbot service is running", target_fixture="service")
def service_running(start_service: StartService, database_url: str) -> test_utils.TestClient:
    return start_service(database_url)


@given(
    "the chatbot service is running but its database is unreachable", target_fixture="service"
)
def service_without_database(start_service: StartService) -> test_utils.TestClient:
    nowhere = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/postgres"
    return start_service(nowhere)


async def _ask(service: test_utils.TestClient, path: str) -> Answer:
    response = await service.get(path)
    return Answer(status=response.status, body=await response.json(content_type=None))


@when("an operator checks whether it is ready", target_fixture="answer")
def check_ready(run: Run[Answer], service: test_utils.TestClient) -> Answer:
    return run(_ask(service, "/v1/readyz"))


@when("an operator checks whether it is alive", target_fixture="answer")
def check_alive(run: Run[Answer], service: test_utils.TestClient) -> Answer:
    return run(_ask(service, "/v1/healthz"))


@then("it reports ready")
def reports_ready(answer: Answer) -> None:
    assert answer.status == 200
    assert answer.body["status"] == "ready"


@then("it reports alive")
def reports_alive(answer: Answer) -> None:
    assert answer.status == 200
    assert answer.body == {"status": "ok"}


@then(parsers.parse("it reports not ready because the database is not answering"))
def reports_not_ready(answer: Answer) -> None:
    assert answer.status == 503
    assert answer.body["type"] == "not-ready"
    assert "database" in answer.body["detail"]
