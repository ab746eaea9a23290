"""FlowRunner: drives the pure interpreter, answering its requests with the ports.

The interpreter yields what it needs (a sub-flow, content, an HTTP call); the runner performs it
and sends the answer back, until the interpreter returns the Turn.
"""

from __future__ import annotations

from typing import Any, Generator
from uuid import UUID

from application.flow_cache import FlowVersionCache
from application.ports.http import ApiClient, WebhookClient
from application.ports.persistence import FlowRepository, UnitOfWork
from domain.conversation.requests import CallApi, CallWebhook, FetchContent, FindContent, LoadFlow, Request
from domain.conversation.turn import Turn
from domain.errors import FlowNotFound, FlowRuntimeError
from domain.flows.version import FlowVersion

# A random pick draws from at most this many candidates; pools are small in practice.
CANDIDATE_LIMIT = 200


class FlowRunner:
    def __init__(self, *, cache: FlowVersionCache, api: ApiClient, webhooks: WebhookClient) -> None:
        self._cache = cache
        self._api = api
        self._webhooks = webhooks

    async def run(self, walking: Generator[Request, Any, Turn], uow: UnitOfWork, school_id: UUID | None) -> Turn:
        try:
            request = next(walking)
            while True:
                answer = await self._fulfil(request, uow, school_id)
                request = walking.send(answer)
        except StopIteration as finished:
            return finished.value

    async def version(self, flows: FlowRepository, version_id: UUID) -> FlowVersion:
        cached = self._cache.get(version_id)
        if cached is not None:
            return cached
        version = await flows.version(version_id)
        if version is None:
            raise FlowNotFound(f"flow version {version_id} does not exist")
        return self._cache.remember(version)

    async def published(self, flows: FlowRepository, key: str) -> FlowVersion:
        """The current published version of a flow by id or seed key.

        Which version is current moves with publishing, so that is always read (one small
        query); the version itself is immutable and comes from the cache when it can.
        """
        version_id = await flows.published_version_id(key)
        if version_id is None:
            raise FlowNotFound(f"no published flow answers to {key!r}")
        return await self.version(flows, version_id)

    async def _fulfil(self, request: Request, uow: UnitOfWork, school_id: UUID | None) -> Any:
        if isinstance(request, LoadFlow):
            return await self._sub_flow(request, uow)
        if isinstance(request, FetchContent):
            return await uow.content.get_published(request.content_id, school_id)
        if isinstance(request, FindContent):
            return await uow.content.find_published(request, school_id, CANDIDATE_LIMIT)
        if isinstance(request, CallApi):
            return await self._api.call(request)
        if isinstance(request, CallWebhook):
            return await self._webhooks.call(request)
        raise FlowRuntimeError(f"the interpreter asked for something unknown: {request!r}")

    async def _sub_flow(self, request: LoadFlow, uow: UnitOfWork) -> FlowVersion:
        try:
            if request.version_id is not None:
                return await self.version(uow.flows, request.version_id)
            return await self.published(uow.flows, request.key)
        except FlowNotFound as missing:
            raise FlowRuntimeError(f"composite sub-flow {request.key!r} is not available: {missing.message}") from None
