"""SessionState: the scoped variables of one conversation, and reads/writes by path.

The state is one JSON document: ``{"user": {}, "context": {}, "temp": {}, "variables": {},
"session": {}, "system": {...}}``. Inside a composite sub-flow, ``input``, ``output`` and
``local`` belong to the innermost frame on ``system.frames``; outside any frame they are
top-level keys like the others.
"""

from __future__ import annotations

from typing import Any, Mapping

from domain.conversation.paths import FLOW_SCOPES, FRAME_SCOPES, SYSTEM_SCOPE, Segment, parse_path

_MISSING = object()


class SessionState:
    """A mutable working copy of a session's state. The interpreter owns one per turn."""

    __slots__ = ("data",)

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self.data: dict[str, Any] = copy_json(dict(data or {}))
        for scope in ("user", "context", "temp", "variables", "session", SYSTEM_SCOPE):
            self.data.setdefault(scope, {})

    # -- scopes -------------------------------------------------------------------------------

    @property
    def system(self) -> dict[str, Any]:
        return self.data[SYSTEM_SCOPE]

    @property
    def frames(self) -> list[dict[str, Any]]:
        return self.system.setdefault("frames", [])

    def scope(self, name: str) -> dict[str, Any]:
        if name in FRAME_SCOPES and self.frames:
            return self.frames[-1].setdefault(name, {})
        return self.data.setdefault(name, {})

    def variables(self) -> dict[str, Any]:
        """Every flow-visible scope by name, as expressions and templates see them."""
        return {name: self.scope(name) for name in FLOW_SCOPES}

    # -- paths --------------------------------------------------------------------------------

    def get(self, path: str, default: Any = None) -> Any:
        scope, route = parse_path(path)
        value: Any = self.scope(scope)
        for segment in route:
            value = _step(value, segment)
            if value is _MISSING:
                return default
        return value

    def set(self, path: str, value: Any) -> None:
        scope, route = parse_path(path)
        if not route:
            raise ValueError(f"cannot replace the whole {scope!r} scope")
        container: Any = self.scope(scope)
        for segment, following in zip(route, route[1:]):
            container = _child_for_write(container, segment, following)
        _assign(container, route[-1], value)

    def delete(self, path: str) -> None:
        scope, route = parse_path(path)
        if not route:
            return
        container: Any = self.scope(scope)
        for segment in route[:-1]:
            container = _step(container, segment)
            if container is _MISSING:
                return
        last = route[-1]
        if isinstance(container, dict):
            container.pop(last, None)  # type: ignore[arg-type]
        elif isinstance(container, list) and isinstance(last, int) and last < len(container):
            container.pop(last)

    def snapshot(self) -> dict[str, Any]:
        return copy_json(self.data)


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-like data (dicts, lists, scalars): several times faster than
    ``copy.deepcopy``, which matters because every turn copies the session state once."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    return value


def _step(value: Any, segment: Segment) -> Any:
    if isinstance(segment, int):
        if isinstance(value, list) and -len(value) <= segment < len(value):
            return value[segment]
        return _MISSING
    if isinstance(value, dict):
        return value.get(segment, _MISSING)
    return _MISSING


def _child_for_write(container: Any, segment: Segment, following: Segment) -> Any:
    existing = _step(container, segment)
    if isinstance(existing, (dict, list)):
        return existing
    fresh: Any = [] if isinstance(following, int) else {}
    _assign(container, segment, fresh)
    return fresh


def _assign(container: Any, segment: Segment, value: Any) -> None:
    if isinstance(segment, int):
        if not isinstance(container, list):
            raise ValueError(f"cannot index a {type(container).__name__} with [{segment}]")
        while len(container) <= segment:
            container.append(None)
        container[segment] = value
    elif isinstance(container, dict):
        container[segment] = value
    else:
        raise ValueError(f"cannot set {segment!r} on a {type(container).__name__}")
