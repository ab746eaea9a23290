"""Steps for questions.feature: every input type, refusals, library and random questions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch, says_message
from features.steps.question_kinds import PICTURES, options_of, question_content

scenarios("questions.feature")

ANSWER = "temp.answer"
CLASS_BLOG = "https://blogs.example.org/room-12"
SHOWN = "temp.shown_questions"
SEEN_BEFORE = "user.seen_questions"


@pytest.fixture
def library() -> dict[str, str]:
    """Content library questions by their text: their ids."""
    return {}


def _publish_question(chat: Chat, question: str, content: dict[str, Any]) -> None:
    sketch = FlowSketch("Quiz")
    sketch.then("question", {"question": {"text": question}, "variable": ANSWER, **content})
    sketch.says("Thanks!")
    chat.publish(sketch)


def _titles(text: str) -> list[str]:
    return re.findall(r'"([^"]*)"', text)


# -- static questions -------------------------------------------------------------------------


@given(parsers.re(r'a published flow where Huey asks "(?P<text>[^"]*)" as (?P<kind>[^"]+)$'))
def flow_asking(chat: Chat, text: str, kind: str) -> None:
    _publish_question(chat, text, question_content(kind))


@given(
    parsers.re(
        r'a published flow where Huey asks "(?P<text>[^"]*)" as (?P<kind>[^"]+), '
        r'explaining mistakes with "(?P<other>[^"]*)"$'
    )
)
def flow_asking_with_explanation(chat: Chat, text: str, kind: str, other: str) -> None:
    content = question_content(kind)
    content["validation"] = {**content.get("validation", {}), "error_message": other}
    _publish_question(chat, text, content)


@given(parsers.re(r'a published flow where Huey asks "(?P<text>[^"]*)" with the ages (?P<ages>\d+(?:, \d+)* and \d+) to choose from$'))
def flow_asking_age_choice(chat: Chat, text: str, ages: str) -> None:
    options = [{"label": age, "value": age, "age_number": int(age)} for age in re.findall(r"\d+", ages)]
    sketch = FlowSketch("Age")
    sketch.asks(text, "temp.age_selection", "choice", options=options)
    chat.publish(sketch)


@given(quoted('a published flow where Huey asks "{text}" and replies to each pet its own way'))
def flow_with_option_paths(chat: Chat, text: str) -> None:
    sketch = FlowSketch("Pets")
    question = sketch.asks(text, "temp.pet", "choice", options=options_of("Cats, Dogs or Dragons"))
    for index, reply in enumerate(("Purr-fect choice!", "Woof! Good choice!", "Watch your eyebrows!")):
        sketch.branch(question, f"option_{index}", "message", says_message(reply))
    chat.publish(sketch)


@when("the child gives the address of their class blog")
def gives_blog(chat: Chat) -> None:
    chat.answer(CLASS_BLOG)


@then(quoted('Huey remembers the text "{text}"'))
def remembers_text(chat: Chat, text: str) -> None:
    assert chat.remembered(ANSWER) == text


@then(parsers.re(r"Huey remembers the number (?P<number>[\d.]+)$"))
def remembers_number(chat: Chat, number: str) -> None:
    expected = float(number) if "." in number else int(number)
    value = chat.remembered(ANSWER)
    assert value == expected and type(value) is type(expected), f"remembered {value!r}"


@then(parsers.re(r'Huey remembers the option "(?P<text>[^"]*)"(?P<picture> with its picture)?$'))
def remembers_option(chat: Chat, text: str, picture: str | None) -> None:
    value = chat.remembered(ANSWER)
    assert isinstance(value, dict) and value["label"] == text and value["value"] == text, value
    if picture:
        assert value["image_url"] == f"{PICTURES}{text.lower()}.png"


@then(quoted('Huey remembers the options "{text}" and "{other}"'))
def remembers_options(chat: Chat, text: str, other: str) -> None:
    assert [option["label"] for option in chat.remembered(ANSWER)] == [text, other]


@then("Huey remembers the address of their class blog")
def remembers_blog(chat: Chat) -> None:
    assert chat.remembered(ANSWER) == CLASS_BLOG


@then("Huey remembers the child's age as the number 9 from the chosen option")
def remembers_age_from_option(chat: Chat) -> None:
    chosen = chat.remembered("temp.age_selection")
    assert chosen == {"label": "9", "value": "9", "age_number": 9}
    assert type(chosen["age_number"]) is int


@then("Huey remembers nothing for the answer")
def remembers_nothing(chat: Chat) -> None:
    assert "answer" in chat.state["temp"] and chat.state["temp"]["answer"] is None


# -- the content library ----------------------------------------------------------------------


@given(quoted('the content library holds the question "{text}"'))
def library_question(chat: Chat, library: dict[str, str], text: str) -> None:
    raw = {"seed_key": text, "type": "question", "content": {"question_text": text}}
    [library[text]] = chat.world.add_content([raw])


@given(parsers.re(r"a published flow where Huey asks that question, offering (?P<names>[^\"]+)$"))
def flow_asking_library_question(chat: Chat, library: dict[str, str], names: str) -> None:
    [content_id] = library.values()
    content = {"question": {"content_id": content_id}, "input_type": "choice", "options": options_of(names)}
    sketch = FlowSketch("Animals")
    sketch.then("question", {**content, "variable": ANSWER})
    chat.publish(sketch)


@then(quoted('the child can choose "{text}" or "{other}"'))
def can_choose(chat: Chat, text: str, other: str) -> None:
    request = chat.last.input_request
    assert request is not None and request["input_type"] == "choice"
    assert [option["label"] for option in request["options"]] == [text, other]


# -- random preference questions --------------------------------------------------------------


@given(parsers.re(r"the content library holds picture questions for ages (?P<low>\d+) to (?P<high>\d+): (?P<titles>.+)$"))
def library_picture_questions(chat: Chat, library: dict[str, str], low: str, high: str, titles: str) -> None:
    for title in _titles(titles):
        answers = [{"text": side.strip(" ?"), "image_url": f"{PICTURES}{i}.png"} for i, side in enumerate(title.split(" or "))]
        raw = {
            "seed_key": title,
            "type": "question",
            "tags": ["picture-pick"],
            "info": {"min_age": int(low), "max_age": int(high)},
            "content": {"question_text": title, "answers": answers},
        }
        [library[title]] = chat.world.add_content([raw])


def _random_question(track: str, exclude: str | None = None) -> dict[str, Any]:
    config: dict[str, Any] = {
        "type": "question",
        "tags": ["picture-pick"],
        "info_filters": {"min_age": "{{user.age}}", "max_age": "{{user.age}}"},
    }
    if exclude:
        config["exclude_from"] = exclude
    return {"source": "random", "source_config": config, "track_shown_in": track, "input_type": "image_choice", "variable": "temp.pick"}


@given("a published flow where Huey asks three random picture questions suited to the child's age")
def flow_three_random(chat: Chat) -> None:
    sketch = FlowSketch("Pictures")
    for _ in range(3):
        sketch.then("question", _random_question(SHOWN))
    sketch.says("Thanks!")
    chat.publish(sketch)


@given("a published flow where Huey asks one random picture question the child has not seen before")
def flow_one_unseen(chat: Chat) -> None:
    sketch = FlowSketch("One more picture")
    sketch.then("question", _random_question(SEEN_BEFORE, exclude=SEEN_BEFORE))
    chat.publish(sketch)


@when(parsers.re(r"a child aged (?P<age>\d+) starts chatting$"))
def child_of_age(chat: Chat, age: str) -> None:
    chat.start({"user": {"age": int(age)}})


@when(parsers.re(r"a child aged (?P<age>\d+) who has already seen (?P<titles>.+) starts chatting$"))
def child_who_has_seen(chat: Chat, library: dict[str, str], age: str, titles: str) -> None:
    chat.start({"user": {"age": int(age), "seen_questions": [library[t] for t in _titles(titles)]}})


@when("the child picks the first picture each time Huey asks", target_fixture="asked")
def pick_until_done(chat: Chat) -> list[str]:
    asked = []
    while chat.last.input_request and chat.last.input_request["input_type"] == "image_choice":
        asked.append(chat.last.question() or "")
        chat.answer(chat.last.input_request["options"][0]["label"])
        assert chat.last.error() is None, chat.last.error()
    return asked


@when(parsers.re(r"(?P<count>\d+) children aged (?P<age>\d+) each answer all of Huey's picture questions$"), target_fixture="asked_by_child")
def many_children(chat: Chat, count: str, age: str) -> list[list[str]]:
    asked_by_child = []
    for _ in range(int(count)):
        child_of_age(chat, age)
        asked_by_child.append(pick_until_done(chat))
    return asked_by_child


@then(parsers.re(r"Huey asked (?P<titles>.+) in some order$"))
def asked_in_some_order(asked: list[str], titles: str) -> None:
    assert sorted(asked) == sorted(_titles(titles)), asked


@then(parsers.re(r"Huey asks one of (?P<titles>.+)$"))
def asks_one_of(chat: Chat, titles: str) -> None:
    assert chat.last.question() in _titles(titles), chat.last.question()


@then("Huey remembers only that question as seen")
def remembers_only_that_one(chat: Chat, library: dict[str, str]) -> None:
    assert chat.remembered(SEEN_BEFORE) == [library[chat.last.question() or ""]]


@then("Huey remembers the three questions it showed")
def remembers_shown(chat: Chat, library: dict[str, str], asked: list[str]) -> None:
    assert chat.remembered(SHOWN) == [library[title] for title in asked]


@then("no child was asked the same question twice")
def no_repeats(asked_by_child: list[list[str]]) -> None:
    for asked in asked_by_child:
        assert len(asked) == 3 and len(set(asked)) == 3, asked


@then("not every child was asked the same question first")
def orders_differ(asked_by_child: list[list[str]]) -> None:
    assert len({asked[0] for asked in asked_by_child}) > 1, asked_by_child
