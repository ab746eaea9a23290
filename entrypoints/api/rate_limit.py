"""Rate limits on the chat endpoints: a token bucket per client address and per session.

In process, by design: each API process limits what reaches it, which bounds the damage
one client can do without a shared store on the hot path. A client over its budget gets
429 ``rate-limited`` with ``Retry-After`` (whole seconds until a token is back). The
address is the TCP peer: behind a proxy it is the proxy's, so the per-address budget is
set for a whole school behind one NAT (``RATE_LIMIT_ADDRESS_*``), and the per-session
budget (``RATE_LIMIT_SESSION_*``) is what stops one runaway widget.

Buckets live in bounded LRU maps, so a flood of new addresses or tokens cannot grow memory
without bound; an evicted bucket simply starts full again.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from entrypoints.api.errors import Problem, problem_response

RATE_LIMITED = Problem("rate-limited", "Too Many Requests", 429)
CHAT_PREFIX = "/v1/chat/"
MAX_BUCKETS = 100_000

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Now = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Budget:
    per_second: float
    burst: int


class TokenBuckets:
    """Buckets of ``budget`` keyed by any string; ``take`` spends one token."""

    def __init__(self, budget: Budget, now: Now = time.monotonic, capacity: int = MAX_BUCKETS) -> None:
        self._budget = budget
        self._now = now
        self._capacity = capacity
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> float:
        """0 when a token was spent, else the seconds until one is available."""
        now = self._now()
        tokens, last = self._buckets.pop(key, (float(self._budget.burst), now))
        tokens = min(float(self._budget.burst), tokens + (now - last) * self._budget.per_second)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / self._budget.per_second
        self._buckets[key] = (tokens, now)
        if len(self._buckets) > self._capacity:
            self._buckets.popitem(last=False)
        return wait


class RateLimiter:
    def __init__(self, per_address: Budget, per_session: Budget, now: Now = time.monotonic) -> None:
        self._addresses = TokenBuckets(per_address, now)
        self._sessions = TokenBuckets(per_session, now)

    def wait_for(self, address: str, session_token: str | None) -> float:
        wait = self._addresses.take(address)
        if session_token is not None:
            wait = max(wait, self._sessions.take(session_token))
        return wait


def rate_limit_middleware(limiter: RateLimiter) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    @web.middleware
    async def limit(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(CHAT_PREFIX):
            return await handler(request)
        wait = limiter.wait_for(request.remote or "unknown", request.match_info.get("token"))
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            response = problem_response(RATE_LIMITED, f"too many requests; try again in {retry_after} s")
            response.headers["Retry-After"] = str(retry_after)
            return response
        return await handler(request)

    return limit
