"""Aggregation functions shared by CEL (as custom functions) and the legacy aggregate action.

Plain Python in, plain Python out. Nulls and values of the wrong kind are skipped rather than
failing the turn: a child who skipped a question should still get recommendations.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping


def _numbers(values: Iterable[Any]) -> list[float | int]:
    return [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]


def total(values: Iterable[Any]) -> float | int:
    return sum(_numbers(values))


def average(values: Iterable[Any]) -> float | None:
    numbers = _numbers(values)
    return sum(numbers) / len(numbers) if numbers else None


def maximum(values: Iterable[Any]) -> float | int | None:
    numbers = _numbers(values)
    return max(numbers) if numbers else None


def minimum(values: Iterable[Any]) -> float | int | None:
    numbers = _numbers(values)
    return min(numbers) if numbers else None


def count(values: Iterable[Any]) -> int:
    return sum(1 for v in values if v is not None)


def _merge_with(maps: Iterable[Any], combine: Callable[[Any, Any], Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for item in maps:
        if not isinstance(item, Mapping):
            continue
        for key, value in item.items():
            merged[key] = combine(merged[key], value) if key in merged else value
    return merged


def _merge_numbers(maps: Iterable[Any], combine: Callable[[Any, Any], Any]) -> dict[str, Any]:
    # Only numbers take part: a stray text value must neither appear in a profile nor
    # replace a running total (the CEL functions and the legacy action agree on this).
    numeric = ({k: v for k, v in item.items() if _numbers([v])} for item in maps if isinstance(item, Mapping))
    return _merge_with(numeric, combine)


def merge(maps: Iterable[Any]) -> dict[str, Any]:
    """Per key sum of numeric values (the Huey hue profile); other values are skipped."""
    return _merge_numbers(maps, lambda a, b: a + b)


def merge_max(maps: Iterable[Any]) -> dict[str, Any]:
    """Per key largest numeric value; other values are skipped."""
    return _merge_numbers(maps, max)


def merge_last(maps: Iterable[Any]) -> dict[str, Any]:
    return _merge_with(maps, lambda _a, b: b)


def flatten(lists: Iterable[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in lists:
        if isinstance(item, list):
            flat.extend(item)
        elif item is not None:
            flat.append(item)
    return flat


def collect(maps: Iterable[Any], field: str) -> list[Any]:
    return [m[field] for m in maps if isinstance(m, Mapping) and field in m]


def top_keys(scores: Any, n: int) -> list[str]:
    """Keys by value descending, ties by key ascending, at most ``n``."""
    if not isinstance(scores, Mapping):
        return []
    ranked = sorted(
        ((key, value) for key, value in scores.items() if _numbers([value])),
        key=lambda pair: (-pair[1], pair[0]),
    )
    return [key for key, _ in ranked[: max(int(n), 0)]]


# Operation names of the legacy ``{source, field, operation}`` aggregate form.
LEGACY_OPERATIONS: Mapping[str, Callable[[list[Any]], Any]] = {
    "sum": total,
    "avg": average,
    "average": average,
    "max": maximum,
    "min": minimum,
    "count": count,
    "merge": merge,
    "weighted_average": merge,
    "merge_max": merge_max,
    "merge_last": merge_last,
    "flatten": flatten,
    "collect": lambda values: list(values),
}
