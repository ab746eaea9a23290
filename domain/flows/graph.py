"""A flow's graph: nodes by id and outgoing connections by source, read-only after build."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from domain.errors import FlowRuntimeError
from domain.flows.connection import Connection
from domain.flows.node import Node


@dataclass(frozen=True, slots=True)
class FlowGraph:
    entry_node_id: str
    nodes: Mapping[str, Node]
    connections: tuple[Connection, ...] = ()
    _outgoing: Mapping[str, tuple[Connection, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, entry_node_id: str, nodes: Iterable[Node], connections: Iterable[Connection]) -> FlowGraph:
        node_map = {node.id: node for node in nodes}
        conns = tuple(connections)
        outgoing: dict[str, list[Connection]] = {}
        for conn in conns:
            outgoing.setdefault(conn.source, []).append(conn)
        return cls(
            entry_node_id=entry_node_id,
            nodes=node_map,
            connections=conns,
            _outgoing={source: tuple(edges) for source, edges in outgoing.items()},
        )

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise FlowRuntimeError(f"the flow has no node {node_id!r}") from None

    def has_node(self, node_id: str) -> bool:
        return node_id in self.nodes

    def outgoing(self, node_id: str) -> tuple[Connection, ...]:
        return self._outgoing.get(node_id, ())

    def edge(self, node_id: str, kind: str) -> Connection | None:
        """The first unguarded-or-guarded connection of ``kind`` leaving ``node_id``."""
        for conn in self.outgoing(node_id):
            if conn.kind == kind:
                return conn
        return None
