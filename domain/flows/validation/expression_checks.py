"""Every CEL string in the flow must compile; one that does not would fail on its first turn."""

from __future__ import annotations

from typing import Iterator

from domain.expressions.engine import ExpressionEngine
from domain.flows.graph import FlowGraph
from domain.flows.validation.locations import expressions
from domain.flows.validation.report import Finding, Severity


def expression_findings(graph: FlowGraph, engine: ExpressionEngine) -> Iterator[Finding]:
    for expression in expressions(graph):
        reason = engine.check(expression.text)
        if reason is not None:
            yield Finding(
                Severity.ERROR,
                "expression.invalid",
                expression.path,
                f"The CEL expression does not compile: {reason}",
                "Fix the syntax; e.g. temp.age >= 13 && has(context.school_id).",
                expression.node_id,
            )
