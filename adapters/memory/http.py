"""Scripted HTTP for tests: answers by (method, endpoint or URL), and records every call.

A call with no scripted answer fails like an unreachable service (``ok=False``), which is how
a flow should experience a dead dependency.
"""

from __future__ import annotations

from typing import Any

from domain.conversation.requests import CallApi, CallWebhook, HttpOutcome


class ScriptedApiClient:
    def __init__(self) -> None:
        self.answers: dict[tuple[str, str], HttpOutcome] = {}
        self.calls: list[CallApi] = []

    def answer(self, method: str, endpoint: str, body: Any, status: int = 200) -> None:
        self.answers[(method.upper(), endpoint)] = HttpOutcome(ok=200 <= status < 300, status=status, body=body)

    async def call(self, request: CallApi) -> HttpOutcome:
        self.calls.append(request)
        return self.answers.get(
            (request.method, request.endpoint), HttpOutcome(ok=False, error=f"no service at {request.endpoint}")
        )


class ScriptedWebhookClient:
    def __init__(self) -> None:
        self.answers: dict[tuple[str, str], HttpOutcome] = {}
        self.calls: list[CallWebhook] = []

    def answer(self, method: str, url: str, body: Any, status: int = 200) -> None:
        self.answers[(method.upper(), url)] = HttpOutcome(ok=200 <= status < 300, status=status, body=body)

    def fail(self, method: str, url: str, error: str) -> None:
        self.answers[(method.upper(), url)] = HttpOutcome(ok=False, error=error)

    async def call(self, request: CallWebhook) -> HttpOutcome:
        self.calls.append(request)
        return self.answers.get((request.method, request.url), HttpOutcome(ok=False, error=f"no service at {request.url}"))
