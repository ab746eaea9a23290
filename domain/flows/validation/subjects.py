"""The things business rules judge: nodes, the variables they write, and CEL expressions.

Each subject carries the variables a rule's CEL condition sees: ``node`` ({id, type}),
``content`` (the node's raw content, or {} for non-node subjects) and ``facts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from domain.flows.graph import FlowGraph
from domain.flows.node import Node
from domain.flows.validation.facts import expression_facts, node_facts, variable_facts
from domain.flows.validation.locations import expressions, variables_written
from domain.flows.validation.paths import node_path

VARIABLE = "variable"
EXPRESSION = "expression"


@dataclass(frozen=True, slots=True)
class Subject:
    kind: str  # a node type ("webhook", "question", ...), VARIABLE or EXPRESSION
    path: str  # rule fields are relative to this
    node_id: str | None
    facts: Mapping[str, Any]
    content: Mapping[str, Any]
    node: Mapping[str, Any]

    def bindings(self) -> dict[str, Any]:
        return {"node": dict(self.node), "content": dict(self.content), "facts": dict(self.facts)}


def subjects(graph: FlowGraph, schema_valid: Iterable[str]) -> Iterator[Subject]:
    """Subjects of every node in ``schema_valid`` (ids), its variables, and all expressions.

    Nodes whose content broke its schema are left out: their schema ERRORs already block
    publishing, and rules over malformed content would only add noise.
    """
    valid = set(schema_valid)
    for node in graph.nodes.values():
        if node.id not in valid:
            continue
        described = _describe(node)
        yield Subject(node.type.value, node_path(node.id), node.id, node_facts(node), node.content, described)
        for variable in variables_written(node):
            yield Subject(VARIABLE, variable.path, node.id, variable_facts(variable.text), {}, described)
    for expression in expressions(graph):
        if expression.node_id is not None and expression.node_id not in valid:
            continue
        facts = expression_facts(expression.text, expression.origin)
        node = _describe(graph.nodes[expression.node_id]) if expression.node_id else {}
        yield Subject(EXPRESSION, expression.path, expression.node_id, facts, {}, node)


def _describe(node: Node) -> dict[str, Any]:
    return {"id": node.id, "type": node.type.value}
