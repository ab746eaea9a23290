"""Operators that treat int, uint and double as one kind of number.

cel-python follows the strict CEL overloads: ``3 > 2.5`` and ``1.0 == 1`` are "no such
overload" errors. Flow state arrives from JSON, where ``1`` and ``1.0`` are one value, so an
author writing ``temp.age > 2.5`` must not depend on how the age was stored. The interpreter
resolves each operator by name (``_>_`` ...) through the activation's function table before the
built-ins, so overriding those names here changes every comparison without touching the AST.

Arithmetic mixing an integer with a double is done in double (``temp.score + 0.5``); integer
with integer stays integer arithmetic, with CEL's division and overflow rules.

Equality is heterogeneous, as in current CEL: values of different kinds are simply unequal
(``temp.count == null`` is false for a number) instead of an error. Ordering between different
non-numeric kinds stays an error. Every operator passes an evaluation error through untouched,
as the built-ins do, so ``&&``/``||`` can still absorb it.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Mapping

from celpy import celtypes
from celpy.evaluation import CELEvalError, base_functions

def is_number(value: Any) -> bool:
    """True for CEL int, uint and double (never bool, which CEL keeps apart from numbers).

    Plain Python numbers count too: cel-python's own double arithmetic returns bare floats.
    """
    return isinstance(value, (int, float)) and not isinstance(value, (bool, celtypes.BoolType))


def plain_number(value: Any) -> int | float:
    """The Python number inside a CEL number; Python compares int and float exactly."""
    return float(value) if isinstance(value, float) else int(value)


def values_equal(left: Any, right: Any) -> bool:
    """CEL equality with numbers compared by value, lists and maps compared element-wise."""
    if left is None or right is None:
        return left is None and right is None
    if is_number(left) and is_number(right):
        return plain_number(left) == plain_number(right)
    if isinstance(left, celtypes.BoolType) or isinstance(right, celtypes.BoolType):
        return (
            isinstance(left, celtypes.BoolType)
            and isinstance(right, celtypes.BoolType)
            and bool(left) == bool(right)
        )
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(values_equal, left, right))
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        return left.keys() == right.keys() and all(
            values_equal(item, right[key]) for key, item in left.items()
        )
    if type(left) is not type(right):
        return False
    return bool(left == right)


def _equal(left: Any, right: Any) -> Any:
    if isinstance(left, CELEvalError):
        return left
    if isinstance(right, CELEvalError):
        return right
    return celtypes.BoolType(values_equal(left, right))


def _not_equal(left: Any, right: Any) -> Any:
    if isinstance(left, CELEvalError):
        return left
    if isinstance(right, CELEvalError):
        return right
    return celtypes.BoolType(not values_equal(left, right))


def _ordering(name: str, compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    strict = base_functions[name]

    def ordered(left: Any, right: Any) -> Any:
        if isinstance(left, CELEvalError):
            return left
        if isinstance(right, CELEvalError):
            return right
        if is_number(left) and is_number(right):
            return celtypes.BoolType(compare(plain_number(left), plain_number(right)))
        # Same-kind (and mismatched) operands keep cel-python's behaviour, including its
        # TypeError, which the interpreter reports as "no matching overload".
        return strict(left, right)

    ordered.__name__ = f"numeric{name}"
    return ordered


def _promoting(name: str) -> Callable[[Any, Any], Any]:
    strict = base_functions[name]

    def promoted(left: Any, right: Any) -> Any:
        if (
            is_number(left)
            and is_number(right)
            and isinstance(left, float) != isinstance(right, float)
        ):
            left, right = celtypes.DoubleType(left), celtypes.DoubleType(right)
        result = strict(left, right)
        # float's own operators answer a bare float; keep it a CEL double.
        if isinstance(result, float) and not isinstance(result, celtypes.DoubleType):
            return celtypes.DoubleType(result)
        return result

    promoted.__name__ = f"numeric{name}"
    return promoted


def _contains(item: Any, container: Any) -> Any:
    if isinstance(item, CELEvalError):
        return item
    if isinstance(container, CELEvalError):
        return container
    if isinstance(container, list):
        return celtypes.BoolType(any(values_equal(item, element) for element in container))
    return base_functions["_in_"](item, container)


NUMERIC_OPERATORS: dict[str, Callable[..., Any]] = {
    "_==_": _equal,
    "_!=_": _not_equal,
    "_<_": _ordering("_<_", operator.lt),
    "_<=_": _ordering("_<=_", operator.le),
    "_>_": _ordering("_>_", operator.gt),
    "_>=_": _ordering("_>=_", operator.ge),
    "_in_": _contains,
    "_+_": _promoting("_+_"),
    "_-_": _promoting("_-_"),
    "_*_": _promoting("_*_"),
    "_/_": _promoting("_/_"),
}
