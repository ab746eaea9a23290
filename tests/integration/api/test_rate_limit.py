"""Rate limits: a runaway widget or address is slowed down with 429 and Retry-After."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import test_utils

from entrypoints.api.app import create_app
from entrypoints.api.rate_limit import Budget, RateLimiter, TokenBuckets
from entrypoints.container import build_container
from tests.chat_api import ChatApi
from tests.chat_world import HUEY, chat_settings


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_its_burst_then_refills_at_its_rate() -> None:
    time = FakeTime()
    buckets = TokenBuckets(Budget(per_second=2, burst=3), now=time)

    spent = [buckets.take("a") for _ in range(4)]
    time.now = 0.5
    after_half_a_second = buckets.take("a")

    assert spent[:3] == [0, 0, 0] and spent[3] == pytest.approx(0.5)
    assert after_half_a_second == 0
    assert buckets.take("b") == 0  # every key has its own bucket


def test_the_session_budget_applies_on_top_of_the_address_budget() -> None:
    time = FakeTime()
    limiter = RateLimiter(Budget(100, 100), Budget(1, 2), now=time)

    waits = [limiter.wait_for("10.0.0.1", "token") for _ in range(3)]

    assert waits[:2] == [0, 0] and waits[2] > 0
    assert limiter.wait_for("10.0.0.1", "another-token") == 0


@pytest.fixture
async def limited_client(huey_database: str) -> AsyncIterator[test_utils.TestClient]:
    settings = chat_settings(
        huey_database,
        rate_limit_enabled=True,
        rate_limit_session_per_second=0.1,
        rate_limit_session_burst=2,
        rate_limit_address_per_second=1000,
        rate_limit_address_burst=1000,
    )
    app = create_app(build_container(settings, huey_database))
    async with test_utils.TestClient(test_utils.TestServer(app)) as client:
        yield client


async def test_a_chat_answering_too_fast_is_told_to_retry_later(limited_client: test_utils.TestClient) -> None:
    api = ChatApi(limited_client)
    chat = await api.begin(HUEY)

    replies = [await api.interact(chat, "hello", "choice") for _ in range(3)]

    assert [r.status for r in replies[:2]] == [200, 200]
    assert replies[2].status == 429 and replies[2].problem == "rate-limited"
    assert int(replies[2].headers["Retry-After"]) >= 1
    assert (await api.begin(HUEY)).token  # another chat is not held back


async def test_health_probes_are_never_rate_limited(limited_client: test_utils.TestClient) -> None:
    statuses = [(await limited_client.get("/v1/healthz")).status for _ in range(5)]

    assert statuses == [200] * 5
