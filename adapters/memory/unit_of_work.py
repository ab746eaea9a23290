"""InMemoryUnitOfWork: stages writes and applies them all at commit, or none of them.

Staged changes run in order at commit against a copy-on-failure snapshot, so a conflict in the
middle (a stale revision) leaves the store exactly as it was.
"""

from __future__ import annotations

import copy
from types import TracebackType
from typing import Callable, Self

from adapters.memory.content import InMemoryContentRepository
from adapters.memory.flows import InMemoryFlowRepository
from adapters.memory.sessions import InMemoryHistoryRepository, InMemorySessionRepository
from adapters.memory.store import InMemoryStore
from adapters.memory.tenancy import InMemorySchoolRepository, InMemoryThemeRepository


class InMemoryUnitOfWork:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._staged: list[Callable[[], None]] = []
        self.sessions = InMemorySessionRepository(store, self._staged.append)
        self.history = InMemoryHistoryRepository(store)
        self.flows = InMemoryFlowRepository(store, self._staged.append)
        self.content = InMemoryContentRepository(store)
        self.schools = InMemorySchoolRepository(store)
        self.themes = InMemoryThemeRepository(store)

    async def __aenter__(self) -> Self:
        self._staged.clear()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._staged.clear()

    async def commit(self) -> None:
        if not self._staged:
            return
        before = {name: copy.copy(getattr(self._store, name)) for name in ("sessions", "history", "replies", "flows", "versions")}
        history_lists = {key: list(value) for key, value in self._store.history.items()}
        try:
            for apply in self._staged:
                apply()
        except Exception:
            for name, value in before.items():
                setattr(self._store, name, value)
            self._store.history = history_lists
            raise
        finally:
            self._staged.clear()
        self._store.commits += 1


def in_memory_uow_factory(store: InMemoryStore) -> Callable[[], InMemoryUnitOfWork]:
    return lambda: InMemoryUnitOfWork(store)
