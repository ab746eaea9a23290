"""Forgetting expired stored replies: by hand with ``chatbot purge``, and on ``serve``'s timer."""

from __future__ import annotations

import asyncio
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

from sqlalchemy import text

from adapters.postgres.engine import create_engine
from tests.e2e.huey_service import chatbot, environment, serve
from tests.support import wait_until

EXPIRED = "now() - interval '1 hour'"
FRESH = "now() + interval '23 hours'"


async def _execute(database_url: str, statement: str, params: dict[str, object]) -> None:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement), params)
    finally:
        await engine.dispose()


def _kept(database_url: str, keys: list[str]) -> set[str]:
    """Which of ``keys`` are still stored."""
    return set(asyncio.run(_keys(database_url, keys)))


async def _keys(database_url: str, keys: list[str]) -> list[str]:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            found = await connection.execute(
                text("SELECT idempotency_key FROM task_idempotency_records WHERE idempotency_key = ANY(:keys)"), {"keys": keys}
            )
            return [row[0] for row in found]
    finally:
        await engine.dispose()


def _stored(database_url: str, expires: str) -> str:
    """A stored reply expiring at ``expires`` (SQL); its key."""
    key = f"interact:{uuid4()}:e2e-{uuid4().hex[:8]}"
    statement = f"""
        INSERT INTO task_idempotency_records
            (idempotency_key, status, session_id, node_id, session_revision, result_data, completed_at, expires_at)
        VALUES (:key, 'completed', :session, 'ask', 2, '{{"messages": []}}', now(), {expires})
    """
    asyncio.run(_execute(database_url, statement, {"key": key, "session": uuid4()}))
    return key


def test_purge_forgets_expired_replies_in_batches_and_says_how_far_it_got(database_url: str) -> None:
    expired = [_stored(database_url, EXPIRED) for _ in range(3)]
    fresh = _stored(database_url, FRESH)
    done = chatbot(environment(database_url), "purge", "--batch", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "forgotten so far: 2" and lines[-1].startswith("forgot ")
    assert int(lines[-1].split()[1]) >= 3
    assert _kept(database_url, [*expired, fresh]) == {fresh}


def test_purge_refuses_a_batch_of_nothing(database_url: str) -> None:
    refused = chatbot(environment(database_url), "purge", "--batch", "0")
    assert refused.returncode == 2 and "--batch: must be at least 1" in refused.stderr


def test_serve_forgets_expired_replies_on_its_timer(database_url: str, tmp_path: Path) -> None:
    expired = _stored(database_url, EXPIRED)
    fresh = _stored(database_url, FRESH)
    env = environment(database_url, REPLY_PURGE_INTERVAL_SECONDS="1")
    env["LOG_LEVEL"] = "INFO"
    log_path = tmp_path / "serve.log"
    with contextmanager(serve)(env, log_path):
        assert wait_until(lambda: _kept(database_url, [expired, fresh]) == {fresh}, timeout=20), log_path.read_text()
    assert '"event": "replies.purged"' in log_path.read_text()
