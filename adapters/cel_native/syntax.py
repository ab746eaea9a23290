"""A parse tree with source positions for the adapter's own analyses of an expression.

The native library exposes no syntax tree, only the names an expression reads and calls. The
adapter needs more in two places: which fields of a scope an expression selects (``reads``) and
where its arithmetic is (``promotion``). cel-python, already a dependency, ships a CEL grammar
whose parser keeps source positions; it runs once per distinct expression, when it is compiled.
An expression that grammar rejects but the library accepts simply gets neither analysis.
"""

from __future__ import annotations

import threading

import lark
from celpy.celparser import CELParseError, CELParser

# cel-python's parser keeps per-parse state on a shared lark parser.
_parse_lock = threading.Lock()
_parser = CELParser()


def parse(expression: str) -> lark.Tree | None:
    """The parse tree of ``expression``, or None when cel-python's grammar cannot parse it."""
    try:
        with _parse_lock:
            return _parser.parse(expression)
    except (CELParseError, RecursionError):
        return None
