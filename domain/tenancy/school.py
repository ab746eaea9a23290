"""A school, known to the chatbot by its Wriveted identifier."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping
from uuid import UUID


@dataclass(frozen=True, slots=True)
class School:
    id: UUID
    wriveted_identifier: UUID
    name: str
    default_theme_id: UUID | None = None
    info: Mapping[str, Any] = field(default_factory=dict)
