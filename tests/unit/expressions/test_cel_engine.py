"""The cel-python engine: caching, scope binding, clear failures and the Huey profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adapters.cel import CelExpressionEngine
from domain.errors import ExpressionError

FIXTURES = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures"


@pytest.fixture
def engine() -> CelExpressionEngine:
    return CelExpressionEngine()


def reason_for(engine: CelExpressionEngine, expression: str, variables: dict | None = None) -> str:
    with pytest.raises(ExpressionError) as raised:
        engine.evaluate(expression, variables or {})
    assert raised.value.expression == expression
    return raised.value.reason


def test_an_expression_is_compiled_once_and_then_served_from_the_cache(engine) -> None:
    for count in range(5):
        engine.evaluate("temp.book_count > 0", {"temp": {"book_count": count}})
    info = engine.cache_info()
    assert (info.misses, info.hits, info.currsize) == (1, 4, 1)


def test_check_and_evaluate_share_the_compiled_program(engine) -> None:
    assert engine.check("temp.book_count > 0") is None
    engine.evaluate("temp.book_count > 0", {"temp": {"book_count": 1}})
    assert engine.cache_info().misses == 1


def test_the_cache_is_bounded_and_forgets_the_least_recently_used() -> None:
    engine = CelExpressionEngine(cache_size=2)
    for expression in ("1 + 1", "2 + 2", "3 + 3", "3 + 3"):
        engine.evaluate(expression, {})
    assert engine.cache_info().currsize == 2
    engine.evaluate("1 + 1", {})
    assert engine.cache_info().misses == 4


def test_a_scope_left_out_is_an_empty_map(engine) -> None:
    for scope in ("user", "context", "temp", "variables", "session", "input", "output", "local"):
        assert engine.evaluate(f"{scope} == {{}}", {}) is True
    assert engine.evaluate("has(temp.x)", {"user": {"name": "Ava"}}) is False


def test_a_scope_passed_as_null_is_an_empty_map(engine) -> None:
    assert engine.evaluate("has(context.school_wriveted_id)", {"context": None}) is False


def test_names_other_than_scopes_are_bound_as_given(engine) -> None:
    assert engine.evaluate("answer * 2", {"answer": 21}) == 42


def test_only_the_configured_scopes_default_to_empty_maps() -> None:
    engine = CelExpressionEngine(scopes=("state",))
    assert engine.evaluate("size(state)", {}) == 0
    assert "unknown function or variable 'temp'" in reason_for(engine, "temp.x")


def test_a_syntax_error_names_where_it_is(engine) -> None:
    reason = reason_for(engine, "temp.age >")
    assert reason == "syntax error: unexpected end of expression at line 1, column 10"


def test_an_unknown_function_is_named(engine) -> None:
    assert reason_for(engine, "shout(temp.name)") == "unknown function shout()"


def test_an_unknown_function_is_refused_even_in_a_branch_never_taken(engine) -> None:
    assert reason_for(engine, "false && shout(1)") == "unknown function shout()"
    assert engine.check("temp.name.shout() || true") == "unknown function shout()"


def test_an_unknown_variable_is_named(engine) -> None:
    assert reason_for(engine, "nobody.name") == "unknown function or variable 'nobody'"


def test_a_missing_key_is_named(engine) -> None:
    reason = reason_for(engine, "context.school_wriveted_id", {"context": {}})
    assert reason == "no such member in mapping: 'school_wriveted_id'"


def test_integer_division_by_zero_is_reported(engine) -> None:
    assert reason_for(engine, "temp.n / 0", {"temp": {"n": 4}}) == "division by zero"


def test_a_type_mismatch_names_the_operator_and_the_types(engine) -> None:
    reason = reason_for(engine, "temp.name > 3", {"temp": {"name": "Ava"}})
    assert reason == "no matching overload for '>' applied to (string, int)"


def test_a_custom_function_misuse_says_what_it_expected(engine) -> None:
    reason = reason_for(engine, "sum(['a'])")
    assert reason == "no such overload: sum() expects a list of numbers, found string"


def test_no_reason_leaks_cel_python_internals(engine) -> None:
    failures = ["nobody", "shout(1)", "'a' + 1", "int('x')", "[1][3]", "temp.a.b", "1 +"]
    for expression in failures:
        reason = reason_for(engine, expression)
        assert "celpy" not in reason and "Activation" not in reason and "Token(" not in reason


def test_a_variable_with_no_cel_counterpart_is_an_expression_error(engine) -> None:
    reason = reason_for(engine, "temp.x", {"temp": {"x": object()}})
    assert reason == "a value of type object cannot be used in an expression"


def test_check_never_evaluates(engine) -> None:
    assert engine.check("1 / 0") is None
    assert engine.check("sum('not a list')") is None


def test_check_of_an_empty_expression_reports_it(engine) -> None:
    assert engine.check("") == "the expression is empty"


def test_the_huey_preferences_reproduce_the_reference_profile(engine) -> None:
    transcript = json.loads((FIXTURES / "reference-transcript-huey.json").read_text())
    state = transcript["final_session"]["response"]["state"]
    prefs = {key: state["temp"][key] for key in ("pref_one_hue", "pref_two_hue", "pref_three_hue")}

    profile = engine.evaluate(
        "merge([temp.pref_one_hue, temp.pref_two_hue, temp.pref_three_hue])", {"temp": prefs}
    )
    keys = engine.evaluate("top_keys(user.hue_profile, 5)", {"user": {"hue_profile": profile}})

    assert profile == pytest.approx(state["user"]["hue_profile"])
    assert keys == state["user"]["hue_keys"]


def test_only_the_variables_an_expression_names_are_converted(engine) -> None:
    variables = {"temp": {"book_count": 2}, "session": {"opaque": object()}}
    assert engine.evaluate("temp.book_count > 0", variables) is True


def test_a_variable_too_large_for_cel_is_an_expression_error() -> None:
    with pytest.raises(ExpressionError, match="cannot represent"):
        CelExpressionEngine().evaluate("temp.n > 1", {"temp": {"n": 2**70}})
