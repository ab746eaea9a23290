"""Run hand-written SQL from a migration, one statement at a time.

asyncpg prepares every statement, and a prepared statement holds exactly one command, so
each migration lists its statements rather than one script. ``exec_driver_sql`` passes the
text untouched: no bind-parameter parsing of ``:`` inside JSON defaults or regexes. In
offline mode (``alembic upgrade --sql``) the statements are printed instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from alembic import context, op


def execute_all(statements: Iterable[str]) -> None:
    """Execute ``statements`` in order on the migration's connection."""
    if context.is_offline_mode():
        for statement in statements:
            op.execute(statement)
        return
    connection = op.get_bind()
    for statement in statements:
        connection.exec_driver_sql(statement)
