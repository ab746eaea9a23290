"""The legacy JSON condition form: ``{"var": "user.age", "gte": 13}``, ``and``/``or``/``not``.

Flows migrated from Landbot and older editors write conditions this way; CEL strings are the
current form. Both are accepted wherever a condition is.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from domain.errors import FlowRuntimeError

Lookup = Callable[[str], Any]
_MISSING = object()


def _compare(op: str, left: Any, right: Any) -> bool:
    try:
        if op == "eq":
            return bool(left == right)
        if op == "ne":
            return bool(left != right)
        if op == "gt":
            return bool(left > right)
        if op == "gte":
            return bool(left >= right)
        if op == "lt":
            return bool(left < right)
        if op == "lte":
            return bool(left <= right)
        if op == "in":
            return left in right if isinstance(right, (list, str, dict)) else False
        if op == "contains":
            return right in left if isinstance(left, (list, str, dict)) else False
    except TypeError:
        return False  # e.g. comparing None with a number: the condition simply does not hold
    raise FlowRuntimeError(f"unknown condition operator {op!r}")


_OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "exists")


def _comparable(value: Any) -> Any:
    """A chosen option compares by its value: choice answers store the whole option object
    (``{"label": "Find more books!", "value": "restart"}``) and conditions name the value."""
    if isinstance(value, Mapping) and "value" in value:
        return value["value"]
    return value


def evaluate_legacy(condition: Mapping[str, Any], lookup: Lookup) -> bool:
    if "and" in condition:
        return all(evaluate_legacy(part, lookup) for part in condition["and"])
    if "or" in condition:
        return any(evaluate_legacy(part, lookup) for part in condition["or"])
    if "not" in condition:
        return not evaluate_legacy(condition["not"], lookup)
    if "var" not in condition:
        raise FlowRuntimeError(f"a condition needs 'var', 'and', 'or' or 'not': {dict(condition)!r}")
    value = _comparable(lookup(str(condition["var"])))
    operators = [op for op in _OPERATORS if op in condition]
    if not operators:
        return bool(value)
    result = True
    for op in operators:
        if op == "exists":
            result = result and ((value is not None) == bool(condition["exists"]))
        else:
            result = result and _compare(op, value, condition[op])
    return result
