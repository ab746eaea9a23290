"""Steps for scripts.feature: script nodes emitted as client actions, and script results."""

from __future__ import annotations

from typing import Any, Mapping

from pytest_bdd import given, scenarios, then, when

from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch, says_message

scenarios("scripts.feature")

SCRIPT_RESULT = "script_result"
CODE = "celebrate(inputs.name); return {'temp.score': 42, 'user.badge': 'Star reader'};"
LIBRARY = "https://cdn.example.org/confetti.js"


@given("a published flow where the child's browser runs a celebration script that reports a score and a badge")
def script_flow(chat: Chat) -> None:
    sketch = FlowSketch("Celebration")
    script = sketch.then(
        "script",
        {
            "language": "javascript",
            "code": CODE,
            "inputs": {"name": "user.name"},
            "outputs": ["temp.score", "user.badge"],
            "dependencies": [LIBRARY],
            "timeout": 3000,
        },
    )
    sketch.open_ends = [(script, "success")]
    sketch.says("Well done!", "You scored {{temp.score}} and earned {{user.badge}}!")
    sketch.branch(script, "failure", "message", says_message("The celebration did not work, but well done anyway!"))
    chat.publish(sketch)


def _report(chat: Chat, result: Any) -> None:
    chat.answer(result, SCRIPT_RESULT)


@when('the browser reports a score of 42, the badge "Star reader", and that the child is a teacher')
def reports_results(chat: Chat) -> None:
    _report(chat, {"success": True, "outputs": {"temp.score": 42, "user.badge": "Star reader", "user.is_teacher": True}})


@when("the browser reports that the script failed")
def reports_failure(chat: Chat) -> None:
    _report(chat, {"success": False, "outputs": {}, "error": "confetti is not defined"})


@when("the browser reports something that is not a set of named results")
def reports_garbage(chat: Chat) -> None:
    _report(chat, "42")


@then(quoted('the child\'s browser is asked to run the celebration script for "{name}"'))
def script_handed_over(chat: Chat, name: str) -> None:
    [action] = chat.last.client_actions
    assert action["type"] == "script"
    assert action["language"] == "javascript" and action["code"] == CODE
    assert action["inputs"] == {"name": name}
    assert action["outputs"] == ["temp.score", "user.badge"]
    assert action["dependencies"] == [LIBRARY] and action["timeout"] == 3000


def _waits_for_result(request: Mapping[str, Any] | None) -> None:
    assert request is not None and request["input_type"] == SCRIPT_RESULT, request


@then("Huey waits for the script's result")
def waits(chat: Chat) -> None:
    _waits_for_result(chat.last.input_request)
    assert chat.last.session_ended is False


@then("Huey remembers the score as the number 42")
def score_kept(chat: Chat) -> None:
    assert chat.remembered("temp.score") == 42 and type(chat.remembered("temp.score")) is int
    assert chat.remembered("user.badge") == "Star reader"


@then("Huey does not remember that the child is a teacher")
def undeclared_dropped(chat: Chat) -> None:
    assert "is_teacher" not in chat.state["user"], chat.state["user"]


@then(quoted('Huey explains "{text}" and waits for the script\'s result again'))
def explains_and_waits(chat: Chat, text: str) -> None:
    assert chat.last.error() == text
    assert text in chat.last.texts()
    _waits_for_result(chat.last.input_request)
