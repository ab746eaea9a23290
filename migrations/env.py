"""Alembic environment: async (asyncpg), URL from the caller or from the settings.

``chatbot migrate`` and the tests pass the URL in ``config.attributes["database_url"]``
(the embedded server's URL is known only at run time); the plain ``alembic`` command
reads ``DATABASE_URL``. There is no autogenerate: every migration is written by hand.
"""

from __future__ import annotations

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from entrypoints.settings import Settings

config = context.config


def _database_url() -> str:
    given = config.attributes.get("database_url")
    if given:
        return str(given)
    if config.config_file_name:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    url = Settings().database_url
    if url is None:
        raise SystemExit("error: DATABASE_URL: not set (alembic needs a database to migrate)")
    return url


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


async def _migrate_online(url: str) -> None:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_migrate)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_database_url(), literal_binds=True, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_migrate_online(_database_url()))
