"""In-memory flow drafts and their immutable published versions."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable
from uuid import UUID

from adapters.memory.store import InMemoryStore
from domain.errors import FlowNotFound
from domain.flows.definition import FlowDefinition
from domain.flows.version import FlowVersion

Stage = Callable[[Callable[[], None]], None]


class InMemoryFlowRepository:
    def __init__(self, store: InMemoryStore, stage: Stage) -> None:
        self._store = store
        self._stage = stage

    async def get(self, flow_id: UUID) -> FlowDefinition | None:
        return self._store.flows.get(flow_id)

    async def get_by_seed_key(self, seed_key: str) -> FlowDefinition | None:
        return next((f for f in self._store.flows.values() if f.seed_key == seed_key), None)

    async def published_version(self, key: str) -> FlowVersion | None:
        flow = self._by_key(key)
        if flow is None or not (flow.is_active and flow.is_published) or flow.current_version_id is None:
            return None
        return self._store.versions.get(flow.current_version_id)

    async def published_version_id(self, key: str) -> UUID | None:
        version = await self.published_version(key)
        return version.id if version else None

    async def version(self, version_id: UUID) -> FlowVersion | None:
        return self._store.versions.get(version_id)

    async def next_version_number(self, flow_id: UUID) -> int:
        numbers = [v.number for v in self._store.versions.values() if v.flow_id == flow_id]
        return max(numbers, default=0) + 1

    async def known_keys(self) -> set[str]:
        keys = {str(flow_id) for flow_id in self._store.flows}
        return keys | {f.seed_key for f in self._store.flows.values() if f.seed_key}

    def add(self, flow: FlowDefinition) -> None:
        self._stage(lambda: self._store.flows.__setitem__(flow.id, flow))

    def replace(self, flow: FlowDefinition) -> None:
        def apply() -> None:
            if flow.id not in self._store.flows:
                raise FlowNotFound(f"flow {flow.id} does not exist")
            self._store.flows[flow.id] = flow

        self._stage(apply)

    def add_version(self, version: FlowVersion, published_by: UUID | None) -> None:
        def apply() -> None:
            self._store.versions[version.id] = version
            flow = self._store.flows[version.flow_id]
            self._store.flows[flow.id] = replace(
                flow, current_version_id=version.id, is_published=True, published_at=version.published_at
            )

        self._stage(apply)

    def _by_key(self, key: str) -> FlowDefinition | None:
        for flow in self._store.flows.values():
            if str(flow.id) == key or flow.seed_key == key:
                return flow
        return None
