"""The function table every compiled program is bound to.

cel-python looks operators (``_>_``, ``_==_`` ...) and named functions up in the same table,
consulting the table given to a program before its built-ins. So this one dict carries both the
numeric-tolerant operators and the flow functions authors call.

The flow functions are ``domain.expressions.flow_functions``, written for plain Python; each is
wrapped here to take cel-python values and give one back. Their ``TypeError`` passes through
untouched: the interpreter reports it as a "no such overload" error carrying its message.
"""

from __future__ import annotations

from typing import Any, Callable

from celpy.evaluation import base_functions

from adapters.cel.operators import NUMERIC_OPERATORS
from adapters.cel.values import from_cel, to_cel
from domain.expressions.flow_functions import FLOW_FUNCTIONS


def on_cel_values(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` of plain Python values made to take and return cel-python values."""

    def converted(*arguments: Any) -> Any:
        return to_cel(function(*(from_cel(argument) for argument in arguments)))

    converted.__name__ = converted.__qualname__ = function.__name__
    converted.__doc__ = function.__doc__
    return converted


CEL_FLOW_FUNCTIONS: dict[str, Callable[..., Any]] = {
    name: on_cel_values(function) for name, function in FLOW_FUNCTIONS.items()
}

CUSTOM_FUNCTIONS: dict[str, Callable[..., Any]] = {**NUMERIC_OPERATORS, **CEL_FLOW_FUNCTIONS}

KNOWN_FUNCTION_NAMES = frozenset(base_functions) | frozenset(CUSTOM_FUNCTIONS)
