"""The function names a native program may call: the library's own and the flow functions.

The library resolves function names only while evaluating, so a misspelt function in a branch
a test session never reaches would surface in production. ``Program.functions()`` lists every
name an expression calls (operators by their overload ids, macros such as ``has`` and
``exists`` not at all), which lets compilation refuse unknown names up front, as the cel-python
adapter does.

Optional values (``optional.of`` ...) are left out on purpose: cel-python has none, and a flow
must mean the same on either engine.
"""

from __future__ import annotations

from typing import Any, Callable

from domain.expressions.flow_functions import FLOW_FUNCTIONS

# The library hands custom functions plain Python and takes plain Python back, so the flow
# functions are registered as they are; their TypeError becomes a failed function call.
CUSTOM_FUNCTIONS: dict[str, Callable[..., Any]] = dict(FLOW_FUNCTIONS)

# The overload ids ``Program.functions()`` reports for CEL's operators.
OPERATORS = frozenset({
    "_+_", "_-_", "_*_", "_/_", "_%_", "-_", "!_",
    "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "@in",
    "_&&_", "_||_", "_?_:_", "_[_]", "@not_strictly_false",
})

# The library's standard functions (conversions, size, string predicates, timestamp parts).
BUILT_IN_FUNCTIONS = frozenset({
    "size", "contains", "startsWith", "endsWith", "matches",
    "int", "uint", "double", "string", "bytes", "timestamp", "duration", "dyn", "type",
    "getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth", "getDate", "getDayOfWeek",
    "getHours", "getMinutes", "getSeconds", "getMilliseconds",
})

KNOWN_FUNCTION_NAMES = OPERATORS | BUILT_IN_FUNCTIONS | frozenset(CUSTOM_FUNCTIONS)


def unknown_functions(called: list[str]) -> list[str]:
    """The names in ``called`` that nothing provides."""
    return [name for name in called if name not in KNOWN_FUNCTION_NAMES]
