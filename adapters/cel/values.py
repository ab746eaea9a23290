"""Conversion between plain Python values and cel-python's value types.

Callers hand the engine JSON-like Python (the session state) and must get the same kind of
values back, so celpy types never cross the port. Conversion is a full recursive copy: the
engine never mutates or aliases the caller's state.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any, Mapping

from celpy import celtypes


class UnsupportedValue(TypeError):
    """A value has no CEL counterpart (raised by the converters, reported by the engine)."""


def to_cel(value: Any) -> Any:
    """The celpy value for plain Python ``value`` (None stays None, CEL's null)."""
    if value is None:
        return None
    # Exact-type fast paths for what JSON state holds; the ABC checks below are slow.
    kind = type(value)
    if kind is str:
        return celtypes.StringType(value)
    if kind is dict:
        return celtypes.MapType({_key_to_cel(key): to_cel(item) for key, item in value.items()})
    if kind is list:
        return celtypes.ListType([to_cel(item) for item in value])
    # bool before int: bool is an int subclass in Python but a distinct type in CEL.
    if isinstance(value, (bool, celtypes.BoolType)):
        return celtypes.BoolType(value)
    if isinstance(value, int):
        return celtypes.IntType(value)
    if isinstance(value, (float, Decimal)):
        return celtypes.DoubleType(float(value))
    if isinstance(value, str):
        return celtypes.StringType(value)
    if isinstance(value, Mapping):
        return celtypes.MapType({_key_to_cel(key): to_cel(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return celtypes.ListType([to_cel(item) for item in value])
    if isinstance(value, uuid.UUID):
        return celtypes.StringType(str(value))
    if isinstance(value, datetime.datetime):
        return celtypes.TimestampType(value)
    if isinstance(value, datetime.timedelta):
        return celtypes.DurationType(value)
    if isinstance(value, bytes):
        return celtypes.BytesType(value)
    raise UnsupportedValue(
        f"a value of type {type(value).__name__} cannot be used in an expression"
    )


def _key_to_cel(key: Any) -> Any:
    if type(key) is str:
        return celtypes.StringType(key)
    if isinstance(key, bool):
        return celtypes.BoolType(key)
    if isinstance(key, int):
        return celtypes.IntType(key)
    return celtypes.StringType(str(key))


# CEL's own names for the types ``type(x)`` can return.
_TYPE_NAMES: dict[type, str] = {
    celtypes.BoolType: "bool",
    celtypes.IntType: "int",
    celtypes.UintType: "uint",
    celtypes.DoubleType: "double",
    celtypes.StringType: "string",
    celtypes.BytesType: "bytes",
    celtypes.ListType: "list",
    celtypes.MapType: "map",
    celtypes.TimestampType: "google.protobuf.Timestamp",
    celtypes.DurationType: "google.protobuf.Duration",
    type(None): "null_type",
}


def from_cel(value: Any) -> Any:
    """The plain Python value for a celpy result (bool, int, float, str, None, list, dict ...)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    # BoolType subclasses int, so it must be tested before the integer types.
    if isinstance(value, celtypes.BoolType):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {from_cel(key): from_cel(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [from_cel(item) for item in value]
    if isinstance(value, datetime.datetime):
        return datetime.datetime.combine(value.date(), value.timetz())
    if isinstance(value, datetime.timedelta):
        return datetime.timedelta(
            days=value.days, seconds=value.seconds, microseconds=value.microseconds
        )
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, type):
        return _TYPE_NAMES.get(value, value.__name__)
    raise UnsupportedValue(
        f"the expression produced a {type(value).__name__}, which has no plain value"
    )
