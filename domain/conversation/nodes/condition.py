"""Condition nodes: the first condition that holds picks the way out.

``then`` names a connection kind (``$0``, ``$1``, ``success`` ...) or, in older flows, a node id.
With none holding, ``default_path`` (or ``else``) does the same; with neither, ``default``.
"""

from __future__ import annotations

from typing import Any, Generator

from domain.conversation.outcomes import Follow, Jump, Outcome
from domain.conversation.requests import Request
from domain.conversation.walk import Walk
from domain.flows.connection import DEFAULT, is_known_kind
from domain.flows.graph import FlowGraph
from domain.flows.node import Node


def decide(node: Node, walk: Walk, graph: FlowGraph) -> Generator[Request, Any, Outcome]:
    for condition in node.content.get("conditions") or []:
        if walk.holds(condition.get("if", condition.get("condition", False))):
            return _way(str(condition.get("then", DEFAULT)), graph)
    fallback = node.content.get("default_path", node.content.get("else", DEFAULT))
    return _way(str(fallback or DEFAULT), graph)
    yield  # a generator like every node handler, though it never asks for I/O


def _way(target: str, graph: FlowGraph) -> Outcome:
    if not is_known_kind(target) and graph.has_node(target):
        return Jump(target)
    return Follow((target, DEFAULT) if target != DEFAULT else (DEFAULT,))
