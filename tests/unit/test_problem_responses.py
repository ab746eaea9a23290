"""The error table: each domain error becomes one status and one problem+json body."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import test_utils, web

from domain.errors import (
    AnswerRejected,
    ExpressionError,
    FieldError,
    Forbidden,
    SessionNotFound,
    StaleRevision,
    StorageUnavailable,
    Unauthenticated,
    ValidationFailed,
)
from entrypoints.api.errors import PROBLEM_CONTENT_TYPE, problem_middleware, read_json
from entrypoints.api.middleware import REQUEST_ID_HEADER, request_context_middleware

RAISED = {
    "missing": SessionNotFound("no session has that token"),
    "stale": StaleRevision("the session moved on", current_revision=7),
    "invalid": ValidationFailed("bad input", [FieldError("input", "must be a number")]),
    "rejected": AnswerRejected("that is not one of the options"),
    "forbidden": Forbidden("not your school"),
    "anonymous": Unauthenticated("sign in first"),
    "broken-flow": ExpressionError("user.age >", "unexpected end"),
    "storage": StorageUnavailable("the database is away"),
    "bug": RuntimeError("secret internals: password=hunter2"),
}


async def _raise(request: web.Request) -> web.Response:
    raise RAISED[request.match_info["name"]]


async def _echo(request: web.Request) -> web.Response:
    return web.json_response(await read_json(request))


@pytest.fixture
async def client() -> AsyncIterator[test_utils.TestClient]:
    app = web.Application(middlewares=[request_context_middleware, problem_middleware])
    app.router.add_get("/raise/{name}", _raise)
    app.router.add_post("/echo", _echo)
    async with test_utils.TestClient(test_utils.TestServer(app)) as client:
        yield client


@pytest.mark.parametrize(
    ("name", "status", "problem_type"),
    [
        ("missing", 404, "not-found"),
        ("stale", 409, "stale-revision"),
        ("invalid", 422, "validation-failed"),
        ("rejected", 422, "validation-failed"),
        ("forbidden", 403, "forbidden"),
        ("anonymous", 401, "unauthenticated"),
        ("broken-flow", 422, "flow-runtime-error"),
        ("storage", 503, "storage-unavailable"),
        ("bug", 500, "internal-error"),
    ],
)
async def test_each_error_has_one_status_and_a_problem_body(
    client: test_utils.TestClient, name: str, status: int, problem_type: str
) -> None:
    response = await client.get(f"/raise/{name}")
    body = await response.json(content_type=None)

    assert response.status == status
    assert response.content_type == PROBLEM_CONTENT_TYPE
    assert body["type"] == problem_type
    assert body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail", "errors"}


async def test_a_stale_revision_tells_the_client_the_current_revision(
    client: test_utils.TestClient,
) -> None:
    body = await (await client.get("/raise/stale")).json(content_type=None)

    assert body["current_revision"] == 7


async def test_field_errors_are_listed_by_field(client: test_utils.TestClient) -> None:
    body = await (await client.get("/raise/invalid")).json(content_type=None)

    assert body["errors"] == [{"field": "input", "message": "must be a number"}]


async def test_an_unexpected_error_leaks_nothing_but_keeps_the_request_id(
    client: test_utils.TestClient,
) -> None:
    response = await client.get("/raise/bug", headers={REQUEST_ID_HEADER: "trace-123"})
    text = await response.text()

    assert "hunter2" not in text
    assert "Traceback" not in text
    assert response.headers[REQUEST_ID_HEADER] == "trace-123"


async def test_a_body_that_is_not_json_is_a_400_naming_the_body(
    client: test_utils.TestClient,
) -> None:
    response = await client.post("/echo", data="{not json", headers={"Content-Type": "application/json"})
    body = await response.json(content_type=None)

    assert response.status == 400
    assert body["type"] == "malformed-body"
    assert [error["field"] for error in body["errors"]] == ["body"]


async def test_an_unknown_path_is_a_problem_too(client: test_utils.TestClient) -> None:
    response = await client.get("/nowhere")

    assert response.status == 404
    assert response.content_type == PROBLEM_CONTENT_TYPE


async def test_an_unsafe_request_id_is_replaced(client: test_utils.TestClient) -> None:
    response = await client.get("/nowhere", headers={REQUEST_ID_HEADER: "bad id\twith spaces"})

    assert response.headers[REQUEST_ID_HEADER] != "bad id\twith spaces"
    assert len(response.headers[REQUEST_ID_HEADER]) == 32
