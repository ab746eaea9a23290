"""Steps for runaway.feature: the per-turn step limit stops a flow that never waits.

Publishing refuses a loop of plain steps, so the runaway here loops through a reused flow (a
composite might ask something, so validation lets it through) that in fact never asks.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then

from domain.errors import FlowRuntimeError
from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch, seed_key_of

scenarios("runaway.feature")


def _tick_loop(sketch: FlowSketch, name: str) -> str:
    """A composite running ``name`` that leads back to itself; its id."""
    composite = sketch.then("composite", {"composite_flow_seed_key": seed_key_of(name)})
    sketch.connect(composite, composite)
    return composite


@given(quoted('a published flow "{name}" that only notes down one more tick'))
def tick_flow(chat: Chat, name: str) -> None:
    sketch = FlowSketch(name)
    sketch.acts({"type": "increment", "variable": "temp.ticks"})
    chat.publish(sketch)


@given(quoted('a published flow that runs "{name}" over and over without asking anything'))
def runaway_at_start(chat: Chat, name: str) -> None:
    sketch = FlowSketch("Runaway")
    _tick_loop(sketch, name)
    chat.publish(sketch)


@given(quoted('a published flow that asks "{text}" and then runs "{name}" over and over'))
def runaway_after_question(chat: Chat, text: str, name: str) -> None:
    sketch = FlowSketch("Runaway later")
    sketch.asks(text, "temp.ready")
    _tick_loop(sketch, name)
    chat.publish(sketch)


@given(
    parsers.re(
        r'a published flow that runs "(?P<name>[^"]*)" until it has ticked (?P<count>\d+) times '
        r'and then says "(?P<text>[^"]*)"$'
    )
)
def bounded_loop(chat: Chat, name: str, count: str, text: str) -> None:
    sketch = FlowSketch("Counting")
    composite = sketch.then("composite", {"composite_flow_seed_key": seed_key_of(name)})
    condition = sketch.then("condition", {"conditions": [{"if": f"temp.ticks < {int(count)}", "then": "$0"}]})
    sketch.connect(condition, composite, "$0")
    sketch.says(text)
    chat.publish(sketch)


@then(quoted('the conversation is stopped with the error "{text}"'))
def stopped(chat: Chat, text: str) -> None:
    assert isinstance(chat.failure, FlowRuntimeError), chat.failure
    assert text in chat.failure.message, chat.failure.message


@then("no conversation was kept")
def nothing_kept(chat: Chat) -> None:
    assert chat.token is None
    assert chat.run(chat.world.sessions_kept()) == 0


@then(quoted('Huey is still waiting for an answer to "{text}"'))
def still_waiting(chat: Chat, text: str) -> None:
    pending = chat.stored.waiting_for
    assert pending is not None and pending["question"] == {"text": text}, pending
