"""FlowVersion: the immutable snapshot a session runs on from start to end."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping
from uuid import UUID

from domain.flows.graph import FlowGraph


@dataclass(frozen=True, slots=True)
class FlowVersion:
    """A published flow, frozen. Published versions never change, so caches never go stale."""

    id: UUID
    flow_id: UUID
    number: int
    name: str
    graph: FlowGraph
    seed_key: str | None = None
    published_at: datetime | None = None
    # Non-graph keys of flow_data (e.g. declared variables), kept for export.
    extras: Mapping[str, Any] = field(default_factory=dict)
    trace_enabled: bool = False
    theme_id: UUID | None = None
    school_id: UUID | None = None
