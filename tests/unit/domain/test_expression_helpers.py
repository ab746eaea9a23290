"""Legacy JSON conditions, JSONPath for webhook responses, and the aggregation functions."""

from __future__ import annotations

import pytest

from domain.errors import FlowRuntimeError
from domain.expressions import aggregates, jsonpath
from domain.expressions.legacy_conditions import evaluate_legacy

VALUES = {"user.age": 14, "temp.genres": ["mystery", "fantasy"], "temp.name": None}


def lookup(path: str) -> object:
    return VALUES.get(path)


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"var": "user.age", "gte": 13}, True),
        ({"and": [{"var": "user.age", "gte": 13}, {"var": "user.age", "lt": 18}]}, True),
        ({"or": [{"var": "user.age", "lt": 5}, {"var": "user.age", "eq": 14}]}, True),
        ({"not": {"var": "user.age", "ne": 14}}, True),
        ({"var": "temp.genres", "contains": "mystery"}, True),
        ({"var": "user.age", "in": [1, 2, 3]}, False),
        ({"var": "temp.name", "exists": False}, True),
        ({"var": "temp.name", "gt": 3}, False),
    ],
)
def test_legacy_conditions(condition: dict, expected: bool) -> None:
    assert evaluate_legacy(condition, lookup) is expected


def test_a_legacy_condition_without_a_variable_is_a_clear_error() -> None:
    with pytest.raises(FlowRuntimeError):
        evaluate_legacy({"gte": 3}, lookup)


def test_jsonpath_reads_nested_values_indexes_and_wildcards() -> None:
    doc = {"data": {"books": [{"id": 1}, {"id": 2}], "total": 2, "odd key": "x"}}
    assert jsonpath.read(doc, "$.data.total") == 2
    assert jsonpath.read(doc, "$.data.books[1].id") == 2
    assert jsonpath.read(doc, "$.data.books[*].id") == [1, 2]
    assert jsonpath.read(doc, "$.data['odd key']") == "x"
    assert jsonpath.read(doc, "$.data.missing") is None
    assert not jsonpath.is_valid("$..[?(@.x)]")


def test_merge_sums_per_key_and_skips_nulls() -> None:
    assert aggregates.merge([{"a": 0.5}, None, {"a": 0.25, "b": 1}]) == {"a": 0.75, "b": 1}


def test_top_keys_orders_by_weight_then_name() -> None:
    assert aggregates.top_keys({"b": 1.0, "a": 1.0, "c": 2.0, "d": 0.1}, 3) == ["c", "a", "b"]


def test_a_chosen_option_is_compared_by_its_value() -> None:
    chosen = {"temp.restart_choice": {"label": "Find more books! 📚", "value": "restart"}}
    assert evaluate_legacy({"var": "temp.restart_choice", "eq": "restart"}, chosen.get) is True
    assert evaluate_legacy({"var": "temp.restart_choice", "ne": "restart"}, chosen.get) is False
    assert evaluate_legacy({"var": "temp.restart_choice", "exists": True}, chosen.get) is True
