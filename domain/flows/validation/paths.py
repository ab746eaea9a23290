"""Field paths of findings, in the flow_data snapshot's vocabulary.

Nodes are addressed by id (``nodes[check_school]``) because ids are stable while list positions
change as editors reorder; connections have no id, so they are addressed by position
(``connections[3]``). Keys use JSON names (a connection's kind is its ``type``).
"""

from __future__ import annotations

from typing import Iterable


def node_path(node_id: str) -> str:
    return f"nodes[{node_id}]"


def content_path(node_id: str) -> str:
    return f"{node_path(node_id)}.content"


def connection_path(index: int) -> str:
    return f"connections[{index}]"


def join(base: str, *parts: str | int) -> str:
    """``join("a", "b", 0, "c")`` is ``a.b[0].c``; empty string parts are skipped."""
    path = base
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part:
            path = f"{path}.{part}" if path else part
    return path


def from_location(base: str, location: Iterable[str | int]) -> str:
    """A pydantic error location, e.g. ``("options", 0, "label")``, appended to ``base``."""
    return join(base, *location)
