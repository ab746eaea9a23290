"""Variable paths: ``temp.age_selection.age_number``, ``user.books[0].title``.

A path names a scope and a route into it. Names without a known scope live in ``temp`` (the
seeds' convention), so ``answer`` means ``temp.answer``.
"""

from __future__ import annotations

import re
from functools import lru_cache

FLOW_SCOPES = ("user", "context", "temp", "variables", "session", "input", "output", "local")
SYSTEM_SCOPE = "system"
ALL_SCOPES = FLOW_SCOPES + (SYSTEM_SCOPE,)
# Scopes that belong to the innermost composite frame rather than the whole session.
FRAME_SCOPES = ("input", "output", "local")
# Scopes a flow may never write: session facts and the engine's own bookkeeping.
READ_ONLY_SCOPES = ("session", SYSTEM_SCOPE)
DEFAULT_SCOPE = "temp"

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_VALID_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+|\[\d+\])*$")

Segment = str | int


def is_valid_path(path: str) -> bool:
    return bool(_VALID_PATH.match(path))


@lru_cache(maxsize=4096)
def parse_path(path: str) -> tuple[str, tuple[Segment, ...]]:
    """Split a path into (scope, route); an unknown first segment means the default scope."""
    segments: list[Segment] = []
    for name, index in _SEGMENT.findall(path.strip()):
        segments.append(int(index) if index else name)
    if not segments:
        return DEFAULT_SCOPE, ()
    head = segments[0]
    if isinstance(head, str) and head in ALL_SCOPES:
        return head, tuple(segments[1:])
    return DEFAULT_SCOPE, tuple(segments)


def qualified(path: str) -> str:
    """The path with its scope written out (``answer`` → ``temp.answer``)."""
    scope, route = parse_path(path)
    text = scope
    for segment in route:
        text += f"[{segment}]" if isinstance(segment, int) else f".{segment}"
    return text
