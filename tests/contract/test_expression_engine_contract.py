"""Every expression engine passes the one contract suite."""

from __future__ import annotations

from typing import Callable

import pytest

from adapters.cel import CelExpressionEngine
from adapters.cel_native import NativeCelExpressionEngine
from domain.expressions.engine import ExpressionEngine

from .expression_engine_suite import (
    CASES,
    FAILING_CASES,
    MALFORMED,
    WELL_FORMED,
    Case,
    FailingCase,
    check_reports,
    checks_clean,
    evaluates_to,
    fails_with_expression_error,
)

ENGINE_FACTORIES: dict[str, Callable[[], ExpressionEngine]] = {
    "cel-python": CelExpressionEngine,
    "cel-native": NativeCelExpressionEngine,
}


@pytest.fixture(params=list(ENGINE_FACTORIES), scope="module")
def engine(request: pytest.FixtureRequest) -> ExpressionEngine:
    return ENGINE_FACTORIES[request.param]()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_engine_evaluates_to_plain_values(engine: ExpressionEngine, case: Case) -> None:
    evaluates_to(engine, case)


@pytest.mark.parametrize("case", FAILING_CASES, ids=lambda case: case.name)
def test_every_failure_is_an_expression_error(engine: ExpressionEngine, case: FailingCase) -> None:
    fails_with_expression_error(engine, case)


@pytest.mark.parametrize("expression", WELL_FORMED)
def test_check_accepts_well_formed_expressions_without_evaluating(
    engine: ExpressionEngine, expression: str
) -> None:
    checks_clean(engine, expression)


@pytest.mark.parametrize("expression", MALFORMED)
def test_check_reports_why_an_expression_does_not_compile(
    engine: ExpressionEngine, expression: str
) -> None:
    check_reports(engine, expression)


def test_evaluating_twice_gives_the_same_answer(engine: ExpressionEngine) -> None:
    variables = {"temp": {"book_count": 2}}
    assert engine.evaluate("temp.book_count > 0", variables) is True
    assert engine.evaluate("temp.book_count > 0", {"temp": {"book_count": 0}}) is False
