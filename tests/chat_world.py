"""The chat runtime on the run's PostgreSQL: settings, loading Huey, and database probes.

Shared by the API integration tests and the chat runtime feature: the Huey flows and the
demo seed are loaded with the same code ``chatbot import`` and ``import-content`` run.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import UUID

from dependency_injector import providers
from sqlalchemy import text

from adapters.memory.time_and_chance import FixedClock
from adapters.postgres.engine import create_engine
from application.use_cases.forget_replies import ForgetExpiredReplies
from entrypoints.container import build_container, resolved, running
from entrypoints.loading import import_flow_files, import_seed_content
from entrypoints.settings import Settings
from tests import shared_fixtures

TEST_KEY = "integration-test-signing-key-0123456789abcdef"
HUEY = "huey-bookbot"
SCHOOL = shared_fixtures.demo_seed()["school"]["wriveted_identifier"]
AT_SCHOOL = {"context": {"school_wriveted_id": SCHOOL}}


def chat_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "log_format": "console",
        "secret_key": TEST_KEY,
        "cookie_insecure_localhost": True,
        "rate_limit_enabled": False,
    }
    return Settings(**(values | overrides))


async def load_huey(database_url: str) -> None:
    container = build_container(chat_settings(database_url), database_url)
    lines: list[str] = []
    async with running(container):
        handler = await resolved(container.import_flow())
        paths = [shared_fixtures.FIXTURES / name for name in shared_fixtures.HUEY_FILES]
        assert await import_flow_files(handler, paths, lines.append), lines
        await import_seed_content(await resolved(container.seeder()), shared_fixtures.demo_seed(), lines.append)


async def table_counts(database_url: str) -> dict[str, int]:
    """Rows per conversation table, to prove a refused request stored nothing."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            counts = {}
            for table in ("conversation_sessions", "conversation_history", "task_idempotency_records", "event_outbox"):
                counts[table] = (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            fingerprint = await connection.execute(
                text("SELECT coalesce(string_agg(id::text || revision || state_hash, ',' ORDER BY id), '') FROM conversation_sessions")
            )
            counts["sessions_fingerprint"] = hash(fingerprint.scalar_one())
            return counts
    finally:
        await engine.dispose()


async def stored_replies(database_url: str, session_id: str) -> int:
    """How many replies are kept for retried answers of one conversation."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            counted = await connection.execute(
                text("SELECT count(*) FROM task_idempotency_records WHERE session_id = CAST(:id AS uuid)"), {"id": session_id}
            )
            return int(counted.scalar_one())
    finally:
        await engine.dispose()


async def tidy_up(database_url: str, later: timedelta) -> int:
    """Run the chat service's housekeeping as it would run ``later`` than now."""
    container = build_container(chat_settings(database_url), database_url)
    container.clock.override(providers.Object(FixedClock(datetime.now(timezone.utc) + later)))
    async with running(container):
        forget = await resolved(container.forget_replies())
        return await forget(ForgetExpiredReplies())


async def user_id(database_url: str, email: str) -> UUID:
    """The id a seeded user was given."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            found = await connection.execute(text("SELECT id FROM users WHERE email = :email"), {"email": email})
            return UUID(str(found.scalar_one()))
    finally:
        await engine.dispose()
