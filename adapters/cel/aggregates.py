"""Numeric aggregate functions for flow authors: ``sum``, ``avg``, ``max``, ``min``, ``count``.

The arithmetic lives in ``domain.expressions.aggregates`` (shared with the legacy aggregate
action); this module holds only what CEL adds: stricter argument checks and conversion between
cel-python values and plain Python.

Each takes one CEL list. Null items are skipped (an unanswered question leaves a null behind),
anything else that is not a number is a type error here, although the domain functions would
skip it: an expression author who sums strings has made a mistake worth reporting. An empty
list sums and counts to 0; its average, maximum and minimum are null because no value would be
honest.

A ``TypeError`` raised here is turned by the interpreter into a "no such overload" evaluation
error carrying this module's message, which the engine reports as an ``ExpressionError``.
"""

from __future__ import annotations

from typing import Any, Callable

from adapters.cel.operators import is_number
from adapters.cel.values import from_cel, kind_of, to_cel
from domain.expressions import aggregates


def numbers_in(function: str, values: Any) -> list[int | float]:
    """The numbers of CEL list ``values`` as plain Python, nulls dropped; else a TypeError."""
    if not isinstance(values, list):
        raise TypeError(f"{function}() expects a list, got {kind_of(values)}")
    present = [value for value in values if value is not None]
    for value in present:
        if not is_number(value):
            raise TypeError(f"{function}() expects a list of numbers, found {kind_of(value)}")
    return [from_cel(value) for value in present]


def _numeric(function: str, compute: Callable[[list[Any]], Any]) -> Callable[[Any], Any]:
    def aggregate(values: Any) -> Any:
        return to_cel(compute(numbers_in(function, values)))

    aggregate.__name__ = f"cel_{function}"
    aggregate.__doc__ = compute.__doc__
    return aggregate


# The domain keeps each number's own type, so ``max([3, 7.5])`` is a double and
# ``sum`` of ints stays an int; ``count`` counts non-null items, which after the check above
# are exactly the numbers, so ``avg == sum / count``.
cel_sum = _numeric("sum", aggregates.total)
cel_avg = _numeric("avg", aggregates.average)
cel_max = _numeric("max", aggregates.maximum)
cel_min = _numeric("min", aggregates.minimum)
cel_count = _numeric("count", aggregates.count)

AGGREGATE_FUNCTIONS = {
    "sum": cel_sum,
    "avg": cel_avg,
    "max": cel_max,
    "min": cel_min,
    "count": cel_count,
}
