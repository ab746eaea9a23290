"""Functions that reshape lists and maps: ``merge``, ``merge_max``, ``merge_last``,
``flatten``, ``collect`` and ``top_keys``.

They exist for profile building in flows such as Huey's, which adds up three preference maps
(``merge([temp.pref_one_hue, temp.pref_two_hue, temp.pref_three_hue])``) and then keeps the
strongest hues (``top_keys(user.hue_profile, 5)``). Inputs are often partly unset, so null
entries and entries of the wrong kind are skipped rather than failing the whole expression;
only a wrong kind for the outer argument itself is a type error.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Mapping

from celpy import celtypes

from adapters.cel.aggregates import as_cel_number
from adapters.cel.operators import is_number, plain_number
from adapters.cel.values import kind_of


def _maps_in(function: str, values: Any) -> list[Mapping[Any, Any]]:
    if not isinstance(values, list):
        raise TypeError(f"{function}() expects a list of maps, got {kind_of(values)}")
    return [value for value in values if isinstance(value, Mapping)]


def _merge_numbers(
    function: str, values: Any, combine: Callable[[int | float, int | float], int | float]
) -> Any:
    merged: dict[Any, int | float] = {}
    for mapping in _maps_in(function, values):
        for key, value in mapping.items():
            if not is_number(value):
                continue
            number = plain_number(value)
            merged[key] = combine(merged[key], number) if key in merged else number
    return celtypes.MapType({key: as_cel_number(number) for key, number in merged.items()})


def cel_merge(values: Any) -> Any:
    """One map whose value per key is the sum of that key's numeric values across the maps."""
    return _merge_numbers("merge", values, operator.add)


def cel_merge_max(values: Any) -> Any:
    """One map whose value per key is the largest of that key's numeric values."""
    return _merge_numbers("merge_max", values, max)


def cel_merge_last(values: Any) -> Any:
    """One map holding every key; where maps share a key the later map's value wins."""
    merged: dict[Any, Any] = {}
    for mapping in _maps_in("merge_last", values):
        merged.update(mapping)
    return celtypes.MapType(merged)


def cel_flatten(values: Any) -> Any:
    """A list of lists made one list, one level deep; null items dropped, other items kept."""
    if not isinstance(values, list):
        raise TypeError(f"flatten() expects a list, got {kind_of(values)}")
    flat: list[Any] = []
    for value in values:
        if isinstance(value, list):
            flat.extend(value)
        elif value is not None:
            flat.append(value)
    return celtypes.ListType(flat)


def cel_collect(values: Any, field: Any) -> Any:
    """The value of ``field`` from each map in the list that has it, in order."""
    if not isinstance(field, str):
        raise TypeError(f"collect() expects a field name string, got {kind_of(field)}")
    key = celtypes.StringType(field)
    return celtypes.ListType(
        [mapping[key] for mapping in _maps_in("collect", values) if key in mapping]
    )


def cel_top_keys(mapping: Any, limit: Any) -> Any:
    """Up to ``limit`` keys of a map of numbers, highest value first, ties by key ascending.

    A null map (a profile never built) has no keys; non-numeric values are ignored.
    """
    if mapping is None:
        return celtypes.ListType()
    if not isinstance(mapping, Mapping):
        raise TypeError(f"top_keys() expects a map, got {kind_of(mapping)}")
    if not is_number(limit) or plain_number(limit) != int(limit):
        raise TypeError(f"top_keys() expects a whole number of keys, got {limit!s}")
    scored = [(key, plain_number(value)) for key, value in mapping.items() if is_number(value)]
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return celtypes.ListType([key for key, _ in scored[: max(int(limit), 0)]])


SHAPING_FUNCTIONS = {
    "merge": cel_merge,
    "merge_max": cel_merge_max,
    "merge_last": cel_merge_last,
    "flatten": cel_flatten,
    "collect": cel_collect,
    "top_keys": cel_top_keys,
}
