"""JSON text for JSONB parameters, written by us so every statement encodes values the same way.

Domain values hold read-only mappings and tuples; both become plain JSON. Anything else
unknown (a datetime, a UUID) becomes its string, as the domain's canonical JSON does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def to_json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_fallback)


def _fallback(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)
