"""The API describes itself: an OpenAPI 3.1 document of every chat route, and a docs page."""

from __future__ import annotations

import pytest
from aiohttp import test_utils

from entrypoints.api.chat import schemas
from tests.chat_api import ChatApi
from tests.chat_world import AT_SCHOOL, HUEY

pytestmark = pytest.mark.usefixtures("huey_database")


async def _document(client: test_utils.TestClient) -> dict:
    async with client.get("/v1/openapi.json") as response:
        assert response.status == 200
        return await response.json()


async def test_every_chat_route_is_in_the_document(chat_client: test_utils.TestClient) -> None:
    document = await _document(chat_client)
    served = {
        (route.method.lower(), route.resource.canonical)
        for route in chat_client.server.app.router.routes()
        if route.resource is not None and route.resource.canonical.startswith("/v1/chat/") and route.method != "HEAD"
    }

    documented = {(method, path) for path, operations in document["paths"].items() for method in operations}

    assert document["openapi"].startswith("3.1")
    assert served and served == documented


async def test_every_operation_documents_its_errors_as_problems(chat_client: test_utils.TestClient) -> None:
    document = await _document(chat_client)

    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            errors = {status: r for status, r in operation["responses"].items() if int(status) >= 400}
            assert errors, f"{method} {path} documents no errors"
            assert "503" in errors, f"{method} {path} does not say the database may be unreachable"
            for response in errors.values():
                assert response["content"]["application/problem+json"]["schema"]["$ref"].endswith("/ProblemBody")


async def test_every_schema_reference_resolves(chat_client: test_utils.TestClient) -> None:
    document = await _document(chat_client)
    names = set(document["components"]["schemas"])

    def refs(value: object) -> list[str]:
        if isinstance(value, dict):
            found = [value["$ref"]] if "$ref" in value else []
            return found + [r for v in value.values() for r in refs(v)]
        if isinstance(value, list):
            return [r for v in value for r in refs(v)]
        return []

    assert {ref.rsplit("/", 1)[-1] for ref in refs(document)} <= names


async def test_the_schemas_are_the_ones_the_handlers_parse_with(chat_client: test_utils.TestClient) -> None:
    document = await _document(chat_client)

    interact = document["paths"]["/v1/chat/sessions/{token}/interact"]["post"]
    body = interact["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]

    assert body == "InteractBody"
    assert document["components"]["schemas"]["InteractBody"]["properties"].keys() == (
        schemas.InteractBody.model_json_schema()["properties"].keys()
    )
    assert any(p["name"] == "Idempotency-Key" for p in interact["parameters"])


async def test_real_replies_match_their_documented_schemas(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    answer = await api.interact(chat, "hello", "choice")
    problem = await api.interact(chat, "hello", "choice", revision=1)

    schemas.ConversationReply.model_validate(answer.body)
    schemas.SessionView.model_validate((await api.session(chat.token)).body)
    schemas.HistoryPage.model_validate((await api.history(chat.token)).body)
    assert schemas.ProblemBody.model_validate(problem.body).current_revision == 2


async def test_the_docs_page_lists_the_endpoints(chat_client: test_utils.TestClient) -> None:
    async with chat_client.get("/v1/docs") as response:
        page = await response.text()

    assert response.status == 200 and response.content_type == "text/html"
    assert "/v1/chat/sessions/{token}/interact" in page and "InteractBody" in page
