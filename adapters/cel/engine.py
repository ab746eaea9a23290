"""``CelExpressionEngine``: the ``ExpressionEngine`` port implemented with cel-python.

Parsing is the expensive part of cel-python, so each distinct expression string is compiled
once into a program and kept in a bounded LRU cache; evaluation then only converts the
variables the expression names (converting whole scopes costs as much as evaluating) and walks
the tree. Programs use cel-python's default interpreting runner: its ``CompiledRunner`` does
not see custom functions.

Every failure leaves as ``domain.errors.ExpressionError`` with a reason written for a flow
author; no cel-python exception or value crosses the port.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import celpy
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError

from adapters.cel.checks import referenced_names, unknown_functions
from adapters.cel.functions import CUSTOM_FUNCTIONS, KNOWN_FUNCTION_NAMES
from adapters.cel.reasons import evaluation_reason, syntax_reason
from adapters.cel.values import UnsupportedValue, from_cel, to_cel
from domain.conversation.paths import FLOW_SCOPES
from domain.errors import ExpressionError
from domain.expressions.refusals import compile_refusal, refuse_empty, refuse_unknown_functions


@dataclass(frozen=True, slots=True)
class _Program:
    runner: celpy.Runner
    names: frozenset[str]


class CelExpressionEngine:
    """Evaluates CEL with numeric-tolerant comparisons and the flow functions bound."""

    def __init__(self, *, scopes: Iterable[str] = FLOW_SCOPES, cache_size: int = 1024) -> None:
        self._environment = celpy.Environment()
        self._scopes = tuple(scopes)
        # cel-python's parser keeps per-call state on the environment, so compiles are serialised.
        self._compile_lock = threading.Lock()
        self._program = functools.lru_cache(maxsize=cache_size)(self._compile)

    def evaluate(self, expression: str, variables: Mapping[str, Any]) -> Any:
        program = self._program(expression)
        try:
            activation = self._activation(program.names, variables)
        except UnsupportedValue as error:
            raise ExpressionError(expression, str(error)) from error
        except (ValueError, OverflowError) as error:
            # celpy refuses integers outside 64 bits with a bare ValueError("overflow").
            raise ExpressionError(expression, f"a variable holds a value CEL cannot represent: {error}") from error
        try:
            result = program.runner.evaluate(activation)
        except CELEvalError as error:
            raise ExpressionError(expression, evaluation_reason(error)) from error
        except RecursionError as error:
            raise ExpressionError(expression, "expression nests too deeply") from error
        except Exception as error:
            # A fault inside cel-python itself; still the author's expression that failed.
            raise ExpressionError(expression, f"{type(error).__name__}: {error}") from error
        if isinstance(result, CELEvalError):
            raise ExpressionError(expression, evaluation_reason(result))
        try:
            return from_cel(result)
        except UnsupportedValue as error:
            raise ExpressionError(expression, str(error)) from error

    def check(self, expression: str) -> str | None:
        return compile_refusal(self._program, expression)

    def cache_info(self) -> functools._CacheInfo:
        """Hits, misses and size of the compiled-program cache, for diagnostics and tests."""
        return self._program.cache_info()

    def _compile(self, expression: str) -> _Program:
        refuse_empty(expression)
        try:
            with self._compile_lock:
                ast = self._environment.compile(expression)
                runner = self._environment.program(ast, functions=CUSTOM_FUNCTIONS)
        except CELParseError as error:
            raise ExpressionError(expression, syntax_reason(error)) from error
        refuse_unknown_functions(expression, unknown_functions(ast, KNOWN_FUNCTION_NAMES))
        return _Program(runner, referenced_names(ast))

    def _activation(self, names: frozenset[str], variables: Mapping[str, Any]) -> dict[str, Any]:
        activation = {
            name: to_cel(value) for name, value in variables.items() if name in names
        }
        # A flow scope the caller leaves out (or passes as null) is bound to an empty map, so
        # ``has(context.x)`` is simply false instead of an unknown-name error.
        for scope in self._scopes:
            if scope in names and activation.get(scope) is None:
                activation[scope] = celpy.celtypes.MapType()
        return activation
