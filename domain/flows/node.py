"""A node of a flow graph: one conversational step, typed, with its raw content."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Mapping


class NodeType(StrEnum):
    MESSAGE = "message"
    QUESTION = "question"
    CONDITION = "condition"
    ACTION = "action"
    WEBHOOK = "webhook"
    COMPOSITE = "composite"
    SCRIPT = "script"


class ExecutionContext(StrEnum):
    FRONTEND = "frontend"
    BACKEND = "backend"
    MIXED = "mixed"


DEFAULT_EXECUTION_CONTEXT: Mapping[NodeType, ExecutionContext] = {
    NodeType.MESSAGE: ExecutionContext.FRONTEND,
    NodeType.QUESTION: ExecutionContext.FRONTEND,
    NodeType.SCRIPT: ExecutionContext.FRONTEND,
    NodeType.CONDITION: ExecutionContext.BACKEND,
    NodeType.ACTION: ExecutionContext.BACKEND,
    NodeType.WEBHOOK: ExecutionContext.BACKEND,
    NodeType.COMPOSITE: ExecutionContext.MIXED,
}


@dataclass(frozen=True, slots=True)
class Node:
    """One step. ``content`` is the node type's configuration, validated at publish time."""

    id: str
    type: NodeType
    content: Mapping[str, Any] = field(default_factory=dict)
    position: Mapping[str, float] = field(default_factory=lambda: {"x": 0, "y": 0})
    execution_context: ExecutionContext | None = None
    template: str | None = None
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def context(self) -> ExecutionContext:
        return self.execution_context or DEFAULT_EXECUTION_CONTEXT[self.type]
