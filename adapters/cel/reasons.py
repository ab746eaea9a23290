"""Short, readable reasons for cel-python's compile and evaluation failures.

cel-python's own messages embed the whole activation (every function in scope), lark tokens
and Python class paths; a flow author needs "unexpected end of expression at line 1, column 3"
or "no matching overload for '>' applied to (string, int)". This module only rewrites text;
deciding that something failed is the engine's job.
"""

from __future__ import annotations

import re

from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError
from lark.exceptions import UnexpectedCharacters, UnexpectedToken

_OPERATOR_RULES = {
    "relation_lt": "<",
    "relation_le": "<=",
    "relation_gt": ">",
    "relation_ge": ">=",
    "relation_eq": "==",
    "relation_ne": "!=",
    "relation_in": "in",
    "addition_add": "+",
    "addition_sub": "-",
    "multiplication_mul": "*",
    "multiplication_div": "/",
    "multiplication_mod": "%",
    "unary_not": "!",
    "unary_neg": "-",
}

_RULE_TOKEN = re.compile(r"Token\('RULE', '(\w+)'\)")
_PYTHON_CLASS = re.compile(r"<class '(?:[\w.]+\.)?(\w+)'>")
_ACTIVATION = re.compile(r"\s*\(in activation .*", re.DOTALL)
# Messages that only name a category; the underlying exception says what actually went wrong.
_GENERIC = {"no such overload", "invalid value", "invalid argument"}
# cel-python's wording where it is misleading or internal.
_RENAMED = {
    "return error for overflow": "invalid value",
    "invalid_argument": "invalid argument",
    "modulus or divide by zero": "division by zero",
}
_CEL_VALUE = re.compile(r"\b[A-Z]\w*Type\(([^()]*)\)")


def syntax_reason(error: CELParseError) -> str:
    """'unexpected ... at line L, column C' for a parse failure."""
    # cel-python raises its error inside lark's handler, so lark's error is the context.
    cause = error.__cause__ or error.__context__
    if isinstance(cause, UnexpectedToken):
        token = cause.token
        found = "end of expression" if token.type == "$END" else f"{str(token)!r}"
        what = f"unexpected {found}"
    elif isinstance(cause, UnexpectedCharacters):
        what = f"unexpected character {cause.char!r}"
    else:
        what = str(error.args[0]).splitlines()[0] if error.args else "invalid syntax"
    if error.line is None:
        return f"syntax error: {what}"
    return f"syntax error: {what} at line {error.line}, column {error.column}"


def evaluation_reason(error: CELEvalError) -> str:
    """The failure of an evaluation in the author's terms."""
    message = _tidy(str(error.args[0])) if error.args else "evaluation failed"
    message = _RENAMED.get(message, message).removeprefix("found ")
    detail = _detail(error)
    if message in _GENERIC and detail:
        return f"{message}: {detail}"
    if message.startswith("undeclared reference to"):
        return message.replace("undeclared reference to", "unknown function or variable", 1)
    return message


def _detail(error: CELEvalError) -> str:
    # cel-python stores (message, exception class, exception args).
    if len(error.args) >= 3 and isinstance(error.args[2], tuple) and error.args[2]:
        return _tidy(str(error.args[2][0]))
    return ""


def _tidy(text: str) -> str:
    text = _ACTIVATION.sub("", text)
    text = _RULE_TOKEN.sub(lambda match: repr(_OPERATOR_RULES.get(match[1], match[1])), text)
    text = _PYTHON_CLASS.sub(lambda match: _type_word(match[1]), text)
    text = _CEL_VALUE.sub(r"\1", text)
    return text.replace("'(", "(").replace(")'", ")").strip()


def _type_word(class_name: str) -> str:
    if class_name == "NoneType":
        return "null"
    return class_name.removesuffix("Type").lower()
