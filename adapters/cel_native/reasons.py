"""Short, readable reasons for the native library's compile and evaluation failures.

The library's messages are written for programmers: a parse error repeats the whole
expression with a caret line, a type error appends advice on explicit conversions, a failed
custom function wraps the Python exception in two layers of prose. A flow author needs the
first clause ("syntax error: missing ')' at '<EOF>' at line 1, column 3", "unsupported
operation: string + int", "sum() expects a list, got string"). This module only rewrites text;
deciding that something failed is the engine's job.
"""

from __future__ import annotations

import re

_SYNTAX = re.compile(r"<input>:(\d+):(\d+): (?:Syntax error: )?([^\n]*)")
_UNDEFINED = re.compile(r"Undefined variable or function: '([^']*)'")
_FUNCTION_FAILED = re.compile(
    r"Function '([^']*)' error: Python function call failed: \w+: (.*?)"
    r"(?:\. Check function arguments and their types\.)?$",
    re.DOTALL,
)
_BAD_RESULT = re.compile(r"Function '([^']*)' error: Failed to convert Python result")
_BAD_VALUE = re.compile(r"Failed to convert Python object of type (\w+) to Value")
# Python's own arity complaint names the Python callable; the author wrote the CEL name.
_ARITY = re.compile(r"^[\w.<>]+\(\)(?= takes| missing)")
# The parser lists every token it would have accepted; the position says enough.
_EXPECTING_SET = re.compile(r" expecting \{[^}]*\}")
# The library's advice starts a new sentence after the fact itself.
_ADVICE = re.compile(r"\.\s+(?=[A-Z])")


def syntax_reason(message: str) -> str:
    """'syntax error: ... at line L, column C' for a compile failure."""
    match = _SYNTAX.search(message)
    if match is None:
        return f"syntax error: {_first_sentence(message)}"
    line, column, what = match.groups()
    what = _EXPECTING_SET.sub("", what).replace("mismatched input", "unexpected")
    what = what.replace("'<EOF>'", "end of expression").replace("<EOF>", "end of expression")
    return f"syntax error: {what.strip()} at line {line}, column {column}"


def evaluation_reason(error: Exception) -> str:
    """The failure of an evaluation in the author's terms."""
    message = str(error)
    if isinstance(error, KeyError):
        return f"no such member in mapping: {message}"
    if match := _UNDEFINED.search(message):
        return f"unknown function or variable '{match[1]}'"
    if match := _FUNCTION_FAILED.search(message):
        return _ARITY.sub(f"{match[1]}()", match[2].strip()) or f"{match[1]}() failed"
    if match := _BAD_RESULT.search(message):
        return f"{match[1]}() returned a value with no CEL equivalent"
    if match := _BAD_VALUE.search(message):
        return f"a value of type {match[1]} cannot be used in an expression"
    if isinstance(error, ZeroDivisionError):
        return message.removesuffix(" in CEL expression")
    return _first_sentence(message) or type(error).__name__


def _first_sentence(message: str) -> str:
    first = _ADVICE.split(message.strip(), maxsplit=1)[0].rstrip(".")
    return first[:1].lower() + first[1:]
