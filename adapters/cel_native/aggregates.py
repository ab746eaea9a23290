"""Numeric aggregate functions for flow authors: ``sum``, ``avg``, ``max``, ``min``, ``count``.

The arithmetic lives in ``domain.expressions.aggregates``; this module adds the same argument
checks the cel-python adapter pins, so both engines answer and refuse alike. Each takes one
list; null items are skipped (an unanswered question leaves a null behind), any other
non-number is a ``TypeError``, which the library reports as a failed function call. An empty
list sums and counts to 0; its average, maximum and minimum are null.

The library hands over plain Python and takes plain Python back, so no value conversion
happens here.
"""

from __future__ import annotations

from typing import Any, Callable

from adapters.cel_native.values import is_number, kind_of
from domain.expressions import aggregates


def numbers_in(function: str, values: Any) -> list[int | float]:
    """The numbers of list ``values``, nulls dropped; else a TypeError naming ``function``."""
    if not isinstance(values, list):
        raise TypeError(f"{function}() expects a list, got {kind_of(values)}")
    present = [value for value in values if value is not None]
    for value in present:
        if not is_number(value):
            raise TypeError(f"{function}() expects a list of numbers, found {kind_of(value)}")
    return present


def _numeric(function: str, compute: Callable[[list[Any]], Any]) -> Callable[[Any], Any]:
    def aggregate(values: Any) -> Any:
        return compute(numbers_in(function, values))

    aggregate.__name__ = f"native_{function}"
    aggregate.__doc__ = compute.__doc__
    return aggregate


native_sum = _numeric("sum", aggregates.total)
native_avg = _numeric("avg", aggregates.average)
native_max = _numeric("max", aggregates.maximum)
native_min = _numeric("min", aggregates.minimum)
native_count = _numeric("count", aggregates.count)

AGGREGATE_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sum": native_sum,
    "avg": native_avg,
    "max": native_max,
    "min": native_min,
    "count": native_count,
}
