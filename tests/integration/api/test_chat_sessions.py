"""The chat endpoints on PostgreSQL: start, answer, read, change and end a conversation."""

from __future__ import annotations

from aiohttp import test_utils

from application.use_cases.import_flow import ImportFlow
from entrypoints.api.chat import schemas
from entrypoints.api.keys import CONTAINER
from entrypoints.container import resolved
from tests import shared_fixtures
from tests.chat_api import ChatApi
from tests.chat_world import AT_SCHOOL, HUEY


async def test_a_started_chat_greets_the_child_and_sets_its_cookies(api: ChatApi) -> None:
    reply = await api.start(HUEY, AT_SCHOOL)

    assert reply.status == 201
    body = schemas.StartedChat.model_validate(reply.body)
    assert body.flow_name == "Huey Bookbot"
    assert body.theme and body.theme["name"] == "Huey Bookbot"
    assert body.current_node_id == "greeting_response" and body.revision == 1
    assert body.messages[0]["content"]["text"].startswith("Hello there, I'm Huey")
    assert body.next_node["messages"] == body.messages
    assert len(body.session_token) >= 43  # 256 bits, URL-safe base64
    assert reply.cookies["csrf_token"] == body.csrf_token
    assert reply.cookies["chat_session"] == body.session_token


async def test_the_session_cookie_is_http_only_and_both_are_same_site(api: ChatApi) -> None:
    async with api.http.request("POST", "/v1/chat/start", json={"flow_id": HUEY}) as response:
        morsels = {name: morsel for name, morsel in response.cookies.items()}

    assert morsels["chat_session"]["httponly"]
    assert not morsels["csrf_token"]["httponly"]
    assert morsels["chat_session"]["samesite"] == morsels["csrf_token"]["samesite"] == "Strict"


async def test_an_answer_moves_the_conversation_on_by_one_revision(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    reply = await api.interact(chat, "hello", "choice")

    assert reply.status == 200
    body = schemas.ConversationReply.model_validate(reply.body)
    assert body.current_node_id == "school_confirm" and body.revision == 2
    assert body.input_request and body.input_request["question"]["text"] == (
        "Shall we find some books at Admin UI Test School? 📚"
    )


async def test_a_refused_answer_asks_again_and_changes_nothing(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    reply = await api.interact(chat, "not an option", "choice")
    session = await api.session(chat.token)

    assert reply.status == 200 and reply.body["current_node_id"] == "greeting_response"
    assert reply.body["messages"][0].get("error") is True
    assert session.body["revision"] == 1


async def test_reading_a_session_shows_its_state_without_engine_bookkeeping(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    await api.interact(chat, "hello", "choice")

    reply = await api.session(chat.token)

    assert reply.status == 200
    view = schemas.SessionView.model_validate(reply.body)
    assert view.status == "active" and view.revision == 2
    assert view.state["context"]["school_name"] == "Admin UI Test School"
    assert "system" not in view.state
    assert view.input_request and view.input_request["variable"] == "temp.school_confirm"


async def test_history_comes_in_pages_with_a_total(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)
    await api.interact(chat, "hello", "choice")

    first = await api.history(chat.token, limit=2)
    rest = await api.history(chat.token, offset=2, limit=200)

    assert first.status == rest.status == 200
    page = schemas.HistoryPage.model_validate(first.body)
    assert len(page.items) == 2 and page.total == first.body["total"] == rest.body["total"]
    assert len(rest.body["items"]) == page.total - 2
    kinds = {item["interaction_type"] for item in rest.body["items"]}
    assert "input" in kinds


async def test_changing_variables_from_outside_bumps_the_revision(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    reply = await api.patch_state(chat, {"user.nickname": "Bee", "temp": {"mood": "happy"}}, revision=1)

    assert reply.status == 200
    assert reply.body["revision"] == 2
    assert reply.body["state"]["user"]["nickname"] == "Bee"
    assert reply.body["state"]["temp"]["mood"] == "happy"


async def test_the_engines_own_scopes_cannot_be_changed(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    reply = await api.patch_state(chat, {"system.pending": None, "session.id": "x"})

    assert reply.status == 422
    assert set(reply.fields) == {"updates.system.pending", "updates.session.id"}


async def test_an_ended_conversation_takes_no_more_answers(api: ChatApi) -> None:
    chat = await api.begin(HUEY, AT_SCHOOL)

    ended = await api.end(chat, {"status": "abandoned"})
    answer = await api.interact(chat, "hello", "choice")
    again = await api.end(chat)

    assert ended.status == 200 and ended.body["status"] == "abandoned" and ended.body["ended_at"]
    assert answer.status == 409 and answer.problem == "session-ended"
    assert again.status == 409


async def test_a_chat_can_start_by_flow_id_as_well_as_seed_key(api: ChatApi) -> None:
    chat = await api.begin(HUEY)
    session = await api.session(chat.token)

    again = await api.start(session.body["flow_id"])

    assert again.status == 201 and again.body["flow_name"] == "Huey Bookbot"


async def test_an_unknown_flow_cannot_start(api: ChatApi) -> None:
    reply = await api.start("no-such-flow")

    assert reply.status == 404 and reply.problem == "not-found"


async def test_only_a_published_flow_starts(api: ChatApi, chat_client: test_utils.TestClient) -> None:
    container = chat_client.server.app[CONTAINER]
    document = dict(shared_fixtures.load("huey-profile-flow.json"), seed_key="draft-only-profile")
    await (await resolved(container.import_flow()))(ImportFlow(document=document, publish=False))

    reply = await api.start("draft-only-profile")

    assert reply.status == 404 and reply.problem == "not-found"
