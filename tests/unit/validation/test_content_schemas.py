"""Each node type's content is checked against its schema; a bad key is named by its path."""

from __future__ import annotations

from typing import Any

import pytest

from domain.flows.node import Node, NodeType
from domain.flows.validation import Severity
from domain.flows.validation.schemas import schema_findings

VALID_WEBHOOK = {"url": "https://api.example.com/hook", "method": "POST", "timeout": 30}
SET_TEMP = {"type": "set_variable", "variable": "temp.x", "value": 1}


def _findings(node_type: str, content: dict[str, Any]):
    return schema_findings(Node(id="n", type=NodeType(node_type), content=content))


BAD_CONTENT = [
    ("webhook", {**VALID_WEBHOOK, "method": "FETCH"}, "webhook.schema.literal_error", "content.method"),
    ("webhook", {"method": "GET"}, "webhook.schema.missing", "content.url"),
    ("webhook", {**VALID_WEBHOOK, "timeout": "30"}, "webhook.schema.float_type", "content.timeout"),
    ("webhook", {**VALID_WEBHOOK, "timeout": 0}, "webhook.schema.greater_than", "content.timeout"),
    ("webhook", {**VALID_WEBHOOK, "retry": {"attempts": "3"}}, "webhook.schema.int_type", "content.retry.attempts"),
    ("webhook", {**VALID_WEBHOOK, "headers": {"X-Count": 3}}, "webhook.schema.string_type", "content.headers.X-Count"),
    (
        "question",
        {"question": "Pick", "input_type": "dropdown", "variable": "temp.a"},
        "question.schema.literal_error",
        "content.input_type",
    ),
    (
        "question",
        {"question": "Pick", "input_type": "choice", "options": [{"label": "A"}, {"label": 2}], "variable": "temp.a"},
        "question.schema.string_type",
        "content.options[1].label",
    ),
    (
        "question",
        {"question": "Pick", "input_type": "choice", "options": [{"age_number": 5}], "variable": "temp.a"},
        "question.schema.value_error",
        "content.options[0]",
    ),
    (
        "question",
        {"question": "Name?", "validation": {"min_length": "3"}, "variable": "temp.a"},
        "question.schema.int_type",
        "content.validation.min_length",
    ),
    ("question", {"question": {"text": 7}, "variable": "temp.a"}, "question.schema.string_type", "content.question.text"),
    ("question", {"variable": "temp.a"}, "question.schema.value_error", "content"),
    ("question", {"source": "random", "variable": "temp.a"}, "question.schema.value_error", "content"),
    ("question", {"source": "cms", "variable": "temp.a", "text": "?"}, "question.schema.literal_error", "content.source"),
    ("condition", {"conditions": []}, "condition.schema.too_short", "content.conditions"),
    ("condition", {"conditions": [{"if": 5, "then": "$0"}]}, "condition.schema.value_error", "content.conditions[0].if"),
    ("condition", {"conditions": [{"if": "temp.a > 1"}]}, "condition.schema.missing", "content.conditions[0].then"),
    (
        "condition",
        {"conditions": [{"if": {"var": "temp.a", "equals": 1}, "then": "$0"}]},
        "condition.schema.value_error",
        "content.conditions[0].if",
    ),
    (
        "condition",
        {"conditions": [{"if": {"and": [{"var": "temp.a", "eq": 1}, {"gte": 2}]}, "then": "$0"}]},
        "condition.schema.value_error",
        "content.conditions[0].if",
    ),
    ("message", {"messages": [{"type": "image", "alt": "no url"}]}, "message.schema.value_error", "content.messages[0]"),
    ("message", {"messages": [{"type": "gif", "text": "hi"}]}, "message.schema.literal_error", "content.messages[0].type"),
    ("message", {"messages": [{"text": "hi", "delay": "slow"}]}, "message.schema.float_type", "content.messages[0].delay"),
    ("message", {"messages": [{"type": "book_list"}]}, "message.schema.value_error", "content.messages[0]"),
    ("message", {"messages": [], "typing_indicator": "yes"}, "message.schema.bool_type", "content.typing_indicator"),
    ("action", {"actions": ["set temp.x"]}, "action.schema.dict_type", "content.actions[0]"),
    ("action", {"actions": [SET_TEMP, {"type": "teleport"}]}, "action.schema.unknown_type", "content.actions[1].type"),
    ("action", {"actions": [{"type": ["set_variable"]}]}, "action.schema.unknown_type", "content.actions[0].type"),
    ("action", {"actions": [{"type": "set_variable", "value": 1}]}, "action.schema.missing", "content.actions[0].variable"),
    ("action", {"actions": [{"type": "increment", "variable": "temp.n", "amount": "1"}]}, "action.schema.float_type", "content.actions[0].amount"),
    ("action", {"actions": [{"type": "aggregate", "target": "user.x"}]}, "action.schema.value_error", "content.actions[0]"),
    ("action", {"actions": [{"type": "api_call"}]}, "action.schema.value_error", "content.actions[0]"),
    (
        "action",
        {"actions": [{"type": "api_call", "config": {"endpoint": "/v1/recommend", "method": "FETCH"}}]},
        "action.schema.literal_error",
        "content.actions[0].config.method",
    ),
    (
        "action",
        {"actions": [{"type": "api_call", "config": {"endpoint": "/x", "circuit_breaker": {"failure_threshold": 0}}}]},
        "action.schema.greater_than_equal",
        "content.actions[0].config.circuit_breaker.failure_threshold",
    ),
    ("composite", {"inputs": {"age": "{{user.age}}"}}, "composite.schema.value_error", "content"),
    ("composite", {"composite_flow_seed_key": 12}, "composite.schema.string_type", "content.composite_flow_seed_key"),
    ("script", {"language": "python", "code": "print(1)"}, "script.schema.literal_error", "content.language"),
    ("script", {"language": "javascript", "code": ""}, "script.schema.string_too_short", "content.code"),
    ("script", {"language": "javascript", "code": "x()", "outputs": "temp.x"}, "script.schema.list_type", "content.outputs"),
]


