"""JSON text for JSONB parameters, written by us so every statement encodes values the same way.

Domain values hold read-only mappings and tuples; both become plain JSON. Anything else
unknown (a datetime, a UUID) becomes its string, as the domain's canonical JSON does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson

# orjson is several times faster than json on the hot path (every turn writes the state);
# the standard library takes over for what orjson refuses (integers beyond 64 bits).
_OPTIONS = orjson.OPT_NON_STR_KEYS


def to_json(value: Any) -> str:
    try:
        return orjson.dumps(value, default=_fallback, option=_OPTIONS).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_fallback)


def from_json(text: str | bytes) -> Any:
    return orjson.loads(text)


def _fallback(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)
