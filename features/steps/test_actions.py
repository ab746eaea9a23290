"""Steps for actions.feature: set_variable, increment/decrement, delete, aggregate, api_call."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch, says_message

scenarios("actions.feature")

TOPIC_COUNT = "/v1/library/topic-count"
LIBRARY_SAYS = "Your library has {{temp.count}} books about {{ temp.topic }}!"


# -- set_variable -----------------------------------------------------------------------------


@given("a published flow that asks the child's age from 8, 9 and 10 and notes it down")
def notes_age(chat: Chat) -> None:
    options = [{"label": str(age), "value": str(age), "age_number": age} for age in (8, 9, 10)]
    sketch = FlowSketch("Age notes")
    sketch.asks("How old are you?", "temp.age_selection", "choice", options=options)
    sketch.acts(
        {"type": "set_variable", "variable": "user.age_number", "value": "{{temp.age_selection.age_number}}"},
        {"type": "set_variable", "variable": "user.age_label", "value": "Age {{temp.age_selection.age_number}}"},
        {"type": "set_variable", "variable": "user.ages", "value": ["{{temp.age_selection.age_number}}"]},
    )
    sketch.says("Noted!")
    chat.publish(sketch)


@then("Huey remembers the child's age as the number 9")
def age_is_number(chat: Chat) -> None:
    value = chat.remembered("user.age_number")
    assert value == 9 and type(value) is int, repr(value)


@then(quoted('Huey remembers the label "{text}" as words'))
def label_is_words(chat: Chat, text: str) -> None:
    assert chat.remembered("user.age_label") == text


@then("Huey remembers the age in a list as the number 9")
def age_in_list(chat: Chat) -> None:
    value = chat.remembered("user.ages")
    assert value == [9] and type(value[0]) is int, repr(value)


# -- increment / decrement --------------------------------------------------------------------


@given(parsers.re(r"a published flow that (?P<verb>adds|takes) (?P<amount>\d+) (?:to|from) the books the child has read and says how many$"))
def counts_books(chat: Chat, verb: str, amount: str) -> None:
    kind = "increment" if verb == "adds" else "decrement"
    sketch = FlowSketch("Counter")
    sketch.acts({"type": kind, "variable": "user.books_read", "amount": int(amount)})
    sketch.says("You have read {{user.books_read}} books!")
    chat.publish(sketch)


@when(parsers.re(r"a child who has read (?P<before>\d+|no) books starts chatting$"))
def child_with_count(chat: Chat, before: str) -> None:
    chat.start({"user": {"books_read": int(before)}} if before != "no" else {})


# -- delete_variable --------------------------------------------------------------------------


@given("a published flow that forgets the child's nickname")
def forgets_nickname(chat: Chat) -> None:
    sketch = FlowSketch("Forget")
    sketch.acts({"type": "delete_variable", "variable": "user.nickname"})
    sketch.says("Okay, {{user.name}}.")
    chat.publish(sketch)


@when(quoted('a child called "{name}" with the nickname "{text}" starts chatting'))
def child_with_nickname(chat: Chat, name: str, text: str) -> None:
    chat.start({"user": {"name": name, "nickname": text}})


@then("Huey no longer remembers the child's nickname")
def nickname_gone(chat: Chat) -> None:
    assert "nickname" not in chat.state["user"], chat.state["user"]


@then(quoted('Huey still remembers the child is called "{name}"'))
def name_kept(chat: Chat, name: str) -> None:
    assert chat.remembered("user.name") == name
    assert f"Okay, {name}." in chat.last.texts()


# -- aggregate --------------------------------------------------------------------------------


@given("a published flow that adds up the child's picture scores and keeps their two strongest preferences")
def profile_flow(chat: Chat) -> None:
    sketch = FlowSketch("Profile")
    sketch.acts(
        {"type": "aggregate", "expression": "merge(temp.picks)", "target": "user.profile"},
        {"type": "aggregate", "expression": "top_keys(user.profile, 2)", "target": "user.strongest"},
    )
    sketch.says("Got it!")
    chat.publish(sketch)


@when("a child who scored these pictures starts chatting")
def child_with_scores(chat: Chat, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    picks = [{name: float(score) for name, score in zip(header[1:], row[1:]) if score.strip()} for row in rows]
    chat.start({"temp": {"picks": picks}})


@then("Huey's profile of the child is")
def profile_is(chat: Chat, datatable: list[list[str]]) -> None:
    expected = {name: float(score) for name, score in datatable[1:]}
    assert chat.remembered("user.profile") == pytest.approx(expected)


@then(quoted('Huey remembers the child\'s two strongest preferences as "{text}" and "{other}"'))
def strongest(chat: Chat, text: str, other: str) -> None:
    assert chat.remembered("user.strongest") == [text, other]


@given("a published flow that adds up the pages the child has read, written in the older form")
def pages_flow(chat: Chat) -> None:
    sketch = FlowSketch("Pages")
    sketch.acts({"type": "aggregate", "source": "temp.books", "field": "pages", "operation": "sum", "target": "temp.pages"})
    sketch.says("That is {{temp.pages}} pages!")
    chat.publish(sketch)


@when(parsers.re(r"a child who has read books of (?P<pages>\d+(?:, \d+)* and \d+) pages starts chatting$"))
def child_with_books(chat: Chat, pages: str) -> None:
    books = [{"pages": int(n)} for n in pages.replace(" and ", ", ").split(", ")]
    chat.start({"temp": {"books": books}})


# -- api_call ---------------------------------------------------------------------------------


@given(parsers.re(r'the library service says the school has (?P<count>\d+) books about "(?P<text>[^"]*)"$'))
def library_answers(chat: Chat, count: str, text: str) -> None:
    chat.world.api.answer("POST", TOPIC_COUNT, {"topic": text, "count": int(count)})


@given("the library service is not answering")
def library_down(chat: Chat) -> None:
    chat.world.api.answer("POST", TOPIC_COUNT, {"detail": "unavailable"}, status=503)


def _api_call(**extra: Any) -> dict[str, Any]:
    config = {
        "endpoint": TOPIC_COUNT,
        "method": "POST",
        "body": {"topic": "{{temp.topic}}"},
        "response_mapping": {"count": "temp.count"},
        **extra,
    }
    return {"type": "api_call", "config": config}


@given("a published flow that asks the library service how many books there are about the child's topic")
def library_flow(chat: Chat) -> None:
    sketch = FlowSketch("Library count")
    call = sketch.acts(_api_call(response_variable="temp.library_answer", error_variable="temp.library_error"))
    sketch.open_ends = [(call, "success")]
    sketch.says(LIBRARY_SAYS)
    sketch.branch(call, "failure", "message", says_message("I can't reach the library right now."))
    chat.publish(sketch)


@given("a published flow that asks the library service how many books there are, with a stand-in answer of 0 books")
def library_flow_with_fallback(chat: Chat) -> None:
    sketch = FlowSketch("Library count")
    sketch.acts(_api_call(fallback_response={"count": 0}))
    sketch.says(LIBRARY_SAYS)
    chat.publish(sketch)


@when(quoted('a child interested in "{text}" starts chatting'))
def child_with_topic(chat: Chat, text: str) -> None:
    chat.start({"temp": {"topic": text}})


@then(quoted('the library service was asked about "{text}"'))
def library_asked(chat: Chat, text: str) -> None:
    [call] = chat.world.api.calls
    assert call.body == {"topic": text}


@then("Huey remembers the library service's whole answer")
def whole_answer(chat: Chat) -> None:
    assert chat.remembered("temp.library_answer") == {"topic": "dragons", "count": 12}


@then("Huey remembers that the library service did not answer")
def remembers_failure(chat: Chat) -> None:
    assert chat.remembered("temp.library_error") == {"status": 503, "error": None}
    assert chat.remembered("temp.count") is None
