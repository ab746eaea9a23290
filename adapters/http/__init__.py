"""Outbound HTTP: the webhook and internal-API clients behind ``application.ports.http``.

``session.client_session`` makes the one ``aiohttp.ClientSession`` a process shares;
``url_guard`` keeps webhooks off internal networks; ``circuit_breaker`` stops calling a target
that keeps failing; ``transport`` performs one logical call with timeouts and retries.
"""

from adapters.http.api import HttpApiClient
from adapters.http.circuit_breaker import BreakerPolicy, CircuitBreakers
from adapters.http.session import client_session
from adapters.http.url_guard import UrlGuard, UrlRefused
from adapters.http.webhook import HttpWebhookClient

__all__ = [
    "BreakerPolicy",
    "CircuitBreakers",
    "HttpApiClient",
    "HttpWebhookClient",
    "UrlGuard",
    "UrlRefused",
    "client_session",
]
