"""A small JSONPath reader for webhook ``response_mapping``: ``$.data.books``, ``$.items[0].id``,
``$['key with space']``, ``$.items[*].id``. Enough for mapping responses; nothing that executes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_TOKEN = re.compile(r"\.([A-Za-z0-9_\-]+)|\[(\d+)\]|\[\*\]|\.\*|\['([^']*)'\]|\[\"([^\"]*)\"\]")
_WILDCARD = object()


@lru_cache(maxsize=1024)
def _parse(path: str) -> tuple[Any, ...]:
    text = path.strip()
    if not text.startswith("$"):
        text = "$." + text
    tokens: list[Any] = []
    position = 1
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise ValueError(f"unsupported JSONPath {path!r} at {text[position:]!r}")
        name, index, quoted, double_quoted = match.groups()
        if index is not None:
            tokens.append(int(index))
        elif name is not None:
            tokens.append(name)
        elif quoted is not None or double_quoted is not None:
            tokens.append(quoted if quoted is not None else double_quoted)
        else:
            tokens.append(_WILDCARD)
        position = match.end()
    return tuple(tokens)


def is_valid(path: str) -> bool:
    try:
        _parse(path)
    except ValueError:
        return False
    return True


def read(document: Any, path: str) -> Any:
    """The value at ``path``; a list when the path has a wildcard; None when absent."""
    values = [document]
    wildcard = False
    for token in _parse(path):
        next_values: list[Any] = []
        for value in values:
            if token is _WILDCARD:
                wildcard = True
                if isinstance(value, list):
                    next_values.extend(value)
                elif isinstance(value, dict):
                    next_values.extend(value.values())
            elif isinstance(token, int):
                if isinstance(value, list) and -len(value) <= token < len(value):
                    next_values.append(value[token])
            elif isinstance(value, dict) and token in value:
                next_values.append(value[token])
        values = next_values
    if wildcard:
        return values
    return values[0] if values else None