@pytest.mark.parametrize(("node_type", "content", "code", "field"), BAD_CONTENT)
def test_a_content_key_of_the_wrong_shape_is_an_error_naming_its_field(node_type, content, code, field) -> None:
    findings = _findings(node_type, content)

    assert [(f.code, f.field) for f in findings] == [(code, f"nodes[n].{field}")]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].node_id == "n"
    assert findings[0].message


def test_a_legacy_condition_error_says_which_part_is_wrong() -> None:
    content = {"conditions": [{"if": {"and": [{"var": "temp.a", "eq": 1}, {"var": "temp.b", "like": 2}]}, "then": "$0"}]}

    (finding,) = _findings("condition", content)

    assert "and[1]" in finding.message and "like" in finding.message


SEED_EXAMPLES = [
    ("message", {"messages": [{"type": "text", "content": "Welcome to Bookbot!", "typing_delay": 1.5},
                              {"type": "image", "url": "https://example.com/bookbot.gif", "alt": "Bookbot waving"}]}),
    ("message", {"messages": [{"content_id": "uuid-here", "delay": 1.5}], "typing_indicator": True}),
    ("message", {"messages": [{"content_id": "uuid-here"}, {"content": "Direct text"}]}),
    ("message", {"text": "Just a line", "wait_for_ack": True}),
    ("question", {"question": "What's your name?", "input_type": "text", "variable": "user_name",
                  "validation": {"required": True, "pattern": "^[a-zA-Z\\s]{2,50}$", "error_message": "Please enter a valid name"}}),
    ("question", {"question": {"content_id": "uuid-here"}, "input_type": "choice",
                  "options": [{"label": "Yes", "value": "yes"}, {"label": "No", "value": "no"}],
                  "validation": {"required": True, "type": "string"}, "variable": "temp.answer"}),
    ("question", {"source": "random", "source_config": {"type": "question", "tags": ["huey-preference"],
                  "info_filters": {"min_age": "${user.age}", "max_age": "${user.age}"}, "exclude_from": "temp.shown_question_ids"},
                  "result_variable": "temp.current_answer", "track_shown_in": "temp.shown_question_ids"}),
    ("question", {"text": "How many?", "input_type": "slider", "validation": {"min": 1, "max": 10.5}, "variable": "temp.n"}),
    ("condition", {"conditions": [{"if": {"and": [{"var": "user.age", "gte": 13}, {"var": "user.age", "lt": 18}]}, "then": "teen_content"},
                                  {"if": {"var": "user.age", "gte": 18}, "then": "adult_content"}], "else": "child_content"}),
    ("condition", {"conditions": [{"if": {"not": {"or": [{"var": "temp.a", "exists": True}, {"var": "temp.b"}]}}, "then": "$0"}]}),
    ("action", {"actions": [{"type": "set_variable", "variable": "profile.completed", "value": True},
                            {"type": "api_call", "method": "POST", "url": "/api/users/{user.id}/preferences",
                             "body": {"genres": "{book_preferences}"}}]}),
    ("action", {"actions": [{"type": "aggregate", "source": "temp.collected_answers", "target": "user.preference_profile",
                             "operation": "weighted_average", "weight_field": "hue_map"},
                            {"type": "increment", "variable": "temp.count"}, {"type": "delete_variable", "variable": "temp.x"},
                            {"type": "decrement", "variable": "temp.lives", "amount": 2}]}),
    ("action", {"actions": [{"type": "api_call", "config": {"endpoint": "/api/recommendations", "method": "POST",
                             "body": {"limit": 5}, "response_mapping": {"recommendations": "recommendations"},
                             "circuit_breaker": {"failure_threshold": 3, "timeout": 30.0},
                             "fallback_response": {"recommendations": []}, "async": True}}]}),
    ("webhook", {"url": "https://api.wriveted.com/recommendations", "method": "POST",
                 "headers": {"Authorization": "Bearer {secret:wriveted_api_token}"},
                 "body": {"user_id": "{user.id}"}, "response_mapping": {"recommendations": "$.data.books"},
                 "timeout": 5000, "retry": {"attempts": 3, "delay": 1000}}),
    ("composite", {"composite_flow_id": "5b0b5e8e-3f7e-4a53-8d43-fc0f3e6f2d1a",
                   "inputs": {"user_age": "{user.age}"}, "outputs": {"reading_level": "profile.reading_level"}}),
    ("script", {"language": "typescript", "code": "document.getElementById('print-btn').style.display = 'block';",
                "inputs": {"bookList": "temp.liked_books"}, "outputs": ["temp.print_ready"],
                "dependencies": ["https://cdn.jsdelivr.net/npm/print-js@1.6.0/dist/print.js"], "timeout": 5000}),
]


@pytest.mark.parametrize(("node_type", "content"), SEED_EXAMPLES)
def test_the_node_examples_of_the_specifications_fit_their_schemas(node_type, content) -> None:
    assert _findings(node_type, content) == []


def test_unknown_keys_are_ignored_so_older_flows_load_unchanged() -> None:
    content = {**VALID_WEBHOOK, "x_editor_colour": "teal", "notes": ["anything"]}

    assert _findings("webhook", content) == []


def test_a_node_whose_content_breaks_its_schema_is_not_judged_by_the_rules(check_node) -> None:
    report = check_node("webhook", {"url": "http://localhost/hook", "method": "FETCH"})

    assert [f.code for f in report.findings] == ["webhook.schema.literal_error"]
