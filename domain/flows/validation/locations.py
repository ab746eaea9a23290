"""Where a flow names variables it writes and where it holds CEL expressions.

Both the parse check and the business rules need these lists, so they are found once, here,
each with the field path a finding about it should point at. Reading is defensive (a node whose
content broke its schema may hold anything) and yields only strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from domain.flows.graph import FlowGraph
from domain.flows.node import Node, NodeType
from domain.flows.validation.paths import connection_path, content_path, join

_STEP_ACTIONS = frozenset({"set_variable", "increment", "decrement", "delete_variable"})


@dataclass(frozen=True, slots=True)
class Located:
    """A string found in the flow (a variable name or an expression) and where it was found."""

    text: str
    path: str
    node_id: str | None
    origin: str  # what holds it: "condition", "connection", "aggregate", "question", "action"...


def variables_written(node: Node) -> Iterator[Located]:
    base = content_path(node.id)
    content = node.content
    if node.type is NodeType.QUESTION:
        for key in ("variable", "result_variable", "track_shown_in"):
            yield from _one(content.get(key), join(base, key), node, "question")
    elif node.type is NodeType.ACTION:
        for index, action in enumerate(_list(content.get("actions"))):
            yield from _action_variables(action, join(base, "actions", index), node)
    elif node.type is NodeType.WEBHOOK:
        for name in _dict(content.get("response_mapping")):
            yield from _one(name, join(base, "response_mapping", name), node, "webhook")
    elif node.type is NodeType.COMPOSITE:
        for name, target in _dict(content.get("outputs")).items():
            yield from _one(target, join(base, "outputs", name), node, "composite")
    elif node.type is NodeType.SCRIPT:
        for index, name in enumerate(_list(content.get("outputs"))):
            yield from _one(name, join(base, "outputs", index), node, "script")


def expressions(graph: FlowGraph) -> Iterator[Located]:
    """Every CEL string: condition branches, aggregate expressions, string connection conditions."""
    for node in graph.nodes.values():
        base = content_path(node.id)
        if node.type is NodeType.CONDITION:
            for index, branch in enumerate(_list(node.content.get("conditions"))):
                when = _dict(branch).get("if")
                yield from _one(when, join(base, "conditions", index, "if"), node, "condition")
        elif node.type is NodeType.ACTION:
            for index, action in enumerate(_list(node.content.get("actions"))):
                action = _dict(action)
                if action.get("type") == "aggregate":
                    path = join(base, "actions", index, "expression")
                    yield from _one(action.get("expression"), path, node, "aggregate")
    for index, conn in enumerate(graph.connections):
        conditions: Any = conn.conditions
        if isinstance(conditions, str) and conditions:
            yield Located(conditions, join(connection_path(index), "conditions"), None, "connection")
        elif isinstance(conditions, Mapping):
            for key in ("if", "expression"):
                value = conditions.get(key)
                if isinstance(value, str) and value:
                    yield Located(value, join(connection_path(index), "conditions", key), None, "connection")


def _action_variables(action: Any, path: str, node: Node) -> Iterator[Located]:
    action = _dict(action)
    kind = action.get("type")
    if kind in _STEP_ACTIONS:
        yield from _one(action.get("variable"), join(path, "variable"), node, "action")
    elif kind == "aggregate":
        yield from _one(action.get("target"), join(path, "target"), node, "action")
    elif kind == "api_call":
        config = _dict(action.get("config"))
        cpath = join(path, "config")
        for key in ("response_variable", "error_variable"):
            yield from _one(config.get(key), join(cpath, key), node, "action")
        for field, target in _dict(config.get("response_mapping")).items():
            yield from _one(target, join(cpath, "response_mapping", field), node, "action")


def _one(value: Any, path: str, node: Node, origin: str) -> Iterator[Located]:
    if isinstance(value, str) and value:
        yield Located(value, path, node.id, origin)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
