"""The CEL business rules: security, accessibility, naming and performance of node content."""

from __future__ import annotations

from typing import Any

import pytest

from domain.flows.validation import DEFAULT_RULES, Rule, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _webhook(url: str = "https://api.example.com/hook", **content: Any) -> dict[str, Any]:
    return {"url": url, "method": "POST", **content}


def _choice(count: int, **content: Any) -> dict[str, Any]:
    options = [{"label": f"Option {i}", "value": f"o{i}"} for i in range(count)]
    return {"question": "Pick one", "input_type": "choice", "options": options, "variable": "temp.pick", **content}


def _set(variable: str) -> dict[str, Any]:
    return {"actions": [{"type": "set_variable", "variable": variable, "value": 1}]}


def _when(expression: str) -> dict[str, Any]:
    return {"conditions": [{"if": expression, "then": "default"}]}


VIOLATIONS = [
    ("webhook", _webhook("https://bob:hunter2@api.example.com/hook"), "webhook.url.credentials", ERROR, "content.url"),
    ("webhook", _webhook("https://api.example.com/hook?api_key=abc123"), "webhook.url.credentials", ERROR, "content.url"),
    ("webhook", _webhook("https://localhost:8080/hook"), "webhook.url.local_host", ERROR, "content.url"),
    ("webhook", _webhook("https://127.0.0.1/hook"), "webhook.url.local_host", ERROR, "content.url"),
    ("webhook", _webhook("https://10.1.2.3/hook"), "webhook.url.local_host", ERROR, "content.url"),
    ("webhook", _webhook("https://192.168.0.10/hook"), "webhook.url.local_host", ERROR, "content.url"),
    ("webhook", _webhook("https://[::1]/hook"), "webhook.url.local_host", ERROR, "content.url"),
    ("webhook", _webhook("https://169.254.169.254/latest/meta-data"), "webhook.url.local_host", ERROR, "content.url"),
    ("webhook", _webhook("https://metadata.google.internal/computeMetadata"), "webhook.url.local_host", ERROR, "content.url"),
    ("webhook", _webhook("https://2130706433/hook"), "webhook.url.local_host", ERROR, "content.url"),
    ("webhook", _webhook("http://api.example.com/hook"), "webhook.url.not_https", WARNING, "content.url"),
    ("webhook", _webhook("api.example.com/hook"), "webhook.url.not_absolute", ERROR, "content.url"),
    ("webhook", _webhook("ftp://files.example.com/x"), "webhook.url.not_absolute", ERROR, "content.url"),
    ("webhook", _webhook(timeout=0.5), "webhook.timeout.out_of_range", WARNING, "content.timeout"),
    ("webhook", _webhook(timeout=200), "webhook.timeout.out_of_range", WARNING, "content.timeout"),
    ("webhook", _webhook(timeout=301), "webhook.timeout.too_long", ERROR, "content.timeout"),
    ("webhook", _webhook(timeout=5000), "webhook.timeout.too_long", ERROR, "content.timeout"),
    ("question", _choice(0), "question.options.missing", ERROR, "content.options"),
    ("question", _choice(1), "question.options.too_few", WARNING, "content.options"),
    ("question", _choice(11), "question.options.too_many", WARNING, "content.options"),
    (
        "question",
        {**_choice(0), "options": [{"label": "A", "value": "a"}, {"label": "Also A", "value": "a"}]},
        "question.options.duplicate_value",
        WARNING,
        "content.options",
    ),
    ("question", _choice(2, validation={"pattern": "([a-z"}), "question.validation.pattern_invalid", ERROR, "content.validation.pattern"),
    ("question", _choice(2, validation={"min": 10, "max": 1}), "question.validation.range_inverted", ERROR, "content.validation.min"),
    (
        "question",
        _choice(2, validation={"min_length": 5, "max_length": 2}),
        "question.validation.length_inverted",
        ERROR,
        "content.validation.min_length",
    ),
    ("message", {"messages": []}, "message.empty", WARNING, "content.messages"),
    (
        "script",
        {"language": "javascript", "code": "go()", "dependencies": ["http://cdn.example.com/lib.js"]},
        "script.dependency.not_https",
        WARNING,
        "content.dependencies",
    ),
    ("action", _set("1st_choice"), "variable.name.invalid", ERROR, "content.actions[0].variable"),
    ("action", _set("temp.my-choice"), "variable.name.invalid", ERROR, "content.actions[0].variable"),
    ("action", _set("session.id"), "variable.scope.read_only", ERROR, "content.actions[0].variable"),
    ("action", _set("system.turns"), "variable.scope.read_only", ERROR, "content.actions[0].variable"),
    ("action", _set("favourite"), "variable.scope.implicit", INFO, "content.actions[0].variable"),
    ("action", _set("user_profile.level"), "variable.scope.implicit", INFO, "content.actions[0].variable"),
    (
        "action",
        {"actions": [{"type": "aggregate", "expression": "merge([temp.a])", "target": "user profile"}]},
        "variable.name.invalid",
        ERROR,
        "content.actions[0].target",
    ),
    (
        "action",
        {"actions": [{"type": "api_call", "config": {"endpoint": "/x", "response_mapping": {"books": "temp.book-list"}}}]},
        "variable.name.invalid",
        ERROR,
        "content.actions[0].config.response_mapping.books",
    ),
    ("question", _choice(2, variable="temp.pick!"), "variable.name.invalid", ERROR, "content.variable"),
    ("webhook", _webhook(response_mapping={"books": "$.data.books"}), "variable.scope.implicit", INFO, "content.response_mapping.books"),
    (
        "script",
        {"language": "javascript", "code": "go()", "outputs": ["temp.ok", "session.x"]},
        "variable.scope.read_only",
        ERROR,
        "content.outputs[1]",
    ),
    ("condition", _when("system.turns > 3"), "expression.system_scope", ERROR, "content.conditions[0].if"),
    ("condition", _when("has(system.trace)"), "expression.system_scope", ERROR, "content.conditions[0].if"),
    ("condition", _when(" || ".join(["temp.age > 100"] * 150)), "expression.too_long", WARNING, "content.conditions[0].if"),
]


