"""Rules for state that callers (not the flow) provide: initial state and state patches.

Callers may set ``user``, ``context``, ``temp`` and ``variables``. The ``session`` facts and the
engine's ``system`` bookkeeping (pending question, composite frames, random seed) are owned by
the engine and refused, as is anything that would push the state past 1 MB.
"""

from __future__ import annotations

from typing import Any, Mapping

from domain.conversation.paths import is_valid_path, parse_path
from domain.conversation.session import MAX_STATE_BYTES, encode_state
from domain.errors import FieldError, ValidationFailed

CALLER_SCOPES = ("user", "context", "temp", "variables")


def check_initial_state(initial: Any, field: str = "initial_state") -> dict[str, dict[str, Any]]:
    if not isinstance(initial, Mapping):
        raise ValidationFailed("initial state must be an object", [FieldError(field, "must be an object")])
    errors = []
    for scope, value in initial.items():
        if scope not in CALLER_SCOPES:
            errors.append(FieldError(f"{field}.{scope}", f"may only set {', '.join(CALLER_SCOPES)}"))
        elif not isinstance(value, Mapping):
            errors.append(FieldError(f"{field}.{scope}", "must be an object"))
    if errors:
        raise ValidationFailed("the initial state is not allowed", errors)
    return {scope: dict(value) for scope, value in initial.items()}


def check_updates(updates: Any, field: str = "updates") -> dict[str, Any]:
    """Updates by path (``user.name``) or by scope (``{"temp": {...}}`` merges into temp)."""
    if not isinstance(updates, Mapping) or not updates:
        raise ValidationFailed("updates must be a non-empty object", [FieldError(field, "must be a non-empty object")])
    errors = []
    for path in updates:
        where = f"{field}.{path}"
        if not isinstance(path, str) or not is_valid_path(path):
            errors.append(FieldError(where, "is not a variable path like user.name"))
            continue
        scope, route = parse_path(path)
        if path.split(".")[0].split("[")[0] != scope and not route:
            scope = "temp"
        if scope not in CALLER_SCOPES:
            errors.append(FieldError(where, f"the {scope} scope belongs to the engine and cannot be changed"))
        elif not route and not isinstance(updates[path], Mapping):
            errors.append(FieldError(where, "a whole scope must be set to an object"))
    if errors:
        raise ValidationFailed("these state updates are not allowed", errors)
    return dict(updates)


def check_size(state: Mapping[str, Any], field: str) -> bytes:
    """The state's canonical bytes, or ValidationFailed when they are over the limit."""
    encoded = encode_state(state)
    size = len(encoded)
    if size > MAX_STATE_BYTES:
        message = f"the session state would be {size} bytes; the limit is {MAX_STATE_BYTES}"
        raise ValidationFailed(message, [FieldError(field, message)])
    return encoded
