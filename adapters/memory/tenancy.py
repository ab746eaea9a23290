"""In-memory schools and themes."""

from __future__ import annotations

from uuid import UUID

from adapters.memory.store import InMemoryStore
from domain.tenancy.school import School
from domain.themes.theme import Theme


class InMemorySchoolRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    async def by_wriveted_id(self, wriveted_identifier: UUID) -> School | None:
        return next((s for s in self._store.schools.values() if s.wriveted_identifier == wriveted_identifier), None)


class InMemoryThemeRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    async def get(self, theme_id: UUID) -> Theme | None:
        return self._store.themes.get(theme_id)

    async def school_default(self, wriveted_identifier: UUID) -> Theme | None:
        school = next((s for s in self._store.schools.values() if s.wriveted_identifier == wriveted_identifier), None)
        if school is None or school.default_theme_id is None:
            return None
        return self._store.themes.get(school.default_theme_id)

    async def global_default(self) -> Theme | None:
        return next((t for t in self._store.themes.values() if t.is_default and t.school_id is None), None)
