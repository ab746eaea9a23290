"""``InProcessApiClient``: ``api_call`` actions answered inside this process when it can.

The platform endpoints a flow calls (``POST /v1/recommend`` ...) are use cases of this same
service, so calling them over HTTP would queue a request behind the very conversations that
wait for it. Endpoints registered here run in process; anything else goes to the remote
platform API when one is configured (``PLATFORM_API_URL``) and is otherwise refused at once
as "not found", so a flow takes its fallback path without a wasted round trip.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from application.ports.http import ApiClient
from domain.conversation.requests import CallApi, HttpOutcome

Endpoint = Callable[[CallApi], Awaitable[HttpOutcome]]

NOT_FOUND = 404


class InProcessApiClient:
    def __init__(self, endpoints: Mapping[tuple[str, str], Endpoint], remote: ApiClient | None = None) -> None:
        self._endpoints = {(method.upper(), _path(path)): endpoint for (method, path), endpoint in endpoints.items()}
        self._remote = remote

    async def call(self, request: CallApi) -> HttpOutcome:
        endpoint = self._endpoints.get((request.method.upper(), _path(request.endpoint)))
        if endpoint is not None:
            return await endpoint(request)
        if self._remote is not None:
            return await self._remote.call(request)
        return HttpOutcome(
            ok=False, status=NOT_FOUND, error=f"no platform API serves {request.method.upper()} {_path(request.endpoint)}"
        )


def _path(endpoint: str) -> str:
    return "/" + endpoint.split("?", 1)[0].strip("/")
