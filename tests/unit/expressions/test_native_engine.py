"""The native (Rust-backed) CEL engine: what the shared contract suite does not pin.

The contract suite in ``tests/contract`` runs every case against both engines; these tests
cover the native adapter's own machinery (caching, the promoting retry, value normalisation)
and prove the validation rules and the seeded flows mean the same on it.
"""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

from adapters.cel import CelExpressionEngine
from adapters.cel_native import NativeCelExpressionEngine
from adapters.cel_native.promotion import promoted_source
from adapters.cel_native.reads import selected_fields
from adapters.cel_native.syntax import parse
from domain.errors import ExpressionError
from domain.flows.snapshot import graph_from_flow_data
from domain.flows.validation import validate_flow
from domain.flows.validation.rules import DEFAULT_RULES

FIXTURES = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures"


@pytest.fixture
def engine() -> NativeCelExpressionEngine:
    return NativeCelExpressionEngine()


def reason_for(engine: NativeCelExpressionEngine, expression: str, variables: dict | None = None) -> str:
    with pytest.raises(ExpressionError) as raised:
        engine.evaluate(expression, variables or {})
    assert raised.value.expression == expression
    return raised.value.reason


def seed_flows() -> list[dict[str, Any]]:
    seed = json.loads((FIXTURES / "admin-ui-seed.json").read_text())
    return [
        json.loads((FIXTURES / entry["flow_file"]).read_text()) if "flow_file" in entry else entry
        for entry in seed["flows"]
    ]


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda rule: rule.code)
def test_every_validation_rule_compiles_on_the_native_engine(engine, rule) -> None:
    assert engine.check(rule.violated_when) is None


def test_every_seeded_flow_gets_the_same_validation_report_from_both_engines() -> None:
    flows = seed_flows()
    known = {flow["seed_key"] for flow in flows}
    native, reference = NativeCelExpressionEngine(), CelExpressionEngine()
    for flow in flows:
        graph = graph_from_flow_data(flow["flow_data"], flow["entry_node_id"])
        assert validate_flow(graph, native, known) == validate_flow(graph, reference, known)


def test_an_expression_is_compiled_once_and_then_served_from_the_cache(engine) -> None:
    for count in range(5):
        engine.evaluate("temp.book_count > 0", {"temp": {"book_count": count}})
    info = engine.cache_info()
    assert (info.misses, info.hits) == (1, 4)


def test_the_cache_is_bounded() -> None:
    engine = NativeCelExpressionEngine(cache_size=2)
    for n in range(5):
        engine.evaluate(f"{n} + 1", {})
    assert engine.cache_info().currsize == 2


def test_mixed_arithmetic_is_done_in_double_and_int_arithmetic_stays_int(engine) -> None:
    variables = {"temp": {"score": 3, "count": 7}}
    assert engine.evaluate("temp.score * 1.5 - 1", variables) == 3.5
    assert engine.evaluate("(temp.count + 0.0) / 2 > temp.count / 2", variables) is True
    result = engine.evaluate("temp.count / 2", variables)
    assert result == 3 and type(result) is int


def test_modulo_stays_strict_about_doubles(engine) -> None:
    assert reason_for(engine, "temp.n % 2.0", {"temp": {"n": 3}})


def promoted(expression: str) -> str | None:
    return promoted_source(expression, parse(expression))


def test_the_promoting_rewrite_leaves_other_syntax_as_written() -> None:
    assert promoted("temp.age > 2.5 && has(user.name)") is None
    assert promoted("temp.n % 2") is None
    rewritten = promoted("size(l) + 0.5")
    assert rewritten is not None and rewritten.startswith("[[size(l), 0.5]].map(")


def test_only_scopes_read_through_field_selections_are_pruned() -> None:
    tree = parse("has(temp.x) && temp.books.exists(b, b.ok) && size(user) > 0 && user.name != ''")
    assert tree is not None
    assert selected_fields(tree) == {"temp": frozenset({"x", "books"})}


def test_a_pruned_scope_gives_the_same_answer_as_the_whole_one(engine) -> None:
    temp = {"x": 1, "books": [{"ok": True}], "other": {"big": list(range(50))}}
    expression = "has(temp.x) && temp.books.exists(b, b.ok) && !has(temp.missing)"
    assert engine.evaluate(expression, {"temp": temp}) is True
    assert engine.evaluate("size(temp)", {"temp": temp}) == 3


def test_a_scope_passed_as_null_is_an_empty_map(engine) -> None:
    assert engine.evaluate("has(user.name)", {"user": None}) is False
    assert engine.evaluate("size(temp)", {}) == 0


def test_values_the_library_refuses_are_converted_as_cel_python_would(engine) -> None:
    school = uuid.UUID(int=7)
    assert engine.evaluate("context.school_id", {"context": {"school_id": school}}) == str(school)
    assert engine.evaluate("temp.scores['1.5']", {"temp": {"scores": {1.5: 2}}}) == 2


def test_a_value_with_no_cel_form_is_an_expression_error(engine) -> None:
    assert "object" in reason_for(engine, "temp.x", {"temp": {"x": object()}})


def test_failed_custom_functions_report_the_functions_own_reason(engine) -> None:
    assert reason_for(engine, "sum('abc')") == "sum() expects a list, got string"
    assert reason_for(engine, "top_keys({'a': 1}, 2.5)").startswith("top_keys() expects a whole")
    assert reason_for(engine, "sum([1], 2)").startswith("sum() takes 1 positional argument")


def test_check_refuses_unknown_functions_and_optionals_cel_python_lacks(engine) -> None:
    assert engine.check("temp.name.shout()") == "unknown function shout()"
    assert engine.check("optional.of(1)") == "unknown function of()"


def test_syntax_errors_say_where(engine) -> None:
    assert engine.check("(1") == "syntax error: missing ')' at end of expression at line 1, column 3"


def test_one_engine_serves_several_threads(engine) -> None:
    results: list[Any] = []

    def evaluate(n: int) -> None:
        results.append(engine.evaluate("sum(temp.s) + 0.5", {"temp": {"s": [n, 1]}}))

    threads = [threading.Thread(target=evaluate, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [n + 1.5 for n in range(8)]
