"""``NativeCelExpressionEngine``: the ``ExpressionEngine`` port on the Rust-backed
``common-expression-language`` package (imported as ``cel``).

Each distinct expression is compiled once into a ``cel.Program`` kept in a bounded LRU cache,
together with what it reads and the flow functions it calls. Evaluation passes the library only
those variables, scopes pruned to the fields selected (see ``reads``: the library's copying of
variables, not the evaluation, is the main cost), and, when the expression calls none of the
flow functions, a plain dict: a ``cel.Context`` with Python callbacks costs a few µs more.

Where the library's CEL differs from the cel-python engine, the adapter closes the gap:

- Numbers across kinds: comparisons, equality and ``in`` already tolerate int against double
  natively; mixed arithmetic is retried through a promoting rewrite (see ``promotion``).
- Missing scopes: a flow scope the expression names but the caller leaves out (or passes as
  null) is bound to an empty map, so ``has(context.x)`` is false, not an unknown name.
- Unknown functions are refused when compiling (see ``functions``), so ``check`` catches them.
- Pruning means a scope is no longer refused for a value in a field the expression never
  reads (cel-python converts, and may refuse, whole scopes).
- Values the library cannot convert (a UUID, a Decimal, an odd map key) are retried once with
  the copy cel-python would have made (see ``values``).

Every failure leaves as ``domain.errors.ExpressionError``; results are the library's own plain
Python values (bool, int, float, str, bytes, None, list, dict, datetime, timedelta).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

import cel

from adapters.cel_native.functions import CUSTOM_FUNCTIONS, unknown_functions
from adapters.cel_native.promotion import promoted_source
from adapters.cel_native.reads import selected_fields
from adapters.cel_native.reasons import evaluation_reason, syntax_reason
from adapters.cel_native.syntax import parse
from adapters.cel_native.values import normalised
from domain.conversation.paths import FLOW_SCOPES
from domain.errors import ExpressionError
from domain.expressions.refusals import compile_refusal, refuse_empty, refuse_unknown_functions


@dataclass(frozen=True, slots=True)
class _Program:
    native: cel.Program
    names: frozenset[str]
    fields: Mapping[str, frozenset[str]]
    scopes: tuple[str, ...]
    functions: dict[str, Callable[..., Any]]

    def run(self, variables: dict[str, Any]) -> Any:
        if not self.functions:
            return self.native.execute(variables)
        return self.native.execute(cel.Context(variables, self.functions))


class NativeCelExpressionEngine:
    """Evaluates CEL natively, with numeric tolerance and the flow functions bound."""

    def __init__(self, *, scopes: Iterable[str] = FLOW_SCOPES, cache_size: int = 1024) -> None:
        self._scopes = frozenset(scopes)
        self._program = functools.lru_cache(maxsize=cache_size)(self._compile)
        self._promoted = functools.lru_cache(maxsize=cache_size)(self._compile_promoted)

    def evaluate(self, expression: str, variables: Mapping[str, Any]) -> Any:
        program = self._program(expression)
        bound = self._bind(program, variables)
        try:
            return self._run(program, bound)
        except TypeError as error:
            # Strict CEL refuses int-with-double arithmetic; the promoting rewrite does not.
            promoted = self._promoted(expression)
            if promoted is None:
                raise ExpressionError(expression, evaluation_reason(error)) from error
            try:
                return self._run(promoted, bound)
            except Exception as retry_error:
                raise ExpressionError(expression, evaluation_reason(retry_error)) from retry_error
        except RecursionError as error:
            raise ExpressionError(expression, "expression nests too deeply") from error
        except Exception as error:
            raise ExpressionError(expression, evaluation_reason(error)) from error

    def check(self, expression: str) -> str | None:
        return compile_refusal(self._program, expression)

    def cache_info(self) -> functools._CacheInfo:
        """Hits, misses and size of the compiled-program cache, for diagnostics and tests."""
        return self._program.cache_info()

    def _run(self, program: _Program, bound: dict[str, Any]) -> Any:
        try:
            return program.run(bound)
        except ValueError as error:
            # The library refused a value; retry once with the copy cel-python would make.
            if "Failed to convert" not in str(error):
                raise
            return program.run({name: normalised(value) for name, value in bound.items()})

    def _compile(self, expression: str) -> _Program:
        refuse_empty(expression)
        tree = parse(expression)
        fields = selected_fields(tree) if tree is not None else {}
        program = self._compile_source(expression, expression, fields)
        refuse_unknown_functions(expression, unknown_functions(program.native.functions()))
        return program

    def _compile_promoted(self, expression: str) -> _Program | None:
        source = promoted_source(expression, parse(expression))
        if source is None:
            return None
        try:
            # Bound like the original program: the rewrite reads the same fields.
            return self._compile_source(expression, source, self._program(expression).fields)
        except ExpressionError:
            return None  # a rewrite the library cannot compile: report the original failure

    def _compile_source(
        self, expression: str, source: str, fields: Mapping[str, frozenset[str]]
    ) -> _Program:
        try:
            native = cel.compile(source)
        except (ValueError, RuntimeError) as error:
            raise ExpressionError(expression, syntax_reason(str(error))) from error
        names = frozenset(native.variables())
        called = set(native.functions())
        return _Program(
            native=native,
            names=names,
            fields=fields,
            scopes=tuple(sorted(names & self._scopes)),
            functions={name: f for name, f in CUSTOM_FUNCTIONS.items() if name in called},
        )

    def _bind(self, program: _Program, variables: Mapping[str, Any]) -> dict[str, Any]:
        bound = {}
        for name in program.names & variables.keys():
            value = variables[name]
            fields = program.fields.get(name)
            if fields is not None and isinstance(value, Mapping):
                value = {field: value[field] for field in fields if field in value}
            bound[name] = value
        for scope in program.scopes:
            if bound.get(scope) is None:
                bound[scope] = {}
        return bound
