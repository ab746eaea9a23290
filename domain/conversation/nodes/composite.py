"""Composite nodes: run another flow as a step of this one.

The sub-flow is found by ``composite_flow_seed_key`` or ``composite_flow_id`` and pinned on first
entry, so a session keeps the sub-flow version it began with. Explicit ``inputs`` are rendered
into the sub-flow's ``input`` scope and explicit ``outputs`` copied back from its ``output``
scope when it ends; ``local`` is private to the frame. Without explicit I/O the sub-flow shares
the session's scopes (the Huey flows rely on this).
"""

from __future__ import annotations

from typing import Any, Generator
from uuid import UUID

from domain.conversation.outcomes import Enter, Outcome
from domain.conversation.requests import LoadFlow, Request
from domain.conversation.walk import Walk
from domain.errors import FlowRuntimeError
from domain.flows.node import Node
from domain.flows.version import FlowVersion

MAX_DEPTH = 8


def target_of(node: Node) -> str:
    content = node.content
    key = content.get("composite_flow_seed_key") or content.get("composite_flow_id") or content.get("flow_id")
    if not key:
        raise FlowRuntimeError(f"composite {node.id!r} names no sub-flow")
    return str(key)


def enter(node: Node, walk: Walk) -> Generator[Request, Any, Outcome]:
    if len(walk.state.frames) >= MAX_DEPTH:
        raise FlowRuntimeError(f"composite {node.id!r} nests sub-flows deeper than {MAX_DEPTH}")
    key = target_of(node)
    pins = walk.state.system.setdefault("pins", {})
    pinned = UUID(pins[key]) if key in pins else None
    version: FlowVersion = yield LoadFlow(key, pinned)
    pins[key] = str(version.id)
    frame = {
        "node_id": node.id,
        "flow_key": key,
        "version_id": str(version.id),
        "input": walk.render(dict(node.content.get("inputs") or {})),
        "output": {},
        "local": {},
        "outputs": dict(node.content.get("outputs") or {}),
    }
    return Enter(version, frame)


def leave(walk: Walk) -> dict[str, Any]:
    """Pop the innermost frame, copying its declared outputs to the parent's variables."""
    frame = walk.state.frames[-1]
    produced = dict(frame.get("output") or {})
    walk.state.frames.pop()
    for name, target in (frame.get("outputs") or {}).items():
        if name in produced:
            walk.state.set(str(target), produced[name])
    return frame
