"""What every expression engine refuses when it compiles an expression, and ``check`` built on it.

Whatever the CEL library underneath, a flow author gets the same reasons for an empty
expression and for calls to functions nothing provides, and ``check`` (used when a flow is
published) reports exactly what compiling would raise. Each engine finds the unknown names its
own way; the wording and the rule that they refuse the expression live here.
"""

from __future__ import annotations

from typing import Callable, Sequence

from domain.errors import ExpressionError


def refuse_empty(expression: str) -> None:
    """Raise ``ExpressionError`` when ``expression`` holds nothing but whitespace."""
    if not expression.strip():
        raise ExpressionError(expression, "the expression is empty")


def refuse_unknown_functions(expression: str, unknown: Sequence[str]) -> None:
    """Raise ``ExpressionError`` naming every function in ``unknown``, in the order given."""
    if unknown:
        names = ", ".join(f"{name}()" for name in unknown)
        raise ExpressionError(expression, f"unknown function {names}")


def compile_refusal(compile_expression: Callable[[str], object], expression: str) -> str | None:
    """The reason ``compile_expression`` refuses ``expression``, or None when it compiles."""
    try:
        compile_expression(expression)
    except ExpressionError as error:
        return error.reason
    return None
