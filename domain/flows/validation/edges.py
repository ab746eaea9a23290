"""The graph as plain adjacency: connections between existing nodes, plus the edges a condition
names directly (the seeds' older form ``"then": "teen_content"`` / ``"else": "child_content"``
points at node ids rather than at a connection kind)."""

from __future__ import annotations

from typing import Any, Mapping

from domain.flows.graph import FlowGraph
from domain.flows.node import Node, NodeType


def adjacency(graph: FlowGraph) -> dict[str, list[str]]:
    edges: dict[str, list[str]] = {node_id: [] for node_id in graph.nodes}
    for conn in graph.connections:
        if conn.source in edges and conn.target in edges:
            edges[conn.source].append(conn.target)
    for node in graph.nodes.values():
        for target in direct_targets(node, graph.nodes):
            edges[node.id].append(target)
    return edges


def direct_targets(node: Node, nodes: Mapping[str, Any]) -> list[str]:
    """Node ids a condition names in ``then``, ``else`` or ``default_path`` instead of a kind."""
    if node.type is not NodeType.CONDITION:
        return []
    names: list[Any] = [node.content.get("else"), node.content.get("default_path")]
    branches = node.content.get("conditions")
    if isinstance(branches, list):
        names.extend(branch.get("then") for branch in branches if isinstance(branch, Mapping))
    return [name for name in names if isinstance(name, str) and name in nodes]
