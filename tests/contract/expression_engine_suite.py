"""What any ``ExpressionEngine`` must do, written against the port alone.

Each case is data (expression, variables, expected plain value), so a second engine (for
example the Rust-backed ``common-expression-language``) proves itself by passing the same list.
Expected values are compared with their exact Python types: ``True`` is not ``1`` and ``1`` is
not ``1.0``, because callers store results back into session state as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from domain.errors import ExpressionError
from domain.expressions.engine import ExpressionEngine

SCHOOL_CHECK = "has(context.school_wriveted_id) && context.school_wriveted_id != ''"
HUEY_MERGE = "merge([temp.pref_one_hue, temp.pref_two_hue, temp.pref_three_hue])"
HUEY_TOP_KEYS = "top_keys(user.hue_profile, 5)"
BOOKS_FOUND = "temp.book_count > 0"


@dataclass(frozen=True, slots=True)
class Case:
    """An expression, the variables it sees, and the plain value it must produce."""

    name: str
    expression: str
    expected: Any
    variables: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FailingCase:
    """An expression that must raise ``ExpressionError``."""

    name: str
    expression: str
    variables: Mapping[str, Any] = field(default_factory=dict)


BOOKS = [
    {"title": "Wonder", "rating": 4.5},
    {"title": "Holes", "rating": 4},
    {"rating": 3},
]

CASES: list[Case] = [
    # Numbers are numbers whether JSON stored them as int or double.
    Case("int var above a double literal", "temp.age > 2.5", True, {"temp": {"age": 3}}),
    Case("int var below a double literal", "temp.age > 2.5", False, {"temp": {"age": 2}}),
    Case("double literal left of an int var", "2.5 < temp.age", True, {"temp": {"age": 3}}),
    Case("double var equals an int literal", "temp.x == 1", True, {"temp": {"x": 1.0}}),
    Case("int literal equals a double var", "1 == temp.x", True, {"temp": {"x": 1.0}}),
    Case("double var not unequal to int", "temp.x != 1", False, {"temp": {"x": 1.0}}),
    Case("double var at least an int", "temp.x >= 1", True, {"temp": {"x": 1.0}}),
    Case("int var at most a double", "temp.x <= 0.5", False, {"temp": {"x": 1}}),
    Case("books found", BOOKS_FOUND, True, {"temp": {"book_count": 3}}),
    Case("no books found", BOOKS_FOUND, False, {"temp": {"book_count": 0}}),
    Case("empty list has no size", "size(temp.books) > 0", False, {"temp": {"books": []}}),
    Case("list has a size", "size(temp.books) > 0", True, {"temp": {"books": BOOKS}}),
    Case("double member of int list", "temp.age in [8, 9, 10]", True, {"temp": {"age": 9.0}}),
    Case("int plus double is double", "temp.score + 0.5", 3.5, {"temp": {"score": 3}}),
    Case("int division stays int", "7 / 2", 3),
    Case("double division", "7.0 / 2", 3.5),
    # Null compares equal only to null.
    Case("number is not null", "temp.x == null", False, {"temp": {"x": 1}}),
    Case("number differs from null", "temp.x != null", True, {"temp": {"x": 1}}),
    Case("null is null", "temp.name == null", True, {"temp": {"name": None}}),
    # has() on scopes that may be empty or absent.
    Case("school id absent", SCHOOL_CHECK, False, {"context": {}}),
    Case("school id empty", SCHOOL_CHECK, False, {"context": {"school_wriveted_id": ""}}),
    Case("school id set", SCHOOL_CHECK, True, {"context": {"school_wriveted_id": "84a3"}}),
    Case("context scope not passed", SCHOOL_CHECK, False, {}),
    # Values come back as plain Python, nested.
    Case("string", "'Hu' + 'ey'", "Huey"),
    Case("list of mixed values", "[1, 2.5, 'a', true, null]", [1, 2.5, "a", True, None]),
    Case(
        "nested map from variables",
        "user.profile",
        {"age": 9, "tags": ["a"], "ok": True},
        {"user": {"profile": {"age": 9, "tags": ["a"], "ok": True}}},
    ),
    Case("map literal", "{'a': {'b': [1]}}", {"a": {"b": [1]}}),
    Case("top-level name other than a scope", "x + 1", 2, {"x": 1}),
    Case("filter macro", "[1, 2, 3].filter(v, v > 1)", [2, 3]),
    Case("exists macro", "temp.books.exists(b, b.rating > 4)", True, {"temp": {"books": BOOKS}}),
    Case("string method", "user.name.startsWith('A')", True, {"user": {"name": "Ava"}}),
    Case("false absorbs an error", "false && 1 / 0 == 1", False),
    # Aggregates.
    Case("sum of ints is an int", "sum([1, 2, 3])", 6),
    Case("sum with a double is a double", "sum([1, 2.5])", 3.5),
    Case("sum of nothing", "sum([])", 0),
    Case("sum skips nulls", "sum(temp.scores)", 5, {"temp": {"scores": [2, None, 3]}}),
    Case("avg", "avg([1, 2, 3, 4])", 2.5),
    Case("avg of nothing", "avg([])", None),
    Case("max keeps its type", "max([3, 7.5, 2])", 7.5),
    Case("max of ints", "max([3, 7, 2])", 7),
    Case("max of nothing", "max([])", None),
    Case("min", "min([3, 1, 2])", 1),
    Case("min of nothing", "min([])", None),
    Case("count", "count([1, 2, 3])", 3),
    Case("count of nothing", "count([])", 0),
    Case("aggregate compares with an int", "sum(temp.s) > 4", True, {"temp": {"s": [2.5, 2]}}),
    # Reshaping lists and maps.
    Case(
        "merge sums per key, skipping null",
        HUEY_MERGE,
        {"dark": 1.5, "joy": 2},
        {"temp": {"pref_one_hue": {"dark": 1, "joy": 2}, "pref_two_hue": None,
                  "pref_three_hue": {"dark": 0.5}}},
    ),
    Case("merge skips non-maps", "merge([{'a': 1}, 'x', null, {'a': 2}])", {"a": 3}),
    Case("merge result is a map", "merge([{'a': 1}, {'a': 2}]).a == 3", True),
    Case("merge_max", "merge_max([{'a': 1, 'b': 5}, {'a': 3}])", {"a": 3, "b": 5}),
    Case("merge_last", "merge_last([{'a': 1, 'b': 1}, null, {'a': 2}])", {"a": 2, "b": 1}),
    Case("flatten one level", "flatten([[1, 2], [3], [], [[4]]])", [1, 2, 3, [4]]),
    Case("collect skips missing", "collect(temp.books, 'title')", ["Wonder", "Holes"],
         {"temp": {"books": BOOKS}}),
    Case(
        "top_keys ranks numbers by value, ties by key",
        HUEY_TOP_KEYS,
        ["c", "a", "b", "d"],
        {"user": {"hue_profile": {"b": 1, "a": 1, "c": 2.5, "d": 0.5, "e": "x"}}},
    ),
    Case("top_keys takes at most n", "top_keys({'a': 1, 'b': 2, 'c': 3}, 2)", ["c", "b"]),
    Case("top_keys of an empty map", "top_keys({}, 5)", []),
    Case(
        "huey profile pipeline",
        f"top_keys({HUEY_MERGE}, 2)",
        ["dark", "joy"],
        {"temp": {"pref_one_hue": {"dark": 1, "joy": 0.5}, "pref_two_hue": {"joy": 1},
                  "pref_three_hue": {"dark": 1, "calm": 1}}},
    ),
]

FAILING_CASES: list[FailingCase] = [
    FailingCase("syntax error", "temp.age >"),
    FailingCase("unknown function", "shout(temp.name)"),
    FailingCase("unknown variable", "nobody.name"),
    FailingCase("missing key", "context.school_wriveted_id", {"context": {}}),
    FailingCase("int division by zero", "temp.n / 0", {"temp": {"n": 1}}),
    FailingCase("string plus int", "'a' + 1"),
    FailingCase("string ordered against int", "temp.name > 3", {"temp": {"name": "x"}}),
    FailingCase("sum of a string", "sum('abc')"),
    FailingCase("sum of strings", "sum(['a'])"),
    FailingCase("top_keys with a string count", "top_keys({'a': 1}, 'x')"),
    FailingCase("empty expression", "   "),
]

# check() must only compile: these are well-formed even though evaluating them would fail.
WELL_FORMED = ["temp.age > 2", "1 / 0", "context.missing", HUEY_MERGE, HUEY_TOP_KEYS, SCHOOL_CHECK]
MALFORMED = ["temp.age >", "(1", "a b", "shout(1)", "temp.name.shout()"]


def assert_plain_equal(actual: Any, expected: Any) -> None:
    """Equal values of exactly the same plain Python types, all the way down."""
    assert type(actual) is type(expected), f"{actual!r} is a {type(actual)}, expected {expected!r}"
    if isinstance(expected, dict):
        assert set(actual) == set(expected), (actual, expected)
        for key in actual:
            assert type(key) is str, f"map key {key!r} is a {type(key)}"
        for key, value in expected.items():
            assert_plain_equal(actual[key], value)
    elif isinstance(expected, list):
        assert len(actual) == len(expected), (actual, expected)
        for item, expected_item in zip(actual, expected):
            assert_plain_equal(item, expected_item)
    else:
        assert actual == expected


def evaluates_to(engine: ExpressionEngine, case: Case) -> None:
    assert_plain_equal(engine.evaluate(case.expression, case.variables), case.expected)


def fails_with_expression_error(engine: ExpressionEngine, case: FailingCase) -> None:
    try:
        engine.evaluate(case.expression, case.variables)
    except ExpressionError as error:
        assert error.expression == case.expression
        assert error.reason.strip()
    else:
        raise AssertionError(f"{case.expression!r} evaluated without an ExpressionError")


def checks_clean(engine: ExpressionEngine, expression: str) -> None:
    assert engine.check(expression) is None


def check_reports(engine: ExpressionEngine, expression: str) -> None:
    reason = engine.check(expression)
    assert isinstance(reason, str) and reason.strip()
