"""Functions that reshape lists and maps: ``merge``, ``merge_max``, ``merge_last``,
``flatten``, ``collect`` and ``top_keys``.

They exist for profile building in flows such as Huey's, which adds up three preference maps
(``merge([temp.pref_one_hue, temp.pref_two_hue, temp.pref_three_hue])``) and then keeps the
strongest hues (``top_keys(user.hue_profile, 5)``). The reshaping itself is
``domain.expressions.aggregates``; this module checks the outer arguments, converts cel-python
values to plain Python and back. Inputs are often partly unset, so null entries and entries of
the wrong kind are skipped rather than failing the whole expression; only a wrong kind for the
outer argument itself is a type error.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from celpy import celtypes

from adapters.cel.operators import is_number, plain_number
from adapters.cel.values import from_cel, kind_of, to_cel
from domain.expressions import aggregates


def _plain_list(function: str, values: Any, expected: str = "a list") -> list[Any]:
    if not isinstance(values, list):
        raise TypeError(f"{function}() expects {expected}, got {kind_of(values)}")
    return from_cel(values)


def _merging(function: str, combine: Callable[[list[Any]], dict[str, Any]]) -> Callable[[Any], Any]:
    def merged(values: Any) -> Any:
        return to_cel(combine(_plain_list(function, values, "a list of maps")))

    merged.__name__ = f"cel_{function}"
    merged.__doc__ = combine.__doc__
    return merged


cel_merge = _merging("merge", aggregates.merge)
cel_merge_max = _merging("merge_max", aggregates.merge_max)
cel_merge_last = _merging("merge_last", aggregates.merge_last)


def cel_flatten(values: Any) -> Any:
    """A list of lists made one list, one level deep; null items dropped, other items kept."""
    return to_cel(aggregates.flatten(_plain_list("flatten", values)))


def cel_collect(values: Any, field: Any) -> Any:
    """The value of ``field`` from each map in the list that has it, in order."""
    if not isinstance(field, str):
        raise TypeError(f"collect() expects a field name string, got {kind_of(field)}")
    return to_cel(aggregates.collect(_plain_list("collect", values, "a list of maps"), str(field)))


def cel_top_keys(mapping: Any, limit: Any) -> Any:
    """Up to ``limit`` keys of a map of numbers, highest value first, ties by key ascending.

    A null map (a profile never built) has no keys; non-numeric values are ignored. A
    fractional limit is refused rather than truncated: ``top_keys(m, 2.5)`` is a mistake.
    """
    if mapping is None:
        return celtypes.ListType()
    if not isinstance(mapping, Mapping):
        raise TypeError(f"top_keys() expects a map, got {kind_of(mapping)}")
    if not is_number(limit) or plain_number(limit) != int(limit):
        raise TypeError(f"top_keys() expects a whole number of keys, got {limit!s}")
    return to_cel(aggregates.top_keys(from_cel(mapping), int(limit)))


SHAPING_FUNCTIONS = {
    "merge": cel_merge,
    "merge_max": cel_merge_max,
    "merge_last": cel_merge_last,
    "flatten": cel_flatten,
    "collect": cel_collect,
    "top_keys": cel_top_keys,
}