@pytest.mark.parametrize(("node_type", "content", "code", "severity", "field"), VIOLATIONS)
def test_a_broken_business_rule_is_reported_with_its_severity_and_field(check_node, node_type, content, code, severity, field) -> None:
    report = check_node(node_type, content)

    matching = [f for f in report.findings if f.code == code]
    assert [(f.severity, f.field, f.node_id) for f in matching] == [(severity, f"nodes[n].{field}", "n")], report.to_dict()
    assert matching[0].message and "{" not in matching[0].message.split("temp.")[0]


GOOD = [
    ("webhook", _webhook(timeout=30)),
    ("webhook", _webhook("https://api.example.com/hook?api_key={{secret:partner_key}}")),
    ("webhook", _webhook("{{context.api_base}}/hook")),
    ("webhook", _webhook("https://api.example.com/users/{{user.id}}/books", timeout=1)),
    ("webhook", _webhook("https://8.8.8.8/hook", timeout=120)),
    ("question", _choice(2)),
    ("question", _choice(10, validation={"pattern": "^[a-z]+$", "min": 1, "max": 1, "min_length": 2, "max_length": 2})),
    ("question", {"source": "random", "source_config": {"type": "question"}, "input_type": "image_choice", "variable": "temp.answer"}),
    ("condition", _when("temp.ecosystem.size > 2 && user.age >= 13")),
    ("condition", _when("temp.label == 'system.x'")),
    ("action", _set("output.reading_level")),
]


@pytest.mark.parametrize(("node_type", "content"), GOOD)
def test_content_that_follows_the_rules_has_no_findings(check_node, node_type, content) -> None:
    report = check_node(node_type, content)

    # A lone condition node has no connections; only the rules' verdicts matter here.
    assert [f.to_dict() for f in report.findings if not f.code.startswith("condition.")] == []


def test_rules_are_data_and_can_read_the_raw_content(validate) -> None:
    shouting = Rule(
        "question.text.shouting",
        "question",
        "has(content.text) && content.text == 'PICK NOW'",
        Severity.WARNING,
        "Huey does not shout.",
        "Write in sentence case.",
        "content.text",
    )
    question = {"id": "q", "type": "question", "content": {"text": "PICK NOW", "variable": "temp.p"}}

    report = validate([question], rules=(*DEFAULT_RULES, shouting))

    (finding,) = report.findings
    assert (finding.code, finding.field, finding.suggested_fix) == (
        "question.text.shouting",
        "nodes[q].content.text",
        "Write in sentence case.",
    )


def test_a_rule_that_cannot_be_evaluated_is_a_warning_not_a_crash(validate) -> None:
    broken = Rule("webhook.broken", "webhook", "facts.no_such_fact > 1", Severity.ERROR, "never shown")
    webhook = {"id": "w", "type": "webhook", "content": _webhook()}

    report = validate([webhook], rules=(broken,))

    (finding,) = report.findings
    assert (finding.code, finding.severity, finding.field) == ("rule.evaluation_failed", WARNING, "nodes[w]")
    assert "webhook.broken" in finding.message
    assert report.is_valid


def test_the_message_of_a_rule_names_the_offending_value(check_node) -> None:
    report = check_node("webhook", _webhook("https://localhost/hook", timeout=500))

    messages = {f.code: f.message for f in report.findings}
    assert "localhost" in messages["webhook.url.local_host"]
    assert "500" in messages["webhook.timeout.too_long"]


def test_a_choice_question_from_the_content_library_brings_its_own_options(check_node) -> None:
    content = {"question": {"content_id": "5b0e3f0c-1111-4c1e-9a1a-000000000001"}, "input_type": "choice",
               "variable": "temp.genre"}
    report = check_node("question", content)
    assert not {"question.options.missing", "question.options.too_few"} & report.codes()
