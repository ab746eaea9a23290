"""Steps for chat_runtime.feature: the real application on PostgreSQL, over HTTP in-process.

A child's widget is a ``ChatApi`` with its own cookie jar; a second device shares the chat's
token and CSRF proof (the same child, another tab); a stranger's page has neither.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from aiohttp import test_utils
from pytest_bdd import given, parsers, scenarios, then, when

from application.ports.persistence import REPLY_LIFETIME
from domain.tenancy.identity import Role
from entrypoints.api.app import create_app
from entrypoints.api.auth import mint_token
from entrypoints.container import build_container
from features.steps.support import Run
from tests.chat_api import Chat, ChatApi, Reply
from tests.chat_world import HUEY, SCHOOL, TEST_KEY, chat_settings, load_huey, stored_replies, table_counts, tidy_up
from tests.fixtures.postgres import _truncate_all

scenarios("chat_runtime.feature")

SCHOOLS = {"Admin UI Test School": SCHOOL}
FLOWS = {"Huey Bookbot": HUEY}
PARTS = {"the whole message": "body", "the answer": "input", "the revision": "revision"}
GARBLED = {
    "a garbled message": b'{"input": "hel',
    "a message with no answer in it": b'{"input_type": "choice"}',
    "a message whose revision is not a number": b'{"input": "hello", "revision": "two"}',
    "a message bigger than a megabyte": json.dumps({"input": "x" * 1_100_000}).encode(),
}


@dataclass(slots=True)
class Scene:
    """What the scenario has seen so far."""

    database_url: str
    clients: list[test_utils.TestClient] = field(default_factory=list)
    child: ChatApi | None = None
    chat: Chat | None = None
    reply: Reply | None = None
    replies: list[Reply] = field(default_factory=list)
    before: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def huey_loaded(database_url: str) -> str:
    asyncio.run(_truncate_all(database_url))
    asyncio.run(load_huey(database_url))
    return database_url


@pytest.fixture
def scene(run: Run[Any], huey_loaded: str) -> Iterator[Scene]:
    scene = Scene(huey_loaded)
    yield scene
    for client in scene.clients:
        run(client.close())


def _widget(run: Run[Any], scene: Scene) -> ChatApi:
    async def open_client() -> test_utils.TestClient:
        app = create_app(build_container(chat_settings(scene.database_url), scene.database_url))
        client = test_utils.TestClient(test_utils.TestServer(app))
        await client.start_server()
        return client

    client = run(open_client())
    scene.clients.append(client)
    return ChatApi(client)


def _start(run: Run[Any], scene: Scene, school: str) -> None:
    scene.child = _widget(run, scene)
    scene.reply = run(scene.child.start(HUEY, {"context": {"school_wriveted_id": SCHOOLS[school]}}))
    body = scene.reply.body
    scene.chat = Chat(body["session_token"], body["csrf_token"], body["session_id"], body)


def _texts(reply: Reply) -> list[str]:
    return [m["content"]["text"] for m in reply.body["messages"] if m["type"] == "text"]


def _snapshot(run: Run[Any], scene: Scene) -> None:
    scene.before = run(table_counts(scene.database_url))


# -- given -------------------------------------------------------------------------------------


@given(parsers.parse('the "{flow}" flow is published for "{school}"'))
def flow_published(huey_loaded: str, flow: str, school: str) -> None:
    assert flow in FLOWS and school in SCHOOLS


@given(parsers.parse('a child at "{school}" is chatting with Huey'))
def child_chatting(run: Run[Any], scene: Scene, school: str) -> None:
    _start(run, scene, school)
    _snapshot(run, scene)


@given(parsers.parse('a child at "{school}" is chatting with Huey on two devices'))
def child_on_two_devices(run: Run[Any], scene: Scene, school: str) -> None:
    _start(run, scene, school)


# -- when --------------------------------------------------------------------------------------


@when(parsers.parse('a child at "{school}" starts a chat with Huey'))
def child_starts(run: Run[Any], scene: Scene, school: str) -> None:
    _start(run, scene, school)


@when(parsers.parse('the child says "{words}"'))
def child_says(run: Run[Any], scene: Scene, words: str) -> None:
    assert scene.child and scene.chat
    scene.reply = run(scene.child.interact(scene.chat, words, "choice"))


@when(parsers.parse('both devices answer "{words}" at the same moment'))
def both_devices_answer(run: Run[Any], scene: Scene, words: str) -> None:
    assert scene.child and scene.chat
    child, chat = scene.child, scene.chat

    async def at_once() -> list[Reply]:
        devices = [child.interact(chat, words, "choice", revision=chat.last["revision"]) for _ in range(2)]
        return list(await asyncio.gather(*devices))

    scene.replies = run(at_once())


@given(parsers.parse('the child\'s answer "{words}" was sent twice because the network hiccuped'))
@when(parsers.parse('the child\'s answer "{words}" is sent twice because the network hiccuped'))
def answer_sent_twice(run: Run[Any], scene: Scene, words: str) -> None:
    assert scene.child and scene.chat
    key = f"tap-{uuid4()}"
    scene.replies = [run(scene.child.interact(scene.chat, words, "choice", idempotency_key=key)) for _ in range(2)]


@when(parsers.parse('a page on another site tries to answer "{words}" for the child'))
def stranger_answers(run: Run[Any], scene: Scene, words: str) -> None:
    assert scene.chat
    stranger = _widget(run, scene)  # its own browser: none of the child's cookies
    scene.reply = run(stranger.interact(scene.chat, words, "choice", csrf=None))


@when("someone tries to continue a chat that does not exist")
def continue_unknown(run: Run[Any], scene: Scene) -> None:
    scene.reply = run(_widget(run, scene).session("no-such-chat-" + "x" * 30))


@when(parsers.parse("the widget sends {what}"))
def widget_sends(run: Run[Any], scene: Scene, what: str) -> None:
    assert scene.child and scene.chat
    scene.reply = run(scene.child.interact(scene.chat, None, raw=GARBLED[what]))


@when("the child closes the chat")
def child_closes(run: Run[Any], scene: Scene) -> None:
    assert scene.child and scene.chat
    scene.reply = run(scene.child.end(scene.chat))
    assert scene.reply.status == 200


@when("the school's administrator lists the school's conversations")
def admin_lists(run: Run[Any], scene: Scene) -> None:
    bearer = mint_token(TEST_KEY.encode(), Role.SCHOOL_ADMIN, school_id=UUID(SCHOOL))
    scene.reply = run(_widget(run, scene).admin_sessions(bearer, limit=200))


@when("a student asks for the list of conversations")
def student_lists(run: Run[Any], scene: Scene) -> None:
    bearer = mint_token(TEST_KEY.encode(), Role.STUDENT, school_id=UUID(SCHOOL))
    scene.reply = run(_widget(run, scene).admin_sessions(bearer))


# -- then --------------------------------------------------------------------------------------


@then(parsers.parse('Huey says "{words}"'))
def huey_says(scene: Scene, words: str) -> None:
    assert scene.reply and words in _texts(scene.reply)


@then(parsers.parse('Huey offers the choice "{label}"'))
def huey_offers(scene: Scene, label: str) -> None:
    assert scene.reply
    assert label in [o["label"] for o in scene.reply.body["input_request"]["options"]]


@then("the chat shows Huey's own colours")
def huey_colours(scene: Scene) -> None:
    assert scene.reply and scene.reply.body["theme"]["name"] == "Huey Bookbot"


@then(parsers.parse('Huey asks "{question}"'))
def huey_asks(scene: Scene, question: str) -> None:
    assert scene.reply and scene.reply.body["input_request"]["question"]["text"] == question


@then("Huey asks the same question again")
def asks_again(scene: Scene) -> None:
    assert scene.reply and scene.chat
    assert scene.reply.body["current_node_id"] == "greeting_response"
    assert scene.reply.body["input_request"]["options"] == scene.chat.options


@then("the conversation has not changed")
def unchanged(run: Run[Any], scene: Scene) -> None:
    assert run(table_counts(scene.database_url)) == scene.before


@then("exactly one answer is accepted")
def one_accepted(scene: Scene) -> None:
    assert sorted(r.status for r in scene.replies) == [200, 409]


@then("the other device is told the chat has moved on")
def told_moved_on(scene: Scene) -> None:
    refused = next(r for r in scene.replies if r.status != 200)
    accepted = next(r for r in scene.replies if r.status == 200)
    assert refused.problem == "stale-revision"
    assert refused.body["current_revision"] == accepted.body["revision"]


@then("Huey replies the same both times")
def same_reply(scene: Scene) -> None:
    first, second = scene.replies
    assert first.status == second.status == 200 and first.body == second.body


@then("the conversation moved on only once")
def moved_once(run: Run[Any], scene: Scene) -> None:
    assert scene.child and scene.chat
    assert run(scene.child.session(scene.chat.token)).body["revision"] == 2


@when("the chat service tidies up an hour later")
def tidy_up_an_hour_later(run: Run[Any], scene: Scene) -> None:
    run(tidy_up(scene.database_url, timedelta(hours=1)))


@when("the chat service tidies up a day later")
def tidy_up_a_day_later(run: Run[Any], scene: Scene) -> None:
    run(tidy_up(scene.database_url, REPLY_LIFETIME + timedelta(minutes=1)))


@then("Huey still keeps its reply in case the answer is retried")
def reply_kept(run: Run[Any], scene: Scene) -> None:
    assert scene.chat
    assert run(stored_replies(scene.database_url, scene.chat.session_id)) == 1


@then("Huey no longer keeps that reply")
def reply_let_go(run: Run[Any], scene: Scene) -> None:
    assert scene.chat
    assert run(stored_replies(scene.database_url, scene.chat.session_id)) == 0


@then("the conversation is still there, history and all")
def conversation_kept(run: Run[Any], scene: Scene) -> None:
    assert scene.child and scene.chat
    assert run(scene.child.session(scene.chat.token)).body["revision"] == 2
    history = run(scene.child.history(scene.chat.token)).body
    assert history["total"] >= 3 and any(item["interaction_type"] == "input" for item in history["items"])


@then("the stranger is refused")
def stranger_refused(scene: Scene) -> None:
    assert scene.reply and scene.reply.status == 403


@then("they are told there is no such chat")
def no_such_chat(scene: Scene) -> None:
    assert scene.reply and scene.reply.status == 404


@then(parsers.parse("the widget is told the problem is with {part}"))
def told_problem(scene: Scene, part: str) -> None:
    assert scene.reply and 400 <= scene.reply.status < 500
    assert PARTS[part] in scene.reply.fields


@then("the child is told the chat has already ended")
def told_ended(scene: Scene) -> None:
    assert scene.reply and scene.reply.problem == "session-ended"


@then("they see the child's conversation")
def sees_conversation(scene: Scene) -> None:
    assert scene.reply and scene.chat
    assert scene.chat.session_id in {item["session_id"] for item in scene.reply.body["items"]}


@then("the student is refused")
def student_refused(scene: Scene) -> None:
    assert scene.reply and scene.reply.status == 403
