"""Functions that reshape lists and maps: ``merge``, ``merge_max``, ``merge_last``,
``flatten``, ``collect`` and ``top_keys``.

The reshaping is ``domain.expressions.aggregates``; this module checks the outer arguments as
the cel-python adapter does. Inner entries that are null or of the wrong kind are skipped (the
Huey profile maps are often partly unset); only a wrong kind for the outer argument itself is a
``TypeError``.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from adapters.cel_native.values import is_number, kind_of
from domain.expressions import aggregates


def _list(function: str, values: Any, expected: str = "a list") -> list[Any]:
    if not isinstance(values, list):
        raise TypeError(f"{function}() expects {expected}, got {kind_of(values)}")
    return values


def _merging(function: str, combine: Callable[[list[Any]], dict[str, Any]]) -> Callable[[Any], Any]:
    def merged(values: Any) -> Any:
        return combine(_list(function, values, "a list of maps"))

    merged.__name__ = f"native_{function}"
    merged.__doc__ = combine.__doc__
    return merged


native_merge = _merging("merge", aggregates.merge)
native_merge_max = _merging("merge_max", aggregates.merge_max)
native_merge_last = _merging("merge_last", aggregates.merge_last)


def native_flatten(values: Any) -> list[Any]:
    """A list of lists made one list, one level deep; null items dropped, other items kept."""
    return aggregates.flatten(_list("flatten", values))


def native_collect(values: Any, field: Any) -> list[Any]:
    """The value of ``field`` from each map in the list that has it, in order."""
    if not isinstance(field, str):
        raise TypeError(f"collect() expects a field name string, got {kind_of(field)}")
    return aggregates.collect(_list("collect", values, "a list of maps"), field)


def native_top_keys(mapping: Any, limit: Any) -> list[str]:
    """Up to ``limit`` keys of a map of numbers, highest value first, ties by key ascending.

    A null map (a profile never built) has no keys; a fractional limit is refused rather than
    truncated: ``top_keys(m, 2.5)`` is a mistake.
    """
    if mapping is None:
        return []
    if not isinstance(mapping, Mapping):
        raise TypeError(f"top_keys() expects a map, got {kind_of(mapping)}")
    if not is_number(limit) or (isinstance(limit, float) and not limit.is_integer()):
        raise TypeError(f"top_keys() expects a whole number of keys, got {limit!s}")
    return aggregates.top_keys(mapping, int(limit))


SHAPING_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "merge": native_merge,
    "merge_max": native_merge_max,
    "merge_last": native_merge_last,
    "flatten": native_flatten,
    "collect": native_collect,
    "top_keys": native_top_keys,
}
