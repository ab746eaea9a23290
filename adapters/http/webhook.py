"""``HttpWebhookClient``: webhook nodes' calls to outside services (the ``WebhookClient`` port).

In order: fill ``{{secret:name}}`` references from the ``SecretStore`` (a missing one stops
the call), pass the URL through the SSRF guard, consult the target's circuit breaker, then
send with the node's timeout and retries, connecting to the address the guard vetted. Every
failure is an ``ok=False`` outcome; secret values are scrubbed from whatever comes back, and
logs name the request as the flow wrote it (references, not values; no query string).
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
import structlog

from adapters.http.call_log import log_call
from adapters.http.circuit_breaker import CircuitBreakers
from adapters.http.secret_filling import Redactor, filler, map_strings, names_referenced
from adapters.http.transport import DEFAULT_MAX_BODY_BYTES, NO_BODY, Exchange, Outbound, RetryPolicy, Sleep, send
from adapters.http.url_guard import UrlGuard, UrlRefused
from application.ports.secrets import SecretStore
from domain.conversation.requests import CallWebhook, HttpOutcome

log = structlog.get_logger(__name__)

CIRCUIT_OPEN = "circuit open"


class HttpWebhookClient:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        secrets: SecretStore,
        guard: UrlGuard,
        breakers: CircuitBreakers,
        *,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_retry_delay_seconds: float = 30.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._session = session
        self._secrets = secrets
        self._guard = guard
        self._breakers = breakers
        self._max_body_bytes = max_body_bytes
        self._max_retry_delay = max_retry_delay_seconds
        self._sleep = sleep

    async def call(self, request: CallWebhook) -> HttpOutcome:
        started = time.perf_counter()
        try:
            exchange = await self._call(request)
        except Exception as error:
            # The port promises an outcome, never an exception; only the type is logged
            # because the message could carry a filled value.
            log.error("webhook_call_crashed", url=_loggable(request.url), error_type=type(error).__name__)
            return HttpOutcome(ok=False, error="the call failed unexpectedly")
        log_call("webhook_called", exchange, started, method=request.method, url=_loggable(request.url))
        return exchange.outcome

    async def _call(self, request: CallWebhook) -> Exchange:
        values: dict[str, str] = {}
        for name in names_referenced(request.url, request.headers, request.body):
            try:
                value = await self._secrets.get(name)
            except Exception:
                return _refused(f"secret {name} could not be read")
            if value is None:
                return _refused(f"secret {name} is not configured")
            values[name] = value
        redactor = Redactor(values.values())
        fill = filler(values)
        try:
            async with asyncio.timeout(request.timeout_seconds):
                destination = await self._guard.check(fill(request.url))
        except UrlRefused as refusal:
            return _refused(redactor.text(f"refused: {refusal}"))
        except TimeoutError:
            return _refused(f"timed out after {request.timeout_seconds:g}s resolving the host")
        url, headers, server_hostname = destination.pinned({key: fill(value) for key, value in request.headers.items()})
        outbound = Outbound(
            request.method,
            url,
            headers,
            NO_BODY if request.body is None else map_strings(request.body, fill),
            timeout_seconds=request.timeout_seconds,
            server_hostname=server_hostname,
        )
        policy = RetryPolicy(
            retries=max(request.retry_attempts, 0),
            delay_seconds=max(request.retry_delay_seconds, 0.0),
            max_delay_seconds=self._max_retry_delay,
        )
        exchange = await self._breakers.run(
            str(destination.url.origin()),
            lambda: send(self._session, outbound, policy, max_body_bytes=self._max_body_bytes, sleep=self._sleep),
            lambda result: result.target_failed,
        )
        if exchange is None:
            return _refused(CIRCUIT_OPEN)
        return Exchange(redactor.outcome(exchange.outcome), attempts=exchange.attempts)


def _refused(error: str) -> Exchange:
    return Exchange(HttpOutcome(ok=False, error=error), attempts=0)


def _loggable(url: str) -> str:
    """The URL as the flow wrote it (secret references, not values), without its query
    string, which may hold a child's answers."""
    return url.split("?", 1)[0]
