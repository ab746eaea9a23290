"""Convert between the ``flow_data`` JSON snapshot (the fixtures' format) and a FlowGraph.

The snapshot is what editors import and export: ``{"nodes": [...], "connections": [...], ...}``
where nodes are ``{id, type, content, position}`` and connections ``{source, target, type,
conditions}``. Keys other than nodes and connections are preserved as extras.
"""

from __future__ import annotations

from typing import Any, Mapping

from domain.errors import FieldError, ValidationFailed
from domain.flows.connection import DEFAULT, Connection
from domain.flows.graph import FlowGraph
from domain.flows.node import ExecutionContext, Node, NodeType

# Landbot-era exports used these for connection kinds; they map onto ours.
_LEGACY_KINDS = {"conditional": DEFAULT, "CONDITIONAL": DEFAULT, "DEFAULT": DEFAULT}


def graph_from_flow_data(flow_data: Mapping[str, Any], entry_node_id: str) -> FlowGraph:
    errors: list[FieldError] = []
    nodes = [_node(raw, f"flow_data.nodes[{i}]", errors) for i, raw in enumerate(_list(flow_data, "nodes", errors))]
    connections = [
        _connection(raw, f"flow_data.connections[{i}]", errors)
        for i, raw in enumerate(_list(flow_data, "connections", errors))
    ]
    if errors:
        raise ValidationFailed("the flow_data snapshot is malformed", errors)
    return FlowGraph.build(entry_node_id, [n for n in nodes if n], [c for c in connections if c])


def flow_data_from_graph(graph: FlowGraph, extras: Mapping[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = dict(extras or {})
    data["nodes"] = [_node_json(node) for node in graph.nodes.values()]
    data["connections"] = [_connection_json(conn) for conn in graph.connections]
    return data


def extras_of(flow_data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in flow_data.items() if k not in ("nodes", "connections")}


def _list(flow_data: Mapping[str, Any], key: str, errors: list[FieldError]) -> list[Any]:
    value = flow_data.get(key, [])
    if not isinstance(value, list):
        errors.append(FieldError(f"flow_data.{key}", "must be a list"))
        return []
    return value


def _node(raw: Any, path: str, errors: list[FieldError]) -> Node | None:
    if not isinstance(raw, Mapping):
        errors.append(FieldError(path, "must be an object"))
        return None
    node_id = raw.get("id") or raw.get("node_id")
    raw_type = raw.get("type") or raw.get("node_type")
    if not isinstance(node_id, str) or not node_id:
        errors.append(FieldError(f"{path}.id", "is required"))
        return None
    try:
        node_type = NodeType(str(raw_type).lower())
    except ValueError:
        errors.append(FieldError(f"{path}.type", f"unknown node type {raw_type!r}"))
        return None
    content = raw.get("content", {})
    if not isinstance(content, Mapping):
        errors.append(FieldError(f"{path}.content", "must be an object"))
        return None
    context = raw.get("execution_context")
    try:
        execution_context = ExecutionContext(context) if context else None
    except ValueError:
        errors.append(FieldError(f"{path}.execution_context", f"unknown execution context {context!r}"))
        return None
    return Node(
        id=node_id,
        type=node_type,
        content=content,
        position=raw.get("position") or {"x": 0, "y": 0},
        execution_context=execution_context,
        template=raw.get("template"),
        info=raw.get("info") or {},
    )


def _connection(raw: Any, path: str, errors: list[FieldError]) -> Connection | None:
    if not isinstance(raw, Mapping):
        errors.append(FieldError(path, "must be an object"))
        return None
    source = raw.get("source") or raw.get("source_node_id")
    target = raw.get("target") or raw.get("target_node_id")
    for name, value in (("source", source), ("target", target)):
        if not isinstance(value, str) or not value:
            errors.append(FieldError(f"{path}.{name}", "is required"))
    if errors and (not source or not target):
        return None
    kind = str(raw.get("type") or raw.get("connection_type") or DEFAULT)
    return Connection(
        source=source,
        target=target,
        kind=_LEGACY_KINDS.get(kind, kind),
        conditions=raw.get("conditions") or {},
        info=raw.get("info") or {},
    )


def _node_json(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {"id": node.id, "type": node.type.value, "content": dict(node.content)}
    data["position"] = dict(node.position)
    if node.execution_context:
        data["execution_context"] = node.execution_context.value
    if node.template:
        data["template"] = node.template
    if node.info:
        data["info"] = dict(node.info)
    return data


def _connection_json(conn: Connection) -> dict[str, Any]:
    data: dict[str, Any] = {"source": conn.source, "target": conn.target, "type": conn.kind}
    if conn.conditions:
        data["conditions"] = dict(conn.conditions)
    if conn.info:
        data["info"] = dict(conn.info)
    return data
