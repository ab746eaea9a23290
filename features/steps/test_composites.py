"""Steps for composites.feature: sub-flows with shared scopes, explicit I/O, nesting, pinning."""

from __future__ import annotations

import json

from pytest_bdd import given, parsers, scenarios, then, when

from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch, seed_key_of

scenarios("composites.feature")


def _runs(sketch: FlowSketch, name: str, **io: object) -> str:
    return sketch.then("composite", {"composite_flow_seed_key": seed_key_of(name), **io})


def _publish_sub_flow(chat: Chat, sketch: FlowSketch) -> None:
    outer = chat.flow_name
    chat.publish(sketch)
    chat.flow_name = outer or sketch.name


@given(
    quoted(
        'a published flow "{name}" that asks "{text}" and says "Nice choice, Ava!" using the child\'s name'
    )
)
def colour_flow(chat: Chat, name: str, text: str) -> None:
    sketch = FlowSketch(name)
    sketch.asks(text, "temp.colour")
    sketch.says("Nice choice, {{user.name}}!")
    chat.publish(sketch)


@given(quoted('a published flow that greets the child, runs "{name}", and then says which colour the child likes'))
def greeting_flow(chat: Chat, name: str) -> None:
    sketch = FlowSketch("Colour chat")
    sketch.says("Hi {{user.name}}, let me ask you something.")
    _runs(sketch, name)
    sketch.says("So you like {{temp.colour}}.")
    chat.publish(sketch)


@given(quoted('a published flow "{name}" that doubles its input number, keeps working notes, and produces a result and a remark'))
def doubler_flow(chat: Chat, name: str) -> None:
    sketch = FlowSketch(name)
    sketch.says("Doubling {{input.number}}...")
    sketch.acts(
        {"type": "set_variable", "variable": "local.scratch", "value": "halfway there"},
        {"type": "aggregate", "expression": "input.number * 2", "target": "output.result"},
        {"type": "set_variable", "variable": "output.remark", "value": "that was easy"},
    )
    chat.publish(sketch)


@given(quoted('a published flow that asks for a number, runs "{name}" with it, and takes back only the result'))
def asks_and_doubles(chat: Chat, name: str) -> None:
    sketch = FlowSketch("Number game")
    sketch.asks("Pick a number", "temp.number", "number")
    # The seeds' single-brace template form, as their composite example writes inputs.
    _runs(sketch, name, inputs={"number": "{temp.number}"}, outputs={"result": "temp.doubled"})
    sketch.says("Twice {{temp.number}} is {{temp.doubled}}.")
    chat.publish(sketch)


@given(quoted('a published flow "{name}" that asks "{text}" and then says "{other}"'))
def inner_flow(chat: Chat, name: str, text: str, other: str) -> None:
    sketch = FlowSketch(name)
    sketch.asks(text, "temp.ready")
    sketch.says(other)
    chat.publish(sketch)


@given(parsers.re(r'a published flow "(?P<name>[^"]*)" that runs "(?P<inner>[^"]*)" and then says "(?P<text>[^"]*)"$'))
def wrapping_flow(chat: Chat, name: str, inner: str, text: str) -> None:
    sketch = FlowSketch(name)
    composite = _runs(sketch, inner)
    sketch.open_ends = [(composite, "complete")]
    sketch.says(text)
    chat.publish(sketch)


@when(quoted('a content editor publishes "{name}" again, now saying "{text}"'))
def republish_inner(chat: Chat, name: str, text: str) -> None:
    sketch = FlowSketch(name)
    sketch.asks("Are you ready?", "temp.ready")
    sketch.says(text)
    _publish_sub_flow(chat, sketch)


@then("Huey remembers the doubled number as the number 42")
def doubled(chat: Chat) -> None:
    value = chat.remembered("temp.doubled")
    assert value == 42 and type(value) is int, repr(value)


@then("the reused flow's working notes and remark are nowhere in what Huey remembers")
def nothing_leaked(chat: Chat) -> None:
    remembered = json.dumps(chat.state)
    for private in ("halfway there", "scratch", "that was easy", "remark"):
        assert private not in remembered, f"{private!r} leaked into {remembered}"
