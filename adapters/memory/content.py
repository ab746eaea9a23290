"""In-memory CMS content, filtered by the same visibility and selection rules as PostgreSQL."""

from __future__ import annotations

from uuid import UUID

from adapters.memory.store import InMemoryStore, StoredContent
from domain.content.selection import info_matches, tags_overlap
from domain.conversation.requests import ContentItem, FindContent

_EVERYONE = ("wriveted", "public")


def visible_to(stored: StoredContent, school_id: UUID | None) -> bool:
    if stored.visibility in _EVERYONE:
        return True
    return school_id is not None and stored.school_id == school_id


class InMemoryContentRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    async def get_published(self, content_id: str, school_id: UUID | None) -> ContentItem | None:
        stored = self._store.content.get(content_id)
        if stored is None or not self._usable(stored, school_id):
            return None
        return stored.item

    async def find_published(self, query: FindContent, school_id: UUID | None, limit: int) -> list[ContentItem]:
        found = [
            stored.item
            for stored in self._store.content.values()
            if self._usable(stored, school_id)
            and stored.item.type == query.content_type
            and tags_overlap(stored.item.tags, query.tags)
            and info_matches(stored.item.info, query.info_filters)
            and stored.item.id not in query.exclude_ids
        ]
        return sorted(found, key=lambda item: item.id)[:limit]

    @staticmethod
    def _usable(stored: StoredContent, school_id: UUID | None) -> bool:
        return stored.status == "published" and stored.is_active and visible_to(stored, school_id)
