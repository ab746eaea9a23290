"""The expression engine the pure interpreter calls to evaluate CEL.

It is declared here, beside the interpreter that needs it, because evaluating an expression is
pure computation the domain must do synchronously mid-walk; ``application/ports/expressions.py``
re-exports it as the port. The CEL library itself lives only in ``adapters/cel``.
"""

from __future__ import annotations

from typing import Any, Mapping, Protocol


class ExpressionEngine(Protocol):
    def evaluate(self, expression: str, variables: Mapping[str, Any]) -> Any:
        """Evaluate ``expression`` with the top-level names in ``variables`` bound.

        Returns plain Python values (bool, int, float, str, None, list, dict). Raises
        ``domain.errors.ExpressionError`` for any compile or evaluation failure.
        """
        ...

    def check(self, expression: str) -> str | None:
        """The reason ``expression`` does not compile, or None when it does."""
        ...
