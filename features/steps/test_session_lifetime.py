"""Steps for session_lifetime.feature: the clock moves on between a child's answers."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from domain.errors import SessionNotFound
from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch
from features.steps.spec_world import SpecWorld

scenarios("session_lifetime.feature")


@given(quoted('a published flow where Huey asks "{text}" and then says "{other}"'))
def asks_then_says(chat: Chat, text: str, other: str) -> None:
    sketch = FlowSketch("Greeting")
    sketch.asks(text, "user.name")
    sketch.says(other)
    chat.publish(sketch)


@when(parsers.parse("the child comes back {hours:d} hours later"))
def time_passes(world: SpecWorld, hours: int) -> None:
    world.clock.advance(hours * 3600)


@then("Huey does not recognise the conversation")
def not_recognised(chat: Chat) -> None:
    assert isinstance(chat.failure, SessionNotFound), f"the engine said {chat.failure!r}"


@then("the child cannot read back the conversation either")
def cannot_read_back(chat: Chat) -> None:
    with pytest.raises(SessionNotFound):
        chat.read_back()
