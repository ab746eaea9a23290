"""Comparisons treat int, uint and double as one kind of number, both ways round."""

from __future__ import annotations

import pytest

from adapters.cel import CelExpressionEngine
from domain.errors import ExpressionError


@pytest.fixture(scope="module")
def engine() -> CelExpressionEngine:
    return CelExpressionEngine()


@pytest.mark.parametrize(
    ("expression", "x", "expected"),
    [
        ("temp.x > 2.5", 3, True),
        ("temp.x > 2.5", 2, False),
        ("2.5 > temp.x", 3, False),
        ("temp.x >= 3.0", 3, True),
        ("temp.x < 3.5", 3, True),
        ("3.5 <= temp.x", 3, False),
        ("temp.x == 1", 1.0, True),
        ("1 == temp.x", 1.0, True),
        ("temp.x != 1", 1.0, False),
        ("temp.x == 1.5", 1, False),
        ("temp.x > 0", 0.5, True),
        ("temp.x == 1u", 1.0, True),
        ("temp.x < 1u", 0.5, True),
        ("temp.x == 9007199254740993", 9007199254740992.0, False),
    ],
)
def test_mixed_int_and_double_comparisons_compare_values(engine, expression, x, expected) -> None:
    assert engine.evaluate(expression, {"temp": {"x": x}}) is expected


def test_size_compares_with_an_int_and_a_double(engine) -> None:
    assert engine.evaluate("size(temp.books) > 0", {"temp": {"books": ["a"]}}) is True
    assert engine.evaluate("size(temp.books) >= 0.5", {"temp": {"books": []}}) is False


def test_lists_and_maps_compare_their_numbers_by_value(engine) -> None:
    assert engine.evaluate("temp.l == [1, 2]", {"temp": {"l": [1.0, 2.0]}}) is True
    assert engine.evaluate("temp.m == {'a': 1}", {"temp": {"m": {"a": 1.0}}}) is True
    assert engine.evaluate("temp.m != {'a': 2}", {"temp": {"m": {"a": 1.0}}}) is True


def test_values_of_different_kinds_are_unequal_rather_than_an_error(engine) -> None:
    assert engine.evaluate("temp.x == 'a'", {"temp": {"x": 1}}) is False
    assert engine.evaluate("temp.x != null", {"temp": {"x": "a"}}) is True
    assert engine.evaluate("true == 1", {}) is False


def test_membership_finds_a_double_among_ints(engine) -> None:
    assert engine.evaluate("temp.age in [8, 9]", {"temp": {"age": 9.0}}) is True
    assert engine.evaluate("'k' in {'k': 1}", {}) is True


def test_arithmetic_mixing_int_and_double_is_done_in_double(engine) -> None:
    assert engine.evaluate("temp.x * 1.5", {"temp": {"x": 2}}) == 3.0
    assert engine.evaluate("temp.x - 0.5 == 1.5", {"temp": {"x": 2}}) is True
    assert engine.evaluate("temp.x / 2", {"temp": {"x": 3}}) == 1
    assert engine.evaluate("temp.x / 2.0", {"temp": {"x": 3}}) == 1.5


def test_ordering_different_kinds_is_still_an_error(engine) -> None:
    with pytest.raises(ExpressionError, match="no matching overload for '<'"):
        engine.evaluate("temp.x < 'a'", {"temp": {"x": 1}})


def test_an_error_operand_is_passed_on_not_compared(engine) -> None:
    with pytest.raises(ExpressionError, match="no such member"):
        engine.evaluate("temp.missing == 1", {"temp": {}})
    assert engine.evaluate("temp.missing == 1 || true", {"temp": {}}) is True
