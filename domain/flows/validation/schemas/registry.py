"""Check a node's content against its type's schema and turn pydantic errors into findings."""

from __future__ import annotations

from typing import Any, Mapping

from pydantic import ValidationError

from domain.flows.node import Node, NodeType
from domain.flows.validation.paths import content_path, from_location, join
from domain.flows.validation.report import Finding, Severity
from domain.flows.validation.schemas.action import ACTION_SCHEMAS, ActionContent
from domain.flows.validation.schemas.base import ContentModel
from domain.flows.validation.schemas.composite import CompositeContent
from domain.flows.validation.schemas.condition import ConditionContent
from domain.flows.validation.schemas.message import MessageContent
from domain.flows.validation.schemas.question import QuestionContent
from domain.flows.validation.schemas.script import ScriptContent
from domain.flows.validation.schemas.webhook import WebhookContent

CONTENT_SCHEMAS: Mapping[NodeType, type[ContentModel]] = {
    NodeType.MESSAGE: MessageContent,
    NodeType.QUESTION: QuestionContent,
    NodeType.CONDITION: ConditionContent,
    NodeType.ACTION: ActionContent,
    NodeType.WEBHOOK: WebhookContent,
    NodeType.COMPOSITE: CompositeContent,
    NodeType.SCRIPT: ScriptContent,
}

# Suggested fixes by pydantic error type; the message already says what was expected.
_FIXES = {
    "missing": "Add the missing key.",
    "literal_error": "Use one of the values the message lists.",
    "too_short": "Add at least one item.",
}
_TYPE_FIX = "Give the key a value of the type the message names (quotes make a string)."


def schema_findings(node: Node) -> list[Finding]:
    """ERROR findings for every way ``node.content`` breaks its type's schema (empty if none)."""
    base = content_path(node.id)
    findings = _check(CONTENT_SCHEMAS[node.type], node.content, base, node)
    if node.type is NodeType.ACTION and not findings:
        for index, action in enumerate(node.content.get("actions", [])):
            findings.extend(_check_action(action, join(base, "actions", index), node))
    return findings


def _check_action(action: Mapping[str, Any], path: str, node: Node) -> list[Finding]:
    kind = action.get("type")
    schema = ACTION_SCHEMAS.get(kind) if isinstance(kind, str) else None
    if schema is None:
        known = ", ".join(sorted(ACTION_SCHEMAS))
        return [
            Finding(
                Severity.ERROR,
                "action.schema.unknown_type",
                join(path, "type"),
                f"unknown action type {kind!r}",
                f"Use one of: {known}.",
                node.id,
            )
        ]
    return _check(schema, action, path, node)


def _check(schema: type[ContentModel], data: Any, base: str, node: Node) -> list[Finding]:
    try:
        schema.model_validate(data)
    except ValidationError as error:
        return [_finding(detail, base, node) for detail in error.errors()]
    return []


def _finding(detail: Any, base: str, node: Node) -> Finding:
    kind = str(detail["type"])
    message = str(detail["msg"]).removeprefix("Value error, ")
    fix = _FIXES.get(kind, _TYPE_FIX if kind.endswith("_type") else None)
    return Finding(
        Severity.ERROR,
        f"{node.type.value}.schema.{kind}",
        from_location(base, detail["loc"]),
        message,
        fix,
        node.id,
    )
