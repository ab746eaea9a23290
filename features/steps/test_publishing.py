"""Steps for publishing.feature: drafts checked by validation, refused on errors, live on warnings."""

from __future__ import annotations

from typing import Any, Callable
from uuid import UUID

from pytest_bdd import given, parsers, scenarios, then, when

from application.use_cases.import_flow import ImportFlow
from application.use_cases.publish_flow import FlowPublished, PublishFlow, ValidateFlow
from domain.errors import FlowInvalid, FlowNotFound, ValidationFailed
from domain.flows.validation.report import ValidationReport
from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch, says_message

scenarios("publishing.feature")

Problem = Callable[[FlowSketch], None]
Outcome = FlowPublished | FlowInvalid


def _set_a_variable() -> dict[str, Any]:
    return {"type": "set_variable", "variable": "temp.ticks", "value": 1}


def _webhook(url: str, timeout: int = 10) -> Problem:
    return lambda sketch: _then(sketch, "webhook", {"url": url, "method": "POST", "timeout": timeout})


def _then(sketch: FlowSketch, node_type: str, content: dict[str, Any]) -> None:
    sketch.then(node_type, content)


def _loop(sketch: FlowSketch) -> None:
    first = sketch.acts(_set_a_variable())
    second = sketch.acts(_set_a_variable())
    sketch.connect(second, first, "success")


def _unreachable(sketch: FlowSketch) -> None:
    sketch.add("message", says_message("Nobody ever hears me."))


def _condition(rule: str) -> Problem:
    def add(sketch: FlowSketch) -> None:
        condition = sketch.then("condition", {"conditions": [{"if": rule, "then": "$0"}]})
        sketch.branch(condition, "$0", "message", says_message("A teenager!"))
        sketch.connect(condition, sketch.add("message", says_message("Not yet a teenager.")))

    return add


def _condition_without_default(sketch: FlowSketch) -> None:
    condition = sketch.then("condition", {"conditions": [{"if": "temp.age >= 13", "then": "$0"}]})
    sketch.open_ends = [(condition, "$0")]


def _dangling(sketch: FlowSketch) -> None:
    sketch.connect(sketch.nodes[-1]["id"], "nowhere", "success")


PROBLEMS: dict[str, Problem] = {
    "a question that stores its answer nowhere": lambda s: _then(s, "question", {"question": {"text": "Why?"}}),
    "an answer stored in the conversation's own facts": lambda s: s.asks("What is your name?", "session.name"),
    "a choice question with nothing to choose from": lambda s: s.asks("Pick one", "temp.pick", "choice"),
    "a webhook with a password in its address": _webhook("https://quiz:hunter2@scores.example.org/save"),
    "a webhook that calls the server itself": _webhook("https://localhost:8080/save"),
    "a loop that never asks the child anything": _loop,
    "a step that runs a flow that does not exist": lambda s: _then(s, "composite", {"composite_flow_seed_key": "no-such-flow"}),
    "a rule that cannot be understood": _condition("temp.age >= >= 13"),
    "a rule that reads Huey's private bookkeeping": _condition("system.pending != null"),
    "a way out that leads to a step that is not there": _dangling,
    "a choice question with a single option": lambda s: s.asks(
        "Ready?", "temp.ready", "choice", options=[{"label": "Yes", "value": "yes"}]
    ),
    "a webhook over plain, unencrypted web": _webhook("http://scores.example.org/save"),
    "a webhook that may wait 200 seconds": _webhook("https://scores.example.org/save", timeout=200),
    "a step that nothing leads to": _unreachable,
    "a rule with no way to go when it fails": _condition_without_default,
}


def _quiz(name: str, *problems: str) -> FlowSketch:
    sketch = FlowSketch(name)
    sketch.says("Hello!")
    sketch.asks("How old are you?", "temp.age", "number")
    for problem in problems:
        PROBLEMS[problem](sketch)
    sketch.says("Thanks!")
    return sketch


def _save_draft(chat: Chat, sketch: FlowSketch) -> UUID:
    imported = chat.run(chat.world.import_flow(ImportFlow(document=sketch.document(), publish=False)))
    chat.flows[sketch.name] = imported.flow.id
    chat.flow_name = sketch.name
    return imported.flow.id


@given(parsers.re(r'a content editor has written a flow "(?P<name>[^"]*)" with (?P<problems>.+)$'), target_fixture="draft")
def draft_with(chat: Chat, name: str, problems: str) -> UUID:
    named = [problems] if problems in PROBLEMS else problems.split(" and ")
    return _save_draft(chat, _quiz(name, *named))


@given(quoted('the "{name}" flow is published asking "{text}"'))
def quiz_published(chat: Chat, name: str, text: str) -> None:
    assert text == "How old are you?"
    chat.publish(_quiz(name))


@given(parsers.re(r'a content editor has changed the "(?P<name>[^"]*)" flow to have (?P<problem>.+)$'), target_fixture="draft")
def draft_change(chat: Chat, name: str, problem: str) -> UUID:
    return _save_draft(chat, _quiz(name, problem))


@when(
    parsers.re(r'a content editor saves a flow "(?P<name>[^"]*)" with (?P<problem>.+)$'), target_fixture="save_refusal"
)
def save_with(chat: Chat, name: str, problem: str) -> ValidationFailed | None:
    chat.flow_name = name
    try:
        _save_draft(chat, _quiz(name, problem))
    except ValidationFailed as refusal:
        return refusal
    return None


@then(quoted('saving is refused because "{text}"'))
def saving_refused(save_refusal: ValidationFailed | None, text: str) -> None:
    assert save_refusal is not None, "the flow was saved"
    assert any(text in error.message for error in save_refusal.errors), save_refusal.errors


@when("the content editor publishes it", target_fixture="outcome")
def publish(chat: Chat, draft: UUID) -> Outcome:
    try:
        return chat.run(chat.world.publish(PublishFlow(flow_id=draft)))
    except FlowInvalid as refusal:
        return refusal


@when("the content editor checks it", target_fixture="report")
def check(chat: Chat, draft: UUID) -> ValidationReport:
    return chat.run(chat.world.validate(ValidateFlow(flow_id=draft)))


@then(quoted('publishing is refused because "{text}"'))
def refused(outcome: Outcome, text: str) -> None:
    assert isinstance(outcome, FlowInvalid), "the flow was published"
    errors = [f for f in outcome.report["findings"] if f["severity"] == "error"]
    assert any(text in finding["message"] for finding in errors), errors


@then("the refusal says where the problem is and how to fix it")
def refusal_explained(outcome: Outcome) -> None:
    assert isinstance(outcome, FlowInvalid)
    assert outcome.errors, "the refusal names no field"
    for finding in outcome.report["findings"]:
        if finding["severity"] == "error":
            assert finding["field"] and finding["suggested_fix"], finding


@then(quoted('children cannot start the "{name}" flow'))
def cannot_start(chat: Chat, name: str) -> None:
    assert chat.start(flow=name) is None
    assert isinstance(chat.failure, FlowNotFound), chat.failure


@then(quoted('the flow is published with the warning "{text}"'))
def published_with_warning(outcome: Outcome, text: str) -> None:
    assert isinstance(outcome, FlowPublished), f"refused: {getattr(outcome, 'report', outcome)}"
    assert outcome.report.is_valid
    assert any(text in finding.message for finding in outcome.report.warnings), outcome.report.warnings


@then(parsers.re(r"the check finds (?P<count>\d+) problems that block publishing$"))
def check_finds(report: ValidationReport, count: str) -> None:
    assert len(report.errors) == int(count), report.errors
