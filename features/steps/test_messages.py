"""Steps for messages.feature: message nodes of every kind, and CMS content said by id."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from features.steps.chat import Chat
from features.steps.common_steps import demo_school, huey_says, quoted
from features.steps.flow_sketch import FlowSketch

scenarios("messages.feature")

PICTURE = "https://media.example.org/huey/waving.png"


@given("a published flow where Huey greets the child by name")
def greets_by_name(chat: Chat) -> None:
    sketch = FlowSketch("Greeting")
    sketch.says("Welcome back, {{ user.name }}!")
    chat.publish(sketch)


@given(quoted('a published flow from an older editor where Huey says "{text}"'))
def older_editor(chat: Chat, text: str) -> None:
    sketch = FlowSketch("Old greeting")
    sketch.then("message", {"text": text})
    chat.publish(sketch)


@given(quoted('a published flow where Huey shows a picture described as "{text}"'))
def shows_picture(chat: Chat, text: str) -> None:
    sketch = FlowSketch("Picture")
    sketch.then("message", {"messages": [{"type": "image", "content": {"url": PICTURE, "alt": text}}]})
    chat.publish(sketch)


@given("a published flow where Huey shows the child's reading list")
def shows_reading_list(chat: Chat) -> None:
    sketch = FlowSketch("Reading list")
    sketch.then("message", {"messages": [{"type": "book_list", "source": "temp.reading_list"}]})
    chat.publish(sketch)


@given(parsers.re(r'a published flow where Huey types for (?P<seconds>\d+) seconds before saying "(?P<text>[^"]*)"$'))
def types_before_saying(chat: Chat, seconds: str, text: str) -> None:
    sketch = FlowSketch("Thinking")
    message = {"type": "text", "content": {"text": text}, "delay": int(seconds)}
    sketch.then("message", {"messages": [message], "typing_indicator": True})
    chat.publish(sketch)


@given(quoted('a published flow where Huey says "{text}" and waits, then says "{other}"'))
def says_and_waits(chat: Chat, text: str, other: str) -> None:
    sketch = FlowSketch("Story time")
    sketch.says(text, wait_for_ack=True)
    sketch.says(other)
    chat.publish(sketch)


def _joke(chat: Chat, text: str, status: str = "published", school: str | None = None) -> str:
    raw = {"seed_key": f"joke-{text}", "type": "joke", "content": {"text": text}, "status": status}
    school_id = None
    if school is not None:
        raw["visibility"] = "school"
        school_id = chat.world.add_school(demo_school(school)).wriveted_identifier
    [content_id] = chat.world.add_content([raw], school_id=school_id)
    return content_id


@given(quoted('the content library holds the joke "{text}"'), target_fixture="joke_id")
def library_joke(chat: Chat, text: str) -> str:
    return _joke(chat, text)


@given(quoted('the content library holds the draft joke "{text}"'), target_fixture="joke_id")
def library_draft_joke(chat: Chat, text: str) -> str:
    return _joke(chat, text, status="draft")


@given(quoted('the content library holds the joke "{text}" for "{name}" only'), target_fixture="joke_id")
def library_school_joke(chat: Chat, text: str, name: str) -> str:
    return _joke(chat, text, school=name)


@given(quoted('a published flow where Huey tells that joke and then says "{text}"'))
def tells_the_joke(chat: Chat, joke_id: str, text: str) -> None:
    sketch = FlowSketch("Jokes")
    sketch.then("message", {"messages": [{"content_id": joke_id}, {"type": "text", "content": {"text": text}}]})
    chat.publish(sketch)


@when(quoted('a child whose reading list holds "{text}" starts chatting'))
def child_with_reading_list(chat: Chat, text: str) -> None:
    books = [{"title": title.strip()} for title in text.split(",")]
    chat.start({"temp": {"reading_list": books}})


@then(quoted('Huey shows a picture described as "{text}"'))
def picture_shown(chat: Chat, text: str) -> None:
    pictures = [m for m in chat.last.messages if m["type"] == "image"]
    assert [p["content"]["alt"] for p in pictures] == [text], chat.last.messages
    assert pictures[0]["content"]["url"] == PICTURE


@then(parsers.re(r'Huey says "(?P<text>[^"]*)" after showing it is typing for (?P<seconds>\d+) seconds$'))
def typed_then_said(chat: Chat, text: str, seconds: str) -> None:
    huey_says(chat, text)
    [message] = [m for m in chat.last.messages if m["type"] == "text"]
    assert message["typing_indicator"] is True
    assert message["delay"] == int(seconds)
