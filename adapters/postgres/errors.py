"""Driver errors → domain errors, in one place.

Every repository read and every commit runs inside ``translated_errors()``, so a broken rule
reaches the edge as a ``DomainError`` (a 4xx there), never as a driver exception (a 500).
The SQLSTATE decides the error type; the constraint name only decides which field to blame.
Statements sent through SQLAlchemy fail with its wrappers around asyncpg's exceptions; the
hot-path statements sent on the asyncpg connection itself fail with asyncpg's own. Both
translate the same way: an asyncpg ``InterfaceError`` is what SQLAlchemy wraps as its own
``InterfaceError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from domain.errors import Conflict, DomainError, FieldError, StorageUnavailable, ValidationFailed

FOREIGN_KEY_VIOLATION = "23503"
UNIQUE_VIOLATION = "23505"
CHECK_VIOLATION = "23514"
NOT_NULL_VIOLATION = "23502"
RESTRICT_VIOLATION = "23001"
INVALID_TEXT_REPRESENTATION = "22P02"
STRING_TOO_LONG = "22001"
NUMERIC_OUT_OF_RANGE = "22003"
# Class 08 is "connection exception"; 57P01-03 are server shutdown / cannot connect now.
_UNAVAILABLE_PREFIXES = ("08", "57P")

# Constraints whose columns do not read as the field a caller sent.
_FIELDS_BY_CONSTRAINT = {
    "fk_flow_connections_source": "flow_data.connections.source",
    "fk_flow_connections_target": "flow_data.connections.target",
    "uq_flow_connections_edge": "flow_data.connections",
    "uq_flow_nodes_flow_node": "flow_data.nodes.id",
    "ck_flow_connections_connection_type": "flow_data.connections.type",
    "task_idempotency_records_pkey": "Idempotency-Key",
    "uq_conversation_sessions_session_token": "session_token",
    "uq_flow_definitions_seed_key": "seed_key",
}
_KEY_COLUMNS = re.compile(r"Key \(([^)]+)\)")

# What a failed statement raises, through SQLAlchemy or straight from asyncpg.
_DRIVER_ERRORS = (DBAPIError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError)
# Failures that carry no SQLSTATE and mean the connection is gone (asyncpg's
# ConnectionDoesNotExistError is an InterfaceError).
_LOST_CONNECTION = (OperationalError, InterfaceError, asyncpg.InterfaceError)


@contextmanager
def translated_errors() -> Iterator[None]:
    """Run the block; re-raise any database failure as the matching domain error."""
    try:
        yield
    except DomainError:
        raise
    except _DRIVER_ERRORS as error:
        domain_error = translate(error)
        if domain_error is None:
            raise  # a defect (bad SQL, a missing table): let it surface as itself
        raise domain_error from error


def translate(error: BaseException) -> DomainError | None:
    """The domain error for a driver failure, or None when the failure is our own bug."""
    driver = driver_error(error)
    state = sqlstate(error)
    field = _field(driver)
    if state == FOREIGN_KEY_VIOLATION:
        return ValidationFailed("a referenced record does not exist", [FieldError(field, "refers to nothing")])
    if state == UNIQUE_VIOLATION:
        return Conflict("a record with this key already exists", [FieldError(field, "is already taken")])
    if state in (CHECK_VIOLATION, NOT_NULL_VIOLATION):
        return ValidationFailed("a value breaks a rule of the store", [FieldError(field, "is not allowed")])
    if state in (INVALID_TEXT_REPRESENTATION, STRING_TOO_LONG, NUMERIC_OUT_OF_RANGE):
        return ValidationFailed("a value has the wrong form", [FieldError(field, _first_line(driver))])
    if state == RESTRICT_VIOLATION:
        return Conflict(_first_line(driver))
    if _unavailable(error, state):
        return StorageUnavailable(f"the database is unavailable ({_first_line(driver)})")
    return None


def driver_error(error: BaseException) -> BaseException:
    """The asyncpg exception beneath SQLAlchemy's wrapper and the dialect's adapter."""
    current: BaseException = error
    orig = getattr(current, "orig", None)
    if isinstance(orig, BaseException):
        current = orig
    cause = current.__cause__
    return cause if cause is not None and hasattr(cause, "sqlstate") else current


def sqlstate(error: BaseException) -> str | None:
    return getattr(driver_error(error), "sqlstate", None)


def constraint_of(error: BaseException) -> str | None:
    return getattr(driver_error(error), "constraint_name", None)


def _field(driver: BaseException) -> str:
    constraint = getattr(driver, "constraint_name", None)
    if constraint in _FIELDS_BY_CONSTRAINT:
        return _FIELDS_BY_CONSTRAINT[constraint]
    column = getattr(driver, "column_name", None)
    if column:
        return str(column)
    detail = getattr(driver, "detail", None) or ""
    found = _KEY_COLUMNS.search(detail)
    if found:
        return found.group(1)
    return str(getattr(driver, "table_name", None) or "body")


def _unavailable(error: BaseException, state: str | None) -> bool:
    if isinstance(error, OSError) or isinstance(driver_error(error), OSError):
        return True
    if state is not None:
        return state.startswith(_UNAVAILABLE_PREFIXES)
    # No SQLSTATE: the driver lost the connection (asyncpg ConnectionDoesNotExistError etc.).
    return isinstance(error, _LOST_CONNECTION)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
