"""FlowDefinition: the editable draft of a flow, and its ownership fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Mapping
from uuid import UUID

from domain.flows.graph import FlowGraph


class Visibility(StrEnum):
    PRIVATE = "private"
    SCHOOL = "school"
    PUBLIC = "public"
    WRIVETED = "wriveted"


@dataclass(frozen=True, slots=True)
class FlowDefinition:
    id: UUID
    name: str
    version: str
    graph: FlowGraph
    description: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)
    seed_key: str | None = None
    visibility: Visibility = Visibility.WRIVETED
    school_id: UUID | None = None
    contract: Mapping[str, Any] = field(default_factory=dict)
    trace_enabled: bool = False
    theme_id: UUID | None = None
    is_published: bool = False
    is_active: bool = True
    current_version_id: UUID | None = None
    info: Mapping[str, Any] = field(default_factory=dict)
    created_by: UUID | None = None
    created_at: datetime | None = None
    published_at: datetime | None = None
