"""A fallback copy of plain Python values for what the native CEL library refuses to convert.

The library converts arguments and results itself (bool, int, float, str, bytes, None, list,
tuple, dict, datetime, timedelta), so no conversion runs on the fast path. What it refuses,
cel-python accepts: a ``UUID``, a ``Decimal`` nested in a list, a map key that is neither
string, int nor bool. ``normalised`` makes the copy cel-python would have made, and the engine
uses it only after the library has refused a value, so ordinary JSON state is never copied.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any, Mapping


def normalised(value: Any) -> Any:
    """A copy of ``value`` the library can convert, mirroring what cel-python accepts."""
    if isinstance(value, Mapping):
        return {_key(key): normalised(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalised(item) for item in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _key(key: Any) -> Any:
    # CEL map keys are string, int, uint or bool; cel-python spells any other key as text.
    if isinstance(key, (str, int)):
        return key
    return str(key)
