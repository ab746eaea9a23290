"""The functions flow authors call in CEL expressions, with their argument checks, on plain Python.

``sum``, ``avg``, ``max``, ``min`` and ``count`` take one list of numbers; ``merge``,
``merge_max``, ``merge_last``, ``flatten``, ``collect`` and ``top_keys`` reshape lists and maps
for profile building (Huey adds up three preference maps with
``merge([temp.pref_one_hue, temp.pref_two_hue, temp.pref_three_hue])`` and keeps the strongest
hues with ``top_keys(user.hue_profile, 5)``). The arithmetic and reshaping are
``domain.expressions.aggregates``, shared with the legacy aggregate action; this module adds
what an expression author is owed on top: a ``TypeError`` naming the function and what it got.

Both engines bind ``FLOW_FUNCTIONS``, so they answer and refuse alike: the native engine
registers the callables as they are, the cel-python engine converts its values to plain Python
around each call. Each engine turns the ``TypeError`` into its ``ExpressionError``.

The numeric functions skip null items (an unanswered question leaves a null behind) but refuse
any other non-number, although the domain aggregates would skip it: an author who sums strings
has made a mistake worth reporting. An empty list sums and counts to 0; its average, maximum
and minimum are null because no value would be honest. The reshaping functions skip inner
entries that are null or of the wrong kind (profile maps are often partly unset); only a wrong
kind for an outer argument is refused.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable, Mapping

from domain.expressions import aggregates

_KINDS: dict[type, str] = {
    bool: "bool",
    int: "int",
    float: "double",
    str: "string",
    bytes: "bytes",
    list: "list",
    tuple: "list",
    dict: "map",
    type(None): "null",
    datetime.datetime: "timestamp",
    datetime.timedelta: "duration",
}


def kind_of(value: Any) -> str:
    """CEL's name for the kind of plain Python ``value``, for messages ("int", "map", "null" ...)."""
    return _KINDS.get(type(value), type(value).__name__)


def is_number(value: Any) -> bool:
    """True for CEL int, uint and double; never for bool, which CEL keeps apart from numbers."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def numbers_in(function: str, values: Any) -> list[int | float]:
    """The numbers of list ``values``, nulls dropped; else a TypeError naming ``function``."""
    if not isinstance(values, list):
        raise TypeError(f"{function}() expects a list, got {kind_of(values)}")
    present = [value for value in values if value is not None]
    for value in present:
        if not is_number(value):
            raise TypeError(f"{function}() expects a list of numbers, found {kind_of(value)}")
    return present


def _list(function: str, values: Any, expected: str = "a list") -> list[Any]:
    if not isinstance(values, list):
        raise TypeError(f"{function}() expects {expected}, got {kind_of(values)}")
    return values


def _named(name: str, function: Callable[..., Any], doc: str | None) -> Callable[..., Any]:
    # Python's arity complaint ("sum() takes 1 positional argument ...") names the callable by
    # its qualified name; it should name the function the author wrote.
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    return function


def _numeric(name: str, compute: Callable[[list[Any]], Any]) -> Callable[[Any], Any]:
    def aggregate(values: Any) -> Any:
        return compute(numbers_in(name, values))

    return _named(name, aggregate, compute.__doc__)


def _merging(name: str, combine: Callable[[list[Any]], dict[str, Any]]) -> Callable[[Any], Any]:
    def merged(values: Any) -> dict[str, Any]:
        return combine(_list(name, values, "a list of maps"))

    return _named(name, merged, combine.__doc__)


def flatten(values: Any) -> list[Any]:
    """A list of lists made one list, one level deep; null items dropped, other items kept."""
    return aggregates.flatten(_list("flatten", values))


def collect(values: Any, field: Any) -> list[Any]:
    """The value of ``field`` from each map in the list that has it, in order."""
    if not isinstance(field, str):
        raise TypeError(f"collect() expects a field name string, got {kind_of(field)}")
    return aggregates.collect(_list("collect", values, "a list of maps"), field)


def top_keys(mapping: Any, limit: Any) -> list[str]:
    """Up to ``limit`` keys of a map of numbers, highest value first, ties by key ascending.

    A null map (a profile never built) has no keys; non-numeric values are ignored. A
    fractional limit is refused rather than truncated: ``top_keys(m, 2.5)`` is a mistake.
    """
    if mapping is None:
        return []
    if not isinstance(mapping, Mapping):
        raise TypeError(f"top_keys() expects a map, got {kind_of(mapping)}")
    if not is_number(limit) or (isinstance(limit, float) and not limit.is_integer()):
        raise TypeError(f"top_keys() expects a whole number of keys, got {limit!s}")
    return aggregates.top_keys(mapping, int(limit))


# The domain keeps each number's own type, so ``max([3, 7.5])`` is a double and ``sum`` of ints
# stays an int; ``count`` counts non-null items, which after the check are exactly the numbers,
# so ``avg == sum / count``.
FLOW_FUNCTIONS: Mapping[str, Callable[..., Any]] = {
    "sum": _numeric("sum", aggregates.total),
    "avg": _numeric("avg", aggregates.average),
    "max": _numeric("max", aggregates.maximum),
    "min": _numeric("min", aggregates.minimum),
    "count": _numeric("count", aggregates.count),
    "merge": _merging("merge", aggregates.merge),
    "merge_max": _merging("merge_max", aggregates.merge_max),
    "merge_last": _merging("merge_last", aggregates.merge_last),
    "flatten": flatten,
    "collect": collect,
    "top_keys": top_keys,
}
