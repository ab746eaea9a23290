"""One logical outbound call: per-attempt timeout, retries with exponential backoff, and the
response decoded into an ``HttpOutcome``. Never raises for anything the network or the server
does.

Retries happen only where trying again can help: connection failures, timeouts, 5xx and 429.
Other 4xx answers mean the request itself is wrong, so they come back at once. Redirects are
not followed: a redirect could lead a guarded call to an address the guard never saw.

A JSON response (``application/json`` or ``*+json``) becomes Python data; any other body is
returned as text; an empty body is None. Bodies above ``max_body_bytes`` are refused so a
misbehaving service cannot fill the process's memory.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Mapping, Sequence

import aiohttp
from yarl import URL

from domain.conversation.requests import HttpOutcome

Sleep = Callable[[float], Awaitable[None]]

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
NO_BODY = object()


@dataclass(frozen=True, slots=True)
class Outbound:
    """The request as it goes on the wire (secrets already filled, address already vetted)."""

    method: str
    url: URL
    headers: Mapping[str, str] = field(default_factory=dict)
    json_body: Any = NO_BODY
    params: Sequence[tuple[str, str]] = ()
    timeout_seconds: float = 10.0
    server_hostname: str | None = None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    retries: int = 0
    delay_seconds: float = 1.0
    max_delay_seconds: float = 30.0

    def delay_before(self, attempt: int) -> float:
        """Seconds to wait before attempt ``attempt`` (1 is the first retry): 1x, 2x, 4x ..."""
        return min(self.delay_seconds * 2 ** (attempt - 1), self.max_delay_seconds)


@dataclass(frozen=True, slots=True)
class Exchange:
    """An outcome, whether it is worth retrying, and whether it counts against the target."""

    outcome: HttpOutcome
    retryable: bool = False
    target_failed: bool = False
    attempts: int = 1


class BodyTooLarge(Exception):
    pass


async def send(
    session: aiohttp.ClientSession,
    outbound: Outbound,
    policy: RetryPolicy = RetryPolicy(),
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    sleep: Sleep = asyncio.sleep,
) -> Exchange:
    exchange = await _once(session, outbound, max_body_bytes)
    attempt = 0
    while exchange.retryable and attempt < policy.retries:
        attempt += 1
        await sleep(policy.delay_before(attempt))
        exchange = await _once(session, outbound, max_body_bytes)
    return Exchange(exchange.outcome, exchange.retryable, exchange.target_failed, attempt + 1)


async def _once(session: aiohttp.ClientSession, outbound: Outbound, max_body_bytes: int) -> Exchange:
    options: dict[str, Any] = {}
    if outbound.json_body is not NO_BODY:
        options["json"] = outbound.json_body
    if outbound.server_hostname is not None:
        options["server_hostname"] = outbound.server_hostname
    try:
        async with session.request(
            outbound.method,
            outbound.url,
            headers=dict(outbound.headers),
            params=list(outbound.params) or None,
            timeout=aiohttp.ClientTimeout(total=outbound.timeout_seconds),
            allow_redirects=False,
            **options,
        ) as response:
            status = response.status
            body = await _read_body(response, max_body_bytes)
    except TimeoutError:
        return _failed(f"timed out after {outbound.timeout_seconds:g}s", retryable=True)
    except BodyTooLarge:
        return _failed(f"the response is larger than {max_body_bytes} bytes", retryable=False)
    except aiohttp.ClientSSLError as error:
        # A certificate or TLS failure will not fix itself on a second attempt.
        return _failed(f"the TLS handshake failed: {type(error).__name__}", retryable=False)
    except aiohttp.ClientConnectorError as error:
        reason = getattr(error.os_error, "strerror", None) or type(error.os_error).__name__
        return _failed(f"could not connect: {reason}", retryable=True)
    except aiohttp.ClientConnectionError as error:
        return _failed(f"the connection failed: {type(error).__name__}", retryable=True)
    except aiohttp.ClientError as error:
        return _failed(f"the request failed: {type(error).__name__}", retryable=True)
    except (TypeError, ValueError) as error:
        # A body that is not JSON-serialisable or a header that is not valid: the request is wrong.
        return Exchange(HttpOutcome(ok=False, error=f"the request could not be built: {type(error).__name__}"))
    server_trouble = status >= 500 or status == 429
    if 200 <= status < 300:
        return Exchange(HttpOutcome(ok=True, status=status, body=body))
    return Exchange(
        HttpOutcome(ok=False, status=status, body=body, error=f"HTTP {status}"),
        retryable=server_trouble,
        target_failed=server_trouble,
    )


def _failed(error: str, *, retryable: bool) -> Exchange:
    return Exchange(HttpOutcome(ok=False, error=error), retryable=retryable, target_failed=True)


async def _read_body(response: aiohttp.ClientResponse, max_body_bytes: int) -> Any:
    if response.content_length is not None and response.content_length > max_body_bytes:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_any():
        size += len(chunk)
        if size > max_body_bytes:
            raise BodyTooLarge
        chunks.append(chunk)
    if not size:
        return None
    data = b"".join(chunks)
    try:
        text = data.decode(response.charset or "utf-8", errors="replace")
    except LookupError:
        # A charset Python does not know; UTF-8 is what the service most likely meant.
        text = data.decode("utf-8", errors="replace")
    content_type = response.content_type.lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
