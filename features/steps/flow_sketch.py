"""FlowSketch: the small flows the specs describe in words, built as the editor would save them.

A step such as ``Given a published flow where Huey asks "How old are you?" as a number`` builds
its flow here, so the Gherkin never shows node ids, connection kinds or JSON. Nodes get ids
from their position; ``then`` chains a node after every open end, which covers the straight
flows most scenarios need, and ``branch`` leaves a node along a named way out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

DEFAULT = "default"


def seed_key_of(name: str) -> str:
    """The seed key a flow named ``name`` is published under (composites find it by this)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass(slots=True)
class FlowSketch:
    name: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    connections: list[dict[str, Any]] = field(default_factory=list)
    open_ends: list[tuple[str, str]] = field(default_factory=list)

    @property
    def seed_key(self) -> str:
        return seed_key_of(self.name)

    # -- nodes --------------------------------------------------------------------------------

    def add(self, node_type: str, content: Mapping[str, Any]) -> str:
        """A node connected to nothing yet; its id."""
        node_id = f"{node_type}_{len(self.nodes) + 1}"
        self.nodes.append({"id": node_id, "type": node_type, "content": dict(content)})
        return node_id

    def then(self, node_type: str, content: Mapping[str, Any]) -> str:
        """A node every open end leads to; afterwards it is the only open end."""
        node_id = self.add(node_type, content)
        for source, kind in self.open_ends:
            self.connect(source, node_id, kind)
        self.open_ends = [(node_id, DEFAULT)]
        return node_id

    def connect(self, source: str, target: str, kind: str = DEFAULT, guard: Any = None) -> None:
        connection: dict[str, Any] = {"source": source, "target": target, "type": kind}
        if guard is not None:
            connection["conditions"] = {"if": guard}
        self.connections.append(connection)

    def branch(self, source: str, kind: str, node_type: str, content: Mapping[str, Any]) -> str:
        """A node reached from ``source`` along ``kind``; it becomes an open end too."""
        node_id = self.add(node_type, content)
        self.connect(source, node_id, kind)
        return node_id

    # -- shortcuts ----------------------------------------------------------------------------

    def says(self, *texts: str, **extra: Any) -> str:
        return self.then("message", {"messages": [{"type": "text", "content": {"text": t}} for t in texts], **extra})

    def asks(self, question: str, variable: str, input_type: str = "text", **extra: Any) -> str:
        content = {"question": {"text": question}, "input_type": input_type, "variable": variable, **extra}
        return self.then("question", content)

    def acts(self, *actions: Mapping[str, Any]) -> str:
        return self.then("action", {"actions": [dict(a) for a in actions]})

    # -- the file -----------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The flow as an import file (the fixtures' format)."""
        if not self.nodes:
            raise ValueError(f"the flow {self.name!r} has no nodes")
        return {
            "seed_key": self.seed_key,
            "name": self.name,
            "entry_node_id": self.nodes[0]["id"],
            "flow_data": {"nodes": list(self.nodes), "connections": list(self.connections)},
        }


def says_message(text: str) -> dict[str, Any]:
    """One text message as a message node lists it."""
    return {"messages": [{"type": "text", "content": {"text": text}}]}
