"""Apply the CEL business rules to subjects through the ``ExpressionEngine`` port.

A rule that cannot be evaluated (a typo in the rule, an engine that lacks a function) does not
crash validation: it becomes a WARNING naming the rule, so the gap is visible without blocking
publishing on the product's own mistake.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from domain.errors import ExpressionError
from domain.expressions.engine import ExpressionEngine
from domain.flows.validation.paths import join
from domain.flows.validation.report import Finding, Severity
from domain.flows.validation.rules import Rule
from domain.flows.validation.subjects import Subject


def apply_rules(rules: Iterable[Rule], subjects: Iterable[Subject], engine: ExpressionEngine) -> Iterator[Finding]:
    by_kind: dict[str, list[Rule]] = {}
    for rule in rules:
        by_kind.setdefault(rule.applies_to, []).append(rule)
    for subject in subjects:
        applicable = by_kind.get(subject.kind)
        if not applicable:
            continue
        bindings = subject.bindings()
        for rule in applicable:
            finding = _judge(rule, subject, bindings, engine)
            if finding is not None:
                yield finding


def _judge(rule: Rule, subject: Subject, bindings: Mapping[str, Any], engine: ExpressionEngine) -> Finding | None:
    try:
        violated = engine.evaluate(rule.violated_when, bindings)
    except ExpressionError as error:
        return _broken(rule, subject, error.reason)
    if not isinstance(violated, bool):
        return _broken(rule, subject, f"it gave {violated!r}, not a bool")
    if not violated:
        return None
    return Finding(
        rule.severity,
        rule.code,
        join(subject.path, rule.field),
        _message(rule, subject),
        rule.suggested_fix,
        subject.node_id,
    )


def _message(rule: Rule, subject: Subject) -> str:
    try:
        return rule.message.format_map(subject.facts)
    except (KeyError, IndexError, ValueError):
        # A custom rule naming a fact its subject lacks still reports, with its raw message.
        return rule.message


def _broken(rule: Rule, subject: Subject, reason: str) -> Finding:
    return Finding(
        Severity.WARNING,
        "rule.evaluation_failed",
        join(subject.path, rule.field),
        f"The rule {rule.code} could not be checked: {reason}",
        None,
        subject.node_id,
    )
