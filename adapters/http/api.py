"""``HttpApiClient``: ``api_call`` actions against the platform's own API (the ``ApiClient`` port).

Endpoints are paths joined to ``base_url`` (from settings), so these calls may go to loopback
or a private network without the SSRF guard: the operator chose that address, not a flow. An
absolute endpoint URL outside ``base_url`` is a different matter: it goes through the guard
when one is given (and never receives the platform token), and is refused when none is. A
bearer token from settings is added to platform calls unless the flow set ``Authorization``
itself, and is scrubbed from anything returned. Failure
semantics are the webhook client's: breaker per endpoint, timeout, never an exception.

An api_call's own ``circuit_breaker`` settings (failure threshold, reset timeout) apply to its
circuit; calls without them use this client's default ``BreakerPolicy``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Iterator, Mapping

import aiohttp
import structlog
from yarl import URL

from adapters.http.call_log import log_call
from adapters.http.circuit_breaker import BreakerPolicy, CircuitBreakers
from adapters.http.secret_filling import Redactor
from adapters.http.transport import DEFAULT_MAX_BODY_BYTES, NO_BODY, Exchange, Outbound, RetryPolicy, Sleep, send
from adapters.http.url_guard import UrlGuard, UrlRefused
from domain.conversation.requests import CallApi, HttpOutcome
from domain.expressions.templates import to_text

log = structlog.get_logger(__name__)


class HttpApiClient:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        *,
        breakers: CircuitBreakers,
        guard: UrlGuard | None = None,
        bearer_token: str | None = None,
        retry: RetryPolicy = RetryPolicy(),
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._session = session
        self._base = base_url.rstrip("/") + "/"
        self._breakers = breakers
        self._guard = guard
        self._token = bearer_token
        self._retry = retry
        self._max_body_bytes = max_body_bytes
        self._sleep = sleep
        self._redactor = Redactor([bearer_token] if bearer_token else [])

    async def call(self, request: CallApi) -> HttpOutcome:
        started = time.perf_counter()
        try:
            exchange = await self._call(request)
        except Exception as error:
            log.error("api_call_crashed", endpoint=request.endpoint, error_type=type(error).__name__)
            return HttpOutcome(ok=False, error="the call failed unexpectedly")
        log_call("api_called", exchange, started, method=request.method, endpoint=request.endpoint.split("?", 1)[0])
        return exchange.outcome

    async def _call(self, request: CallApi) -> Exchange:
        if any(segment == ".." for segment in request.endpoint.split("?", 1)[0].split("/")):
            return _refused("api_call endpoints may not climb out of the platform API with '..'")
        headers: dict[str, str] = {"Accept": "application/json", **request.headers}
        target = self.resolve(request.endpoint)
        server_hostname = None
        if target is None:
            if self._guard is None:
                return _refused("api_call endpoints must be paths on the platform API")
            try:
                destination = await self._guard.check(request.endpoint)
            except UrlRefused as refusal:
                return _refused(f"refused: {refusal}")
            target, headers, server_hostname = destination.pinned(headers)
        elif self._token and not any(key.lower() == "authorization" for key in headers):
            # The platform's token goes only to the platform, never to an outside URL.
            headers["Authorization"] = f"Bearer {self._token}"
        outbound = Outbound(
            request.method,
            target,
            headers,
            NO_BODY if request.body is None else request.body,
            params=list(query_pairs(request.query_params)),
            timeout_seconds=request.timeout_seconds,
            server_hostname=server_hostname,
        )
        exchange = await self._breakers.run(
            request.circuit or request.endpoint,
            lambda: send(self._session, outbound, self._retry, max_body_bytes=self._max_body_bytes, sleep=self._sleep),
            lambda result: result.target_failed,
            _policy_of(request),
        )
        if exchange is None:
            return _refused("circuit open")
        return Exchange(self._redactor.outcome(exchange.outcome), attempts=exchange.attempts)

    def resolve(self, endpoint: str) -> URL | None:
        """The URL for ``endpoint`` under ``base_url``, or None for an absolute URL elsewhere."""
        if "://" in endpoint:
            return URL(endpoint) if endpoint.startswith(self._base) else None
        return URL(self._base + endpoint.lstrip("/"))


def query_pairs(params: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Query parameters as text pairs: lists repeat the key, null leaves it out."""
    for key, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                yield str(key), to_text(item)


def _policy_of(request: CallApi) -> BreakerPolicy | None:
    if request.breaker_failure_threshold is None and request.breaker_reset_seconds is None:
        return None
    default = BreakerPolicy()
    return BreakerPolicy(
        failure_threshold=request.breaker_failure_threshold or default.failure_threshold,
        reset_timeout=request.breaker_reset_seconds or default.reset_timeout,
    )


def _refused(error: str) -> Exchange:
    return Exchange(HttpOutcome(ok=False, error=error), attempts=0)
