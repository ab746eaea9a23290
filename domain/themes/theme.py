"""Chat themes: how the widget looks. A flow's own theme wins, then its school's, then the
global default."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping
from uuid import UUID


@dataclass(frozen=True, slots=True)
class Theme:
    id: UUID
    name: str
    config: Mapping[str, Any] = field(default_factory=dict)
    description: str | None = None
    logo_url: str | None = None
    avatar_url: str | None = None
    school_id: UUID | None = None
    is_default: bool = False

    def as_public(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "config": dict(self.config),
            "logo_url": self.logo_url,
            "avatar_url": self.avatar_url,
        }


def first_theme(candidates: Iterable[Theme | None]) -> Theme | None:
    """The first theme in inheritance order (flow, school, global default) that exists."""
    for theme in candidates:
        if theme is not None:
            return theme
    return None
