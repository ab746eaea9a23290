"""Structural checks of the graph as a whole: entry node, connections, reachability, cycles.

Pure Python over node ids and connections; no expression engine needed.
"""

from __future__ import annotations

from collections import deque
from typing import Iterator

from domain.flows.connection import is_known_kind
from domain.flows.graph import FlowGraph
from domain.flows.node import Node, NodeType
from domain.flows.validation.edges import adjacency
from domain.flows.validation.paths import connection_path, join, node_path
from domain.flows.validation.report import Finding, Severity
from domain.flows.validation.strongly_connected import strongly_connected_components


def graph_findings(graph: FlowGraph) -> Iterator[Finding]:
    yield from _entry(graph)
    yield from _connections(graph)
    edges = adjacency(graph)
    yield from _unreachable(graph, edges)
    yield from _endless_cycles(graph, edges)


def _entry(graph: FlowGraph) -> Iterator[Finding]:
    if not graph.has_node(graph.entry_node_id):
        yield Finding(
            Severity.ERROR,
            "graph.entry_node.missing",
            "entry_node_id",
            f"The entry node {graph.entry_node_id!r} is not in the flow.",
            "Set entry_node_id to the id of the flow's first node.",
        )


# What no draft may hold at all, because the canonical tables cannot store it: their foreign
# keys, unique and check constraints enforce the same rules.
UNSTORABLE_CODES = frozenset(
    {"connection.source.missing", "connection.target.missing", "connection.duplicate", "connection.type.unknown"}
)


def unstorable_findings(graph: FlowGraph) -> list[Finding]:
    """The connection problems that stop a flow from being saved, even as a draft."""
    return [finding for finding in _connections(graph) if finding.code in UNSTORABLE_CODES]


def _connections(graph: FlowGraph) -> Iterator[Finding]:
    seen: dict[tuple[str, str, str], int] = {}
    unguarded: dict[tuple[str, str], int] = {}
    for index, conn in enumerate(graph.connections):
        path = connection_path(index)
        for end, node_id in (("source", conn.source), ("target", conn.target)):
            if not graph.has_node(node_id):
                yield Finding(
                    Severity.ERROR,
                    f"connection.{end}.missing",
                    join(path, end),
                    f"The connection's {end} {node_id!r} is not a node of this flow.",
                    "Point the connection at an existing node or delete it.",
                )
        if not is_known_kind(conn.kind):
            yield Finding(
                Severity.ERROR,
                "connection.type.unknown",
                join(path, "type"),
                f"Unknown connection type {conn.kind!r}.",
                "Use default, success, failure, error, complete, $N or option_N.",
                conn.source,
            )
        key = (conn.source, conn.target, conn.kind)
        if key in seen:
            yield Finding(
                Severity.ERROR,
                "connection.duplicate",
                path,
                f"Duplicates {connection_path(seen[key])}: {conn.source} → {conn.target} ({conn.kind}).",
                "Delete one of the two connections.",
                conn.source,
            )
            continue
        seen[key] = index
        if not conn.is_guarded:
            first = unguarded.setdefault((conn.source, conn.kind), index)
            if first != index:
                yield Finding(
                    Severity.WARNING,
                    "connection.ambiguous",
                    path,
                    f"{conn.source} already has an unguarded {conn.kind!r} connection ({connection_path(first)});"
                    " only the first is ever followed.",
                    "Delete one, or guard them with conditions.",
                    conn.source,
                )


def _unreachable(graph: FlowGraph, edges: dict[str, list[str]]) -> Iterator[Finding]:
    if not graph.has_node(graph.entry_node_id):
        return
    reached = {graph.entry_node_id}
    queue = deque([graph.entry_node_id])
    while queue:
        for target in edges[queue.popleft()]:
            if target not in reached:
                reached.add(target)
                queue.append(target)
    for node_id in graph.nodes:
        if node_id not in reached:
            yield Finding(
                Severity.WARNING,
                "node.unreachable",
                node_path(node_id),
                f"No path from the entry node leads to {node_id!r}.",
                "Connect it, or delete it.",
                node_id,
            )


def _endless_cycles(graph: FlowGraph, edges: dict[str, list[str]]) -> Iterator[Finding]:
    """A cycle with no node that waits would spin until the per-turn node limit stops it."""
    for component in strongly_connected_components(edges):
        is_cycle = len(component) > 1 or component[0] in edges[component[0]]
        if is_cycle and not any(_may_wait(graph.nodes[node_id]) for node_id in component):
            first = component[0]
            yield Finding(
                Severity.ERROR,
                "graph.cycle.no_input",
                node_path(first),
                f"The loop {' → '.join(component)} asks for no input, so it would never stop.",
                "Put a question (or a message with wait_for_ack) in the loop, or break it.",
                first,
            )


def _may_wait(node: Node) -> bool:
    """Whether a turn can end at ``node``. Composites count: their sub-flow may ask questions,
    and which one runs is only known when the flows are linked."""
    if node.type in (NodeType.QUESTION, NodeType.SCRIPT, NodeType.COMPOSITE):
        return True
    if node.type is NodeType.MESSAGE:
        return node.content.get("wait_for_ack") is True
    if node.type is NodeType.WEBHOOK:
        return node.content.get("async") is True
    return False
