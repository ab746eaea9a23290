"""What several node types share: writing a variable the flow may write, and the way out
after a failed outside call."""

from __future__ import annotations

from typing import Any

from domain.conversation.outcomes import Follow
from domain.conversation.paths import READ_ONLY_SCOPES, parse_path, qualified
from domain.conversation.walk import Walk
from domain.errors import FlowRuntimeError
from domain.flows.connection import DEFAULT, ERROR, FAILURE, SUCCESS


def set_variable(walk: Walk, path: str, value: Any, changed: list[str]) -> None:
    scope, _ = parse_path(path)
    if scope in READ_ONLY_SCOPES:
        raise FlowRuntimeError(f"a flow may not write {path!r}: the {scope} scope is read-only")
    walk.state.set(path, value)
    changed.append(qualified(path))


def failure_route(has_fallback: bool) -> Follow:
    """Out along the error path; with a fallback answer applied, the success path will do."""
    if has_fallback:
        return Follow((ERROR, FAILURE, SUCCESS, DEFAULT))
    return Follow((ERROR, FAILURE, DEFAULT))

