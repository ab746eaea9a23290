"""Steps every conversation spec shares: starting a chat, answering, and what Huey says back.

``features/steps/conftest.py`` imports this module, so every feature file under ``features/``
can use these steps and the ``world`` and ``chat`` fixtures; ``world`` is the one ``--driver``
names (``features/conftest.py``). Quoted text is matched exactly and may not itself contain a
double quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from domain.conversation.session import SessionStatus
from features.steps.chat import Chat, Reply
from features.steps.flow_sketch import FlowSketch
from features.steps.spec_world import HTTP, MEMORY, MemorySpecWorld, SpecWorld
from features.steps.support import Run
from tests import shared_fixtures
from tests.http_world import HttpWorld

QUOTED = r'"(?P<text>[^"]*)"'


def quoted(pattern: str) -> Any:
    """A step pattern where ``{text}`` / ``{other}`` stand for quoted text without quotes."""
    expression = pattern.replace('"{text}"', QUOTED).replace('"{other}"', r'"(?P<other>[^"]*)"')
    return parsers.re(expression.replace('"{name}"', r'"(?P<name>[^"]*)"') + "$")


@pytest.fixture
def world(request: pytest.FixtureRequest, run: Run[Any]) -> Iterator[SpecWorld]:
    """The memory world, or with ``--driver=http`` the real application on an emptied database."""
    if request.config.getoption("driver", MEMORY) != HTTP:
        yield MemorySpecWorld()
        return
    served = HttpWorld(request.getfixturevalue("clean_database"), run)
    try:
        run(served.serve())
        yield served
    finally:
        run(served.close())


@pytest.fixture
def chat(world: SpecWorld, run: Run[Any]) -> Chat:
    return Chat(world=world, run=run)


def demo_school(name: str) -> dict[str, Any]:
    """The demo data set's school, which must be the one the spec names."""
    school = shared_fixtures.demo_seed()["school"]
    assert school["name"] == name, f"the demo data has no school {name!r}"
    return school


@given(quoted('the school "{name}" uses Huey'))
def school_uses_huey(world: SpecWorld, name: str) -> None:
    world.add_school(demo_school(name))


# -- flows ------------------------------------------------------------------------------------


@given(quoted('a published flow where Huey says "{text}"'))
def flow_that_says(chat: Chat, text: str) -> None:
    sketch = FlowSketch("Hello")
    sketch.says(text)
    chat.publish(sketch)


# -- talking ----------------------------------------------------------------------------------


@when("a child starts chatting")
def child_starts(chat: Chat) -> None:
    chat.start()


@when(quoted('a child at "{name}" starts chatting'))
def child_at_school_starts(chat: Chat, name: str) -> None:
    chat.start({"context": {"school_wriveted_id": demo_school(name)["wriveted_identifier"]}})


@when(quoted('a child called "{name}" starts chatting'))
def named_child_starts(chat: Chat, name: str) -> None:
    chat.start({"user": {"name": name}})


@when(quoted('the child answers "{text}"'))
def child_answers(chat: Chat, text: str) -> None:
    chat.answer(text)


@when("the child answers nothing")
def child_answers_nothing(chat: Chat) -> None:
    chat.answer("")


@when("the child carries on")
def child_carries_on(chat: Chat) -> None:
    chat.answer("acknowledged", "continue")


# -- what Huey says ---------------------------------------------------------------------------


@then(quoted('Huey says "{text}"'))
def huey_says(chat: Chat, text: str) -> None:
    assert text in chat.last.texts(), f"Huey said {chat.last.texts()}"


@then(quoted('Huey does not say "{text}"'))
def huey_does_not_say(chat: Chat, text: str) -> None:
    assert text not in chat.last.texts(), f"Huey said {chat.last.texts()}"


@then(quoted('Huey says "{text}" and waits for the child to carry on'))
def huey_says_and_waits(chat: Chat, text: str) -> None:
    huey_says(chat, text)
    assert chat.last.wait_for_acknowledgment is True
    assert chat.last.input_request is not None and chat.last.input_request["input_type"] == "continue"


@then(quoted('Huey asks "{text}"'))
def huey_asks(chat: Chat, text: str) -> None:
    reply = chat.last
    assert reply.question() == text, f"Huey asked {reply.question()!r}"
    assert reply.error() is None, f"Huey complained {reply.error()!r}"
    assert any(m["type"] == "question" for m in reply.messages)


@then(quoted('Huey asks "{text}" again, explaining "{other}"'))
def huey_asks_again(chat: Chat, text: str, other: str) -> None:
    assert_asked_again(chat.last, text, other)


@then("nothing Huey remembers has changed")
def nothing_changed(chat: Chat) -> None:
    assert chat.state == chat.state_before
    assert chat.stored.revision == chat.revision_before


@then("the conversation is over")
def conversation_over(chat: Chat) -> None:
    assert chat.last.session_ended is True
    assert chat.last.input_request is None
    assert chat.stored.status is SessionStatus.COMPLETED


@then("Huey's own bookkeeping never reaches the child")
def bookkeeping_private(chat: Chat) -> None:
    for reply in chat.replies:
        for message in reply.messages:
            assert message["type"] in {"text", "rich_text", "image", "video", "audio", "book_list", "question"}, message
            assert "system" not in message


def assert_asked_again(reply: Reply, question: str, error: str) -> None:
    """The answer was refused: Huey gives the reason and repeats the same question."""
    assert reply.error() == error, f"Huey complained {reply.error()!r}"
    assert reply.texts()[0] == error, f"Huey said {reply.texts()}"
    assert reply.question() == question, f"Huey asked {reply.question()!r}"
    assert reply.session_ended is False


@when(quoted('the child taps "{text}"'))
def child_taps(chat: Chat, text: str) -> None:
    """A choice answered by its label, as the widget's button shows it."""
    options = (chat.last.input_request or {}).get("options") or []
    assert any(option.get("label") == text for option in options), f"no button {text!r} in {options}"
    chat.answer(text)


@then(quoted('Huey shows the books "{text}"'))
def huey_shows_books(chat: Chat, text: str) -> None:
    lists = [m for m in chat.last.messages if m["type"] == "book_list"]
    assert lists, f"Huey showed no book list in {chat.last.messages}"
    titles = [book.get("title") for book in lists[-1]["content"]["books"]]
    assert titles == [title.strip() for title in text.split(",")], titles


@then(parsers.re(r'Huey says (?P<texts>"[^"]*"(?:, then "[^"]*")+)$'))
def huey_says_in_order(chat: Chat, texts: str) -> None:
    """Each text is said, in this order, in the last reply (other messages may come between)."""
    said = chat.last.texts()
    position = 0
    for text in re.findall(r'"([^"]*)"', texts):
        assert text in said[position:], f"{text!r} not said after {said[:position]} in {said}"
        position = said.index(text, position) + 1
