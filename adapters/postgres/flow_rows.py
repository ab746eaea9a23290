"""Flows between rows and the domain: drafts from their node and connection rows, versions
from their frozen snapshot, and the JSON the write statements expand into rows.

A version's ``snapshot`` holds everything a session needs to run it, so reading a version
is one row and never touches the draft tables, which editors keep changing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row

from adapters.postgres.rows import uuid_or_none
from domain.flows.connection import Connection
from domain.flows.definition import FlowDefinition, Visibility
from domain.flows.graph import FlowGraph
from domain.flows.node import Node
from domain.flows.snapshot import extras_of, flow_data_from_graph, graph_from_flow_data
from domain.flows.version import FlowVersion


def definition_from_row(row: Row[Any]) -> FlowDefinition:
    """The draft from its canonical rows, in the order the stored snapshot lists them."""
    flow_data = row.flow_data or {}
    nodes = _in_snapshot_order(row.nodes, flow_data.get("nodes"), _node_key)
    connections = _in_snapshot_order(row.connections, flow_data.get("connections"), _connection_key)
    graph = graph_from_flow_data({"nodes": nodes, "connections": connections}, row.entry_node_id)
    return FlowDefinition(
        id=row.id,
        name=row.name,
        version=row.version,
        graph=graph,
        description=row.description,
        extras=extras_of(flow_data),
        seed_key=row.seed_key,
        visibility=Visibility(row.visibility),
        school_id=row.school_id,
        contract=row.contract or {},
        trace_enabled=row.trace_enabled,
        theme_id=row.theme_id,
        is_published=row.is_published,
        is_active=row.is_active,
        current_version_id=row.current_version_id,
        info=row.info or {},
        created_by=row.created_by,
        created_at=row.created_at,
        published_at=row.published_at,
    )


def version_from_row(row: Row[Any]) -> FlowVersion:
    snapshot = row.snapshot
    return FlowVersion(
        id=row.id,
        flow_id=row.flow_id,
        number=row.version_number,
        name=snapshot["name"],
        graph=graph_from_flow_data(snapshot, snapshot["entry_node_id"]),
        seed_key=snapshot.get("seed_key"),
        published_at=row.published_at,
        extras=snapshot.get("extras") or {},
        trace_enabled=bool(snapshot.get("trace_enabled", False)),
        theme_id=uuid_or_none(snapshot.get("theme_id")),
        school_id=uuid_or_none(snapshot.get("school_id")),
    )


def version_snapshot(version: FlowVersion) -> dict[str, Any]:
    """The whole version as one JSON document (extras kept apart, so no key can clash)."""
    snapshot = flow_data_from_graph(version.graph)
    snapshot.update(
        entry_node_id=version.graph.entry_node_id,
        extras=dict(version.extras),
        name=version.name,
        seed_key=version.seed_key,
        trace_enabled=version.trace_enabled,
        theme_id=str(version.theme_id) if version.theme_id else None,
        school_id=str(version.school_id) if version.school_id else None,
    )
    return snapshot


def node_rows(graph: FlowGraph) -> list[dict[str, Any]]:
    return [_node_row(node) for node in graph.nodes.values()]


def connection_rows(graph: FlowGraph) -> list[dict[str, Any]]:
    return [_connection_row(conn) for conn in graph.connections]


def _node_row(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "type": node.type.value,
        "execution_context": node.execution_context.value if node.execution_context else None,
        "template": node.template,
        "content": node.content,
        "position": node.position,
        "info": node.info,
    }


def _connection_row(conn: Connection) -> dict[str, Any]:
    return {
        "source": conn.source,
        "target": conn.target,
        "type": conn.kind,
        "conditions": conn.conditions,
        "info": conn.info,
    }


def _node_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    return (item.get("id"),)


def _connection_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    return (item.get("source"), item.get("target"), item.get("type"))


def _in_snapshot_order(
    items: Sequence[Mapping[str, Any]], snapshot: Any, key: Any
) -> list[Mapping[str, Any]]:
    """``items`` ordered as ``snapshot`` lists them; the first matching edge wins at run time,
    so the editor's order matters. Items the snapshot does not know go last, by key."""
    order = {key(item): i for i, item in enumerate(snapshot)} if isinstance(snapshot, list) else {}
    return sorted(items or (), key=lambda item: (order.get(key(item), len(order)), str(key(item))))
