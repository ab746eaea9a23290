"""An in-process cache of published flow versions.

Published versions are immutable, so an entry never goes stale: a miss costs one query and a
hit none. Bounded, least recently used out first.
"""

from __future__ import annotations

from collections import OrderedDict
from uuid import UUID

from domain.flows.version import FlowVersion


class FlowVersionCache:
    def __init__(self, capacity: int = 1024) -> None:
        self._capacity = capacity
        self._versions: OrderedDict[UUID, FlowVersion] = OrderedDict()

    def get(self, version_id: UUID) -> FlowVersion | None:
        version = self._versions.get(version_id)
        if version is not None:
            self._versions.move_to_end(version_id)
        return version

    def remember(self, version: FlowVersion) -> FlowVersion:
        self._versions[version.id] = version
        self._versions.move_to_end(version.id)
        while len(self._versions) > self._capacity:
            self._versions.popitem(last=False)
        return version
