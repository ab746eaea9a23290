"""Checks of single nodes against the rest of the graph and the outside world: questions that
store nowhere, conditions with no way out, branches that lead nowhere, composites naming flows
that do not exist."""

from __future__ import annotations

from typing import Any, Collection, Iterator, Mapping

from domain.flows.connection import DEFAULT, is_known_kind
from domain.flows.graph import FlowGraph
from domain.flows.node import Node, NodeType
from domain.flows.validation.paths import content_path, join
from domain.flows.validation.report import Finding, Severity


def node_findings(graph: FlowGraph, known_flows: Collection[str]) -> Iterator[Finding]:
    for node in graph.nodes.values():
        if node.type is NodeType.QUESTION:
            yield from _question_variable(node)
        elif node.type is NodeType.CONDITION:
            yield from _condition_paths(node, graph)
        elif node.type is NodeType.COMPOSITE:
            yield from _composite_target(node, known_flows)


def _question_variable(node: Node) -> Iterator[Finding]:
    if not any(_text(node.content.get(key)) for key in ("variable", "result_variable")):
        yield Finding(
            Severity.ERROR,
            "question.variable.missing",
            join(content_path(node.id), "variable"),
            "The question stores its answer nowhere.",
            "Set variable, e.g. temp.answer.",
            node.id,
        )


def _condition_paths(node: Node, graph: FlowGraph) -> Iterator[Finding]:
    kinds = {conn.kind for conn in graph.outgoing(node.id)}
    base = content_path(node.id)
    fallbacks = [node.content.get("else"), node.content.get("default_path"), DEFAULT]
    if not any(_leads_somewhere(name, kinds, graph) for name in fallbacks):
        yield Finding(
            Severity.WARNING,
            "condition.default.missing",
            join(base, "default_path"),
            "When no condition holds the flow stops here: there is no default connection.",
            "Add a 'default' connection (or set default_path to a connected kind).",
            node.id,
        )
    branches = node.content.get("conditions")
    for index, branch in enumerate(branches if isinstance(branches, list) else []):
        then = branch.get("then") if isinstance(branch, Mapping) else None
        if _text(then) and not _leads_somewhere(then, kinds, graph):
            yield Finding(
                Severity.WARNING,
                "condition.branch.unconnected",
                join(base, "conditions", index, "then"),
                f"The branch follows {then!r}, but no such connection leaves this node.",
                f"Add a {then!r} connection from {node.id!r}.",
                node.id,
            )


def _leads_somewhere(name: Any, kinds: set[str], graph: FlowGraph) -> bool:
    if not _text(name):
        return False
    return name in kinds or (not is_known_kind(name) and graph.has_node(name))


def _composite_target(node: Node, known_flows: Collection[str]) -> Iterator[Finding]:
    for key in ("composite_flow_seed_key", "composite_flow_id"):
        target = node.content.get(key)
        if _text(target) and target not in known_flows:
            yield Finding(
                Severity.ERROR,
                "composite.target.unknown",
                join(content_path(node.id), key),
                f"No flow {target!r} exists to run as a composite.",
                "Publish that flow first, or correct the seed key / id.",
                node.id,
            )


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)
