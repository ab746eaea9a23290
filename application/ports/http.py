"""Outbound HTTP ports: internal platform APIs (api_call actions) and webhooks.

Both answer with an ``HttpOutcome`` and never raise for a failed call: timeouts, refused
connections, 4xx/5xx and open circuits are all ``ok=False`` with a reason, so a flow can take
its failure path.
"""

from __future__ import annotations

from typing import Protocol

from domain.conversation.requests import CallApi, CallWebhook, HttpOutcome


class ApiClient(Protocol):
    async def call(self, request: CallApi) -> HttpOutcome: ...


class WebhookClient(Protocol):
    async def call(self, request: CallWebhook) -> HttpOutcome: ...
