"""Numeric aggregate functions for flow authors: ``sum``, ``avg``, ``max``, ``min``, ``count``.

Each takes one CEL list. Null items are skipped (an unanswered question leaves a null behind),
anything else that is not a number is a type error. An empty list sums and counts to 0; its
average, maximum and minimum are null because no value would be honest.

A ``TypeError`` raised here is turned by the interpreter into a "no such overload" evaluation
error carrying this module's message, which the engine reports as an ``ExpressionError``.
"""

from __future__ import annotations

from typing import Any

from celpy import celtypes

from adapters.cel.operators import is_number, plain_number
from adapters.cel.values import kind_of


def numbers_in(function: str, values: Any) -> list[Any]:
    """The CEL numbers of list ``values``, nulls dropped; a TypeError for anything else."""
    if not isinstance(values, list):
        raise TypeError(f"{function}() expects a list, got {kind_of(values)}")
    numbers = [value for value in values if value is not None]
    for value in numbers:
        if not is_number(value):
            raise TypeError(f"{function}() expects a list of numbers, found {kind_of(value)}")
    return numbers


def as_cel_number(value: int | float) -> Any:
    """A Python number back as a CEL int or double."""
    return celtypes.DoubleType(value) if isinstance(value, float) else celtypes.IntType(value)


def cel_sum(values: Any) -> Any:
    """Sum of the numbers: an int while every item is an int, a double once any is a double."""
    numbers = numbers_in("sum", values)
    return as_cel_number(sum((plain_number(value) for value in numbers), 0))


def cel_avg(values: Any) -> Any:
    """Mean of the numbers as a double, or null for an empty list."""
    numbers = numbers_in("avg", values)
    if not numbers:
        return None
    return celtypes.DoubleType(sum(plain_number(value) for value in numbers) / len(numbers))


def cel_max(values: Any) -> Any:
    """The largest number, keeping its own type, or null for an empty list."""
    numbers = numbers_in("max", values)
    return max(numbers, key=plain_number) if numbers else None


def cel_min(values: Any) -> Any:
    """The smallest number, keeping its own type, or null for an empty list."""
    numbers = numbers_in("min", values)
    return min(numbers, key=plain_number) if numbers else None


def cel_count(values: Any) -> Any:
    """How many numbers the list holds (nulls are not counted), so ``avg == sum / count``."""
    return celtypes.IntType(len(numbers_in("count", values)))


AGGREGATE_FUNCTIONS = {
    "sum": cel_sum,
    "avg": cel_avg,
    "max": cel_max,
    "min": cel_min,
    "count": cel_count,
}
