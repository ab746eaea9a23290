"""The custom functions, called directly on cel-python values and through the engine."""

from __future__ import annotations

import pytest
from celpy import celtypes

from adapters.cel import CelExpressionEngine
from adapters.cel.functions import CEL_FLOW_FUNCTIONS
from domain.errors import ExpressionError

cel_sum, cel_avg, cel_max, cel_min, cel_count = (
    CEL_FLOW_FUNCTIONS[name] for name in ("sum", "avg", "max", "min", "count")
)
cel_merge, cel_merge_max, cel_merge_last, cel_flatten, cel_collect, cel_top_keys = (
    CEL_FLOW_FUNCTIONS[name]
    for name in ("merge", "merge_max", "merge_last", "flatten", "collect", "top_keys")
)

Int, Double, Str = celtypes.IntType, celtypes.DoubleType, celtypes.StringType


def cel_list(*items: object) -> celtypes.ListType:
    return celtypes.ListType(list(items))


def cel_map(**items: object) -> celtypes.MapType:
    return celtypes.MapType({Str(key): value for key, value in items.items()})


@pytest.fixture
def engine() -> CelExpressionEngine:
    return CelExpressionEngine()


def test_sum_of_cel_ints_is_a_cel_int_and_with_a_double_a_cel_double() -> None:
    assert type(cel_sum(cel_list(Int(1), Int(2)))) is celtypes.IntType
    total = cel_sum(cel_list(Int(1), Double(0.5), None))
    assert type(total) is celtypes.DoubleType and total == Double(1.5)


def test_aggregates_of_an_empty_list() -> None:
    empty = cel_list()
    assert (cel_sum(empty), cel_count(empty)) == (Int(0), Int(0))
    assert (cel_avg(empty), cel_max(empty), cel_min(empty)) == (None, None, None)


def test_avg_is_sum_over_count_of_the_non_null_items() -> None:
    assert cel_avg(cel_list(Int(1), None, Int(2))) == Double(1.5)
    assert cel_count(cel_list(Int(1), None, Int(2))) == Int(2)


def test_max_and_min_compare_ints_with_doubles() -> None:
    assert cel_max(cel_list(Int(2), Double(2.5), Int(1))) == Double(2.5)
    assert cel_min(cel_list(Double(0.5), Int(0))) == Int(0)


@pytest.mark.parametrize("function", [cel_sum, cel_avg, cel_max, cel_min, cel_count])
def test_aggregates_refuse_non_numbers(function) -> None:
    with pytest.raises(TypeError):
        function(cel_list(Str("a")))
    with pytest.raises(TypeError):
        function(celtypes.BoolType(True))
    with pytest.raises(TypeError):
        function(cel_list(celtypes.BoolType(True)))


def test_merge_adds_numeric_values_from_cel_maps() -> None:
    maps = cel_list(cel_map(a=Int(1), b=Str("x")), None, Str("y"), cel_map(a=Double(0.5)))
    merged = cel_merge(maps)
    assert merged == celtypes.MapType({Str("a"): Double(1.5)})
    assert isinstance(merged, celtypes.MapType)


def test_merge_max_keeps_the_largest_value_per_key() -> None:
    merged = cel_merge_max(cel_list(cel_map(a=Int(1), b=Int(5)), cel_map(a=Double(3.5))))
    assert merged == cel_map(a=Double(3.5), b=Int(5))


def test_merge_last_lets_later_maps_win() -> None:
    merged = cel_merge_last(cel_list(cel_map(a=Int(1), b=Str("keep")), cel_map(a=Str("new"))))
    assert merged == cel_map(a=Str("new"), b=Str("keep"))


def test_merging_needs_a_list() -> None:
    with pytest.raises(TypeError):
        cel_merge(cel_map(a=Int(1)))


def test_flatten_goes_one_level_and_drops_nulls() -> None:
    nested = cel_list(cel_list(Int(1)), None, Int(2), cel_list(cel_list(Int(3))))
    assert cel_flatten(nested) == cel_list(Int(1), Int(2), cel_list(Int(3)))


def test_collect_takes_a_field_from_each_map_that_has_it() -> None:
    books = cel_list(cel_map(id=Int(1)), cel_map(title=Str("x")), Str("junk"), cel_map(id=None))
    assert cel_collect(books, Str("id")) == cel_list(Int(1), None)


def test_collect_needs_a_field_name() -> None:
    with pytest.raises(TypeError):
        cel_collect(cel_list(), Int(1))


def test_top_keys_orders_by_value_then_key_and_caps_the_count() -> None:
    profile = cel_map(b=Double(1.0), a=Int(1), c=Double(2.4), d=Str("not a number"))
    assert cel_top_keys(profile, Int(2)) == cel_list(Str("c"), Str("a"))
    assert cel_top_keys(profile, Int(10)) == cel_list(Str("c"), Str("a"), Str("b"))
    assert cel_top_keys(profile, Int(0)) == cel_list()
    assert cel_top_keys(profile, Int(-1)) == cel_list()


def test_top_keys_of_a_profile_never_built_is_empty() -> None:
    assert cel_top_keys(None, Int(5)) == cel_list()


def test_top_keys_refuses_a_fractional_count_but_takes_a_whole_double() -> None:
    with pytest.raises(TypeError):
        cel_top_keys(cel_map(a=Int(1)), Double(1.5))
    assert cel_top_keys(cel_map(a=Int(1)), Double(1.0)) == cel_list(Str("a"))


def test_functions_work_on_maps_and_lists_built_in_the_expression(engine) -> None:
    assert engine.evaluate("sum([1, 2].map(v, v * 2))", {}) == 6
    assert engine.evaluate("top_keys(merge([{'a': 1}, {'b': 2}]), 1)", {}) == ["b"]
    books = {"temp": {"books": [{"id": 3}, {"title": "x"}]}}
    assert engine.evaluate("count(collect(temp.books, 'id'))", books) == 1
    assert engine.evaluate("merge_last([{'a': 1}, {'a': 'x'}]).a", {}) == "x"


def test_functions_can_be_called_as_methods(engine) -> None:
    assert engine.evaluate("temp.scores.sum()", {"temp": {"scores": [1, 2]}}) == 3


def test_misusing_a_function_in_an_expression_is_an_expression_error(engine) -> None:
    with pytest.raises(ExpressionError, match=r"merge\(\) expects a list of maps, got map"):
        engine.evaluate("merge({'a': 1})", {})
