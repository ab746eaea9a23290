"""Steps for conditions.feature: CEL and legacy rules, ``$N`` branches, default paths, guards."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, when

from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch, says_message

scenarios("conditions.feature")

OLDER_FORMAT = "in the older rule format"
EXPRESSION = "as an expression"
ON_THE_WAY_OUT = "on the way out"

# Each rule the specs name, in the older JSON form and as CEL; the child's facts are in ``user``.
RULES: dict[str, tuple[Any, str]] = {
    "the child is 9": ({"var": "user.age", "eq": 9}, "user.age == 9"),
    "the child is not 9": ({"var": "user.age", "ne": 9}, "user.age != 9"),
    "the child is older than 8": ({"var": "user.age", "gt": 8}, "user.age > 8"),
    "the child is at least 10": ({"var": "user.age", "gte": 10}, "user.age >= 10"),
    "the child is younger than 10": ({"var": "user.age", "lt": 10}, "user.age < 10"),
    "the child is at most 8": ({"var": "user.age", "lte": 8}, "user.age <= 8"),
    "the child's age is one of 8, 9 and 10": ({"var": "user.age", "in": [8, 9, 10]}, "user.age in [8, 9, 10]"),
    "the child likes Fantasy": ({"var": "user.genres", "contains": "Fantasy"}, "'Fantasy' in user.genres"),
    "the child likes Horror": ({"var": "user.genres", "contains": "Horror"}, "'Horror' in user.genres"),
    "Huey knows the child's name": ({"var": "user.name", "exists": True}, "has(user.name)"),
    "the child is 9 and likes Mystery": (
        {"and": [{"var": "user.age", "eq": 9}, {"var": "user.genres", "contains": "Mystery"}]},
        "user.age == 9 && 'Mystery' in user.genres",
    ),
    "the child is 12 or likes Horror": (
        {"or": [{"var": "user.age", "eq": 12}, {"var": "user.genres", "contains": "Horror"}]},
        "user.age == 12 || 'Horror' in user.genres",
    ),
    "the child is not younger than 9": ({"not": {"var": "user.age", "lt": 9}}, "!(user.age < 9)"),
    "the child likes at least two genres": (None, "size(user.genres) >= 2"),
}


@pytest.fixture
def child_state() -> dict[str, Any]:
    return {}


def _written(rule: str, written: str) -> Any:
    legacy, expression = RULES[rule]
    if written == OLDER_FORMAT:
        assert legacy is not None, f"{rule!r} has no older form"
        return legacy
    assert written == EXPRESSION, written
    return expression


@given(
    parsers.re(
        r"a published flow that asks the child's age and sends children of 13 or over to the teen shelf, "
        r"with the rule written (?P<written>.+)$"
    )
)
def teen_shelf_flow(chat: Chat, written: str) -> None:
    sketch = FlowSketch("Shelves")
    question = sketch.asks("How old are you?", "temp.age", "number")
    teen = says_message("Welcome to the teen shelf!")
    kids = says_message("Welcome to the picture book corner!")
    if written == ON_THE_WAY_OUT:
        sketch.connect(question, sketch.add("message", teen), guard="temp.age >= 13")
        sketch.connect(question, sketch.add("message", kids))
    else:
        rule = {"var": "temp.age", "gte": 13} if written == OLDER_FORMAT else "temp.age >= 13"
        assert written in (OLDER_FORMAT, EXPRESSION), written
        condition = sketch.then("condition", {"conditions": [{"if": rule, "then": "$0"}]})
        sketch.branch(condition, "$0", "message", teen)
        sketch.branch(condition, "default", "message", kids)
    chat.publish(sketch)


@given(quoted('a child who is 9, likes "{text}" and "{other}", and has not told Huey their name'))
def child_facts(child_state: dict[str, Any], text: str, other: str) -> None:
    child_state["user"] = {"age": 9, "genres": [text, other]}


@given(parsers.re(r'a published flow that says "Yes" when (?P<rule>.+) and "No" otherwise, written (?P<written>.+)$'))
def yes_no_flow(chat: Chat, rule: str, written: str) -> None:
    sketch = FlowSketch("Check")
    condition = sketch.then("condition", {"conditions": [{"if": _written(rule, written), "then": "$0"}]})
    sketch.branch(condition, "$0", "message", says_message("Yes"))
    sketch.branch(condition, "default", "message", says_message("No"))
    chat.publish(sketch)


@given("a published flow that offers picture books under 8, chapter books under 12, and young adult books by default")
def banded_flow(chat: Chat) -> None:
    sketch = FlowSketch("Bands")
    sketch.asks("How old are you?", "temp.age", "number")
    rules = [{"if": "temp.age < 8", "then": "$0"}, {"if": "temp.age < 12", "then": "$1"}]
    condition = sketch.then("condition", {"conditions": rules, "default_path": "$2"})
    for index, books in enumerate(("picture books", "chapter books", "young adult books")):
        sketch.branch(condition, f"${index}", "message", says_message(f"Try some {books}!"))
    chat.publish(sketch)


@given(quoted('a published flow that only says "{text}" to children of 13 or over'))
def no_default_flow(chat: Chat, text: str) -> None:
    sketch = FlowSketch("Teens only")
    sketch.asks("How old are you?", "temp.age", "number")
    condition = sketch.then("condition", {"conditions": [{"if": "temp.age >= 13", "then": "$0"}]})
    sketch.branch(condition, "$0", "message", says_message(text))
    chat.publish(sketch)


@when("the child starts chatting")
def the_child_starts(chat: Chat, child_state: dict[str, Any]) -> None:
    chat.start(child_state)
