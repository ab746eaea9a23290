"""Shape check of the legacy JSON condition form (``{"var": ..., "gte": 13}``, and/or/not).

Only the shape: whether it holds is decided at run time by the interpreter.
"""

from __future__ import annotations

from typing import Any, Mapping

OPERATORS = frozenset({"eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "exists"})
_COMBINATORS = ("and", "or", "not")


def legacy_condition_problem(condition: Any, where: str = "") -> str | None:
    """What is wrong with ``condition``, prefixed by its position inside it, or None."""
    prefix = f"{where}: " if where else ""
    if not isinstance(condition, Mapping):
        return f"{prefix}a condition must be an object"
    combinators = [key for key in _COMBINATORS if key in condition]
    if len(combinators) > 1 or (combinators and "var" in condition):
        return f"{prefix}use exactly one of 'var', 'and', 'or', 'not' per object"
    if combinators == ["not"]:
        return legacy_condition_problem(condition["not"], _join(where, "not"))
    if combinators:
        key = combinators[0]
        parts = condition[key]
        if not isinstance(parts, list) or not parts:
            return f"{prefix}'{key}' needs a non-empty list of conditions"
        for index, part in enumerate(parts):
            problem = legacy_condition_problem(part, f"{_join(where, key)}[{index}]")
            if problem:
                return problem
        return None
    if not isinstance(condition.get("var"), str) or not condition["var"]:
        return f"{prefix}a condition needs 'var' (a variable path), 'and', 'or' or 'not'"
    unknown = sorted(set(condition) - OPERATORS - {"var"})
    if unknown:
        return f"{prefix}unknown operator(s) {', '.join(unknown)}; known: {', '.join(sorted(OPERATORS))}"
    return None


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
