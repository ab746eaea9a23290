"""A small client DSL for the chat API, shared by the API, e2e and feature tests.

It speaks HTTP like the widget does: the cookies the start set ride along in the client's
cookie jar, and the CSRF token from the start's body goes in the ``X-CSRF-Token`` header.
It works over an aiohttp ``TestClient`` (in-process) and a ``ClientSession`` with a
``base_url`` (a served process) alike, since both take paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from aiohttp import ClientResponse

CSRF_HEADER = "X-CSRF-Token"
_KEEP = object()


class Http(Protocol):
    def request(self, method: str, path: str, **kwargs: Any) -> Any: ...


@dataclass(slots=True)
class Reply:
    status: int
    body: Any
    headers: dict[str, str]
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def problem(self) -> str | None:
        return self.body.get("type") if isinstance(self.body, dict) and self.status >= 400 else None

    @property
    def fields(self) -> list[str]:
        return [e["field"] for e in self.body.get("errors", [])] if isinstance(self.body, dict) else []


@dataclass(slots=True)
class Chat:
    """One conversation as the widget holds it."""

    token: str
    csrf: str
    session_id: str
    last: dict[str, Any]

    @property
    def options(self) -> list[dict[str, Any]]:
        request = self.last.get("input_request") or {}
        return list(request.get("options") or [])


class ChatApi:
    def __init__(self, http: Http) -> None:
        self.http = http

    async def call(self, method: str, path: str, **kwargs: Any) -> Reply:
        async with self.http.request(method, path, **kwargs) as response:
            return await _reply(response)

    async def start(
        self,
        flow_id: str,
        initial_state: dict[str, Any] | None = None,
        *,
        bearer: str | None = None,
        **extra: Any,
    ) -> Reply:
        body: dict[str, Any] = {"flow_id": flow_id, **extra}
        if initial_state is not None:
            body["initial_state"] = initial_state
        return await self.call("POST", "/v1/chat/start", json=body, headers=_bearer(bearer))

    async def begin(self, flow_id: str, initial_state: dict[str, Any] | None = None) -> Chat:
        reply = await self.start(flow_id, initial_state)
        assert reply.status == 201, reply.body
        return Chat(reply.body["session_token"], reply.body["csrf_token"], reply.body["session_id"], reply.body)

    async def interact(
        self,
        chat: Chat,
        value: Any,
        input_type: str | None = None,
        *,
        revision: int | None = None,
        idempotency_key: str | None = None,
        csrf: Any = _KEEP,
        token: str | None = None,
        raw: bytes | None = None,
    ) -> Reply:
        headers = self._csrf(chat, csrf)
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        path = f"/v1/chat/sessions/{token or chat.token}/interact"
        if raw is not None:
            return await self.call("POST", path, data=raw, headers={**headers, "Content-Type": "application/json"})
        body: dict[str, Any] = {"input": value}
        if input_type is not None:
            body["input_type"] = input_type
        if revision is not None:
            body["revision"] = revision
        reply = await self.call("POST", path, json=body, headers=headers)
        if reply.status == 200:
            chat.last = reply.body
        return reply

    async def session(self, token: str) -> Reply:
        return await self.call("GET", f"/v1/chat/sessions/{token}")

    async def history(self, token: str, **query: Any) -> Reply:
        return await self.call("GET", f"/v1/chat/sessions/{token}/history", params=query)

    async def end(self, chat: Chat, body: dict[str, Any] | None = None, *, csrf: Any = _KEEP) -> Reply:
        return await self.call("POST", f"/v1/chat/sessions/{chat.token}/end", json=body, headers=self._csrf(chat, csrf))

    async def patch_state(
        self, chat: Chat, updates: Any, *, revision: int | None = None, csrf: Any = _KEEP, raw: bytes | None = None
    ) -> Reply:
        headers = self._csrf(chat, csrf)
        path = f"/v1/chat/sessions/{chat.token}/state"
        if raw is not None:
            return await self.call("PATCH", path, data=raw, headers={**headers, "Content-Type": "application/json"})
        body: dict[str, Any] = {"updates": updates}
        if revision is not None:
            body["revision"] = revision
        return await self.call("PATCH", path, json=body, headers=headers)

    async def admin_sessions(self, bearer: str | None = None, **query: Any) -> Reply:
        return await self.call("GET", "/v1/chat/admin/sessions", params=query, headers=_bearer(bearer))

    async def admin_delete(self, session_id: str, bearer: str | None = None) -> Reply:
        return await self.call("DELETE", f"/v1/chat/admin/sessions/{session_id}", headers=_bearer(bearer))

    @staticmethod
    def _csrf(chat: Chat, csrf: Any) -> dict[str, str]:
        if csrf is _KEEP:
            return {CSRF_HEADER: chat.csrf}
        return {} if csrf is None else {CSRF_HEADER: str(csrf)}


def _bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


async def _reply(response: ClientResponse) -> Reply:
    text = await response.text()
    body: Any = None
    if text:
        try:
            body = await response.json(content_type=None)
        except ValueError:
            body = text
    cookies = {name: morsel.value for name, morsel in response.cookies.items()}
    return Reply(response.status, body, dict(response.headers), cookies)
