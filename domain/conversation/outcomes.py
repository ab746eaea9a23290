"""How a node tells the interpreter where the walk goes next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from domain.flows.version import FlowVersion


@dataclass(frozen=True, slots=True)
class Follow:
    """Leave along the first connection whose kind is in ``kinds`` (in order) and whose guard,
    if any, holds. ``option_index`` lets a question also match ``option_N`` / ``$N`` edges."""

    kinds: tuple[str, ...]
    option_index: int | None = None
    guarded_first: bool = False


@dataclass(frozen=True, slots=True)
class Jump:
    """Go straight to a node by id (conditions whose ``then`` names a node)."""

    node_id: str


@dataclass(frozen=True, slots=True)
class Pause:
    """The turn ends here waiting for the user; ``pending`` is remembered in system state."""

    input_request: Mapping[str, Any]
    pending: Mapping[str, Any]
    wait_for_acknowledgment: bool = False


@dataclass(frozen=True, slots=True)
class Enter:
    """Enter a composite's sub-flow with a new frame."""

    version: FlowVersion
    frame: Mapping[str, Any] = field(default_factory=dict)


Outcome = Follow | Jump | Pause | Enter
