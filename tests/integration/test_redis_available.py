"""Redis is there for the tests that need it (skipped loudly without it, failed under CI)."""

from __future__ import annotations

import redis.asyncio as redis


async def test_redis_answers(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    try:
        assert await client.ping()
    finally:
        await client.aclose()
