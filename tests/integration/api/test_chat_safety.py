"""What the chat API refuses: forged requests, unknown sessions and bad input, storing nothing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable

import pytest
from aiohttp import test_utils

from entrypoints.api.app import create_app
from entrypoints.api.csrf import CsrfGuard, CookiePolicy
from entrypoints.container import build_container
from tests.chat_api import Chat, ChatApi
from tests.chat_world import AT_SCHOOL, HUEY, TEST_KEY, chat_settings, table_counts

pytestmark = pytest.mark.usefixtures("huey_database")

Forge = Callable[[str, str], str | None]


def _csrf_for(token: str) -> str:
    return CsrfGuard(TEST_KEY.encode(), CookiePolicy()).token_for(token)


# -- CSRF --------------------------------------------------------------------------------------


# What the stranger sends: (X-CSRF-Token header, csrf_token cookie), given the chat and
# another chat (the stranger's own). None means "not sent".
FORGERIES = {
    "no header": (lambda mine, theirs: None, lambda mine, theirs: mine),
    "a wrong header": (lambda mine, theirs: "x" * 43, lambda mine, theirs: mine),
    "no cookie": (lambda mine, theirs: mine, lambda mine, theirs: None),
    "another chat's token in both": (lambda mine, theirs: theirs, lambda mine, theirs: theirs),
}


@pytest.mark.parametrize(("header", "cookie"), FORGERIES.values(), ids=FORGERIES.keys())
async def test_a_state_change_without_this_chats_csrf_proof_is_refused(
    api: ChatApi, chat_client: test_utils.TestClient, huey_database: str, header: Forge, cookie: Forge
) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    other = await api.begin(HUEY, AT_SCHOOL)
    chat_client.session.cookie_jar.clear()
    sent_cookie = cookie(chat.csrf, other.csrf)
    if sent_cookie is not None:
        chat_client.session.cookie_jar.update_cookies({"csrf_token": sent_cookie})
    csrf = header(chat.csrf, other.csrf)
    before = await table_counts(huey_database)

    answer = await api.interact(chat, "hello", "choice", csrf=csrf)
    patch = await api.patch_state(chat, {"user.name": "Mallory"}, csrf=csrf)
    end = await api.end(chat, csrf=csrf)

    assert [answer.status, patch.status, end.status] == [403, 403, 403]
    assert answer.problem == "forbidden"
    assert await table_counts(huey_database) == before


async def test_reading_a_chat_needs_only_its_token(api: ChatApi, chat_client: test_utils.TestClient) -> None:
    chat = await api.begin(HUEY)
    chat_client.session.cookie_jar.clear()

    assert (await api.session(chat.token)).status == 200
    assert (await api.history(chat.token)).status == 200


# -- unknown sessions --------------------------------------------------------------------------


async def test_an_unknown_session_token_is_not_found(api: ChatApi, chat_client: test_utils.TestClient) -> None:
    unknown = "x" * 43
    chat = Chat(unknown, _csrf_for(unknown), "", {})
    chat_client.session.cookie_jar.clear()
    chat_client.session.cookie_jar.update_cookies({"csrf_token": chat.csrf})

    replies = [
        await api.session(unknown),
        await api.history(unknown),
        await api.interact(chat, "hello"),
        await api.end(chat),
        await api.patch_state(chat, {"user.name": "Ann"}),
        await api.session("y" * 400),
    ]

    assert [r.status for r in replies] == [404] * 6
    assert {r.problem for r in replies} == {"not-found"}


# -- bad input ---------------------------------------------------------------------------------

BAD_INTERACT_BODIES = {
    "malformed JSON": (b'{"input": "hel', 400, "body"),
    "a list, not an object": (b'["hello"]', 422, "body"),
    "no input at all": (b'{"input_type": "choice"}', 422, "input"),
    "a revision that is not a number": (b'{"input": "hello", "revision": "two"}', 422, "revision"),
    "a revision below one": (b'{"input": "hello", "revision": 0}', 422, "revision"),
    "an input type that is not text": (b'{"input": "hello", "input_type": 7}', 422, "input_type"),
}


@pytest.mark.parametrize(("raw", "status", "field"), BAD_INTERACT_BODIES.values(), ids=BAD_INTERACT_BODIES.keys())
async def test_a_bad_answer_body_is_refused_naming_the_field_and_nothing_is_stored(
    api: ChatApi, huey_database: str, raw: bytes, status: int, field: str
) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    before = await table_counts(huey_database)

    reply = await api.interact(chat, None, raw=raw)

    assert reply.status == status
    assert reply.headers["Content-Type"].startswith("application/problem+json")
    assert field in reply.fields
    assert await table_counts(huey_database) == before


async def test_unknown_fields_are_ignored(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    reply = await api.interact(chat, None, raw=b'{"input": "hello", "input_type": "choice", "colour": "blue"}')

    assert reply.status == 200 and reply.body["revision"] == 2


BAD_STARTS = {
    "no flow": ({"initial_state": {}}, "flow_id"),
    "a flow id that is a number": ({"flow_id": 12}, "flow_id"),
    "a user id that is not a UUID": ({"flow_id": HUEY, "user_id": "bob"}, "user_id"),
    "initial state that is a list": ({"flow_id": HUEY, "initial_state": []}, "initial_state"),
    "an engine scope in the initial state": ({"flow_id": HUEY, "initial_state": {"system": {}}}, "initial_state.system"),
    "a school id that is not a UUID": (
        {"flow_id": HUEY, "initial_state": {"context": {"school_wriveted_id": "nope"}}},
        "initial_state.context.school_wriveted_id",
    ),
}


@pytest.mark.parametrize(("body", "field"), BAD_STARTS.values(), ids=BAD_STARTS.keys())
async def test_a_bad_start_is_refused_naming_the_field_and_nothing_is_stored(
    api: ChatApi, huey_database: str, body: dict, field: str
) -> None:
    before = await table_counts(huey_database)

    reply = await api.call("POST", "/v1/chat/start", json=body)

    assert reply.status == 422
    assert field in reply.fields
    assert await table_counts(huey_database) == before


async def test_a_body_over_the_size_limit_is_refused(api: ChatApi, huey_database: str) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    before = await table_counts(huey_database)
    huge = json.dumps({"input": "x" * 1_100_000}).encode()

    reply = await api.interact(chat, None, raw=huge)

    assert reply.status == 413 and reply.problem == "body-too-large"
    assert reply.fields == ["body"]
    assert await table_counts(huey_database) == before


async def test_state_that_would_pass_one_megabyte_is_refused(api: ChatApi, huey_database: str) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    before = await table_counts(huey_database)
    # Under the body limit, over the state limit once added to what is there.
    updates = {f"temp.blob{i}": "y" * 200_000 for i in range(5)}

    reply = await api.patch_state(chat, updates)

    assert reply.status == 422 and reply.fields == ["updates"]
    assert await table_counts(huey_database) == before


async def test_an_unusable_idempotency_key_is_refused(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    reply = await api.interact(chat, "hello", "choice", idempotency_key="k" * 200)

    assert reply.status == 422 and reply.fields == ["Idempotency-Key"]


# -- cookies -----------------------------------------------------------------------------------


@pytest.fixture
async def default_client(huey_database: str) -> AsyncIterator[test_utils.TestClient]:
    settings = chat_settings(huey_database, cookie_insecure_localhost=False)
    app = create_app(build_container(settings, huey_database))
    async with test_utils.TestClient(test_utils.TestServer(app)) as client:
        yield client


async def test_cookies_are_secure_unless_relaxed_for_localhost(default_client: test_utils.TestClient) -> None:
    async with default_client.post("/v1/chat/start", json={"flow_id": HUEY}) as response:
        morsels = dict(response.cookies.items())

    assert response.status == 201
    assert morsels["chat_session"]["secure"] and morsels["csrf_token"]["secure"]
