"""Plain Python in, plain Python out: no cel-python type crosses the port."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

import pytest
from celpy import celtypes

from adapters.cel import CelExpressionEngine
from adapters.cel.values import UnsupportedValue, from_cel, to_cel

PLAIN_TYPES = (bool, int, float, str, type(None), list, dict, bytes, datetime.datetime,
               datetime.timedelta)


def assert_plain(value: Any) -> None:
    assert type(value) in PLAIN_TYPES, f"{value!r} is a {type(value)}"
    if isinstance(value, dict):
        for key, item in value.items():
            assert_plain(key)
            assert_plain(item)
    if isinstance(value, list):
        for item in value:
            assert_plain(item)


@pytest.fixture
def engine() -> CelExpressionEngine:
    return CelExpressionEngine()


def test_nested_state_round_trips_as_plain_python(engine) -> None:
    state = {"a": [1, 2.5, "x", True, None, {"b": {"c": [False]}}], "n": 0}
    result = engine.evaluate("temp", {"temp": state})
    assert result == state
    assert_plain(result)


def test_results_built_inside_cel_come_back_plain(engine) -> None:
    expressions = [
        "[1, 2].map(v, v * 2)",
        "{'k': [1u, 2.0, b'x']}",
        "merge([{'a': 1}, {'a': 0.5}])",
        "top_keys({'a': 1}, 1)",
        "flatten([[true], [null]])",
        "timestamp('2024-01-02T03:04:05Z')",
        "duration('90s')",
        "1 < 2",
    ]
    for expression in expressions:
        assert_plain(engine.evaluate(expression, {}))


def test_a_cel_bool_is_a_python_bool_not_an_int(engine) -> None:
    assert engine.evaluate("true", {}) is True
    assert engine.evaluate("temp.flag", {"temp": {"flag": False}}) is False


def test_ints_stay_ints_and_doubles_stay_floats(engine) -> None:
    assert type(engine.evaluate("temp.n + 1", {"temp": {"n": 1}})) is int
    assert type(engine.evaluate("temp.n + 1.0", {"temp": {"n": 1.0}})) is float


def test_a_type_value_comes_back_as_its_cel_name(engine) -> None:
    assert engine.evaluate("type(1)", {}) == "int"
    assert engine.evaluate("type('a')", {}) == "string"


def test_python_values_without_json_form_are_converted_sensibly() -> None:
    identifier = uuid.uuid4()
    assert to_cel(identifier) == celtypes.StringType(str(identifier))
    assert isinstance(to_cel(Decimal("1.5")), celtypes.DoubleType)
    assert isinstance(to_cel((1, 2)), celtypes.ListType)
    assert to_cel({1: "a"}) == celtypes.MapType({celtypes.IntType(1): celtypes.StringType("a")})


def test_a_timestamp_round_trips_as_an_aware_datetime() -> None:
    moment = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone.utc)
    back = from_cel(to_cel(moment))
    assert back == moment and type(back) is datetime.datetime


def test_an_object_with_no_cel_counterpart_is_refused() -> None:
    with pytest.raises(UnsupportedValue):
        to_cel(object())
