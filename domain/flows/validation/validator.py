"""``validate_flow``: every check over a flow graph, gathered into one report.

Order of findings: content schemas (node by node), graph structure, node-in-graph checks,
expression compilation, then the business rules. Rules only look at nodes whose content passed
its schema.
"""

from __future__ import annotations

from typing import Collection

from domain.expressions.engine import ExpressionEngine
from domain.flows.graph import FlowGraph
from domain.flows.validation.expression_checks import expression_findings
from domain.flows.validation.graph_checks import graph_findings
from domain.flows.validation.node_checks import node_findings
from domain.flows.validation.report import Finding, ValidationReport
from domain.flows.validation.rule_engine import apply_rules
from domain.flows.validation.rules import DEFAULT_RULES, Rule
from domain.flows.validation.schemas import schema_findings
from domain.flows.validation.subjects import subjects


def validate_flow(
    graph: FlowGraph,
    engine: ExpressionEngine,
    known_flows: Collection[str],
    rules: Collection[Rule] = DEFAULT_RULES,
) -> ValidationReport:
    """Check ``graph``. ``known_flows`` holds the seed keys and ids (as strings) composites may name."""
    findings: list[Finding] = []
    schema_valid: list[str] = []
    for node in graph.nodes.values():
        problems = schema_findings(node)
        findings.extend(problems)
        if not problems:
            schema_valid.append(node.id)
    findings.extend(graph_findings(graph))
    findings.extend(node_findings(graph, known_flows))
    findings.extend(expression_findings(graph, engine))
    findings.extend(apply_rules(rules, subjects(graph, schema_valid), engine))
    return ValidationReport.of(findings)
