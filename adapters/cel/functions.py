"""The function table every compiled program is bound to.

cel-python looks operators (``_>_``, ``_==_`` ...) and named functions up in the same table,
consulting the table given to a program before its built-ins. So this one dict carries both the
numeric-tolerant operators and the custom functions flow authors call.
"""

from __future__ import annotations

from typing import Any, Callable

from celpy.evaluation import base_functions

from adapters.cel.aggregates import AGGREGATE_FUNCTIONS
from adapters.cel.operators import NUMERIC_OPERATORS
from adapters.cel.shaping import SHAPING_FUNCTIONS

CUSTOM_FUNCTIONS: dict[str, Callable[..., Any]] = {
    **NUMERIC_OPERATORS,
    **AGGREGATE_FUNCTIONS,
    **SHAPING_FUNCTIONS,
}

KNOWN_FUNCTION_NAMES = frozenset(base_functions) | frozenset(CUSTOM_FUNCTIONS)
