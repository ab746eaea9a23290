"""The two persistence backends the contract runs on, behind one seeding interface.

The assertions speak only the ports (``UnitOfWork`` and its repositories). Schools, themes and
content have no writing port yet, so each backend seeds them its own way: plain inserts in
PostgreSQL, records in the memory store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol
from uuid import UUID, uuid4

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.store import InMemoryStore, StoredContent
from adapters.memory.unit_of_work import in_memory_uow_factory
from adapters.postgres.tables import chat_themes, cms_content, schools
from adapters.postgres.unit_of_work import PostgresUnitOfWorkFactory
from application.ports.persistence import UnitOfWork
from domain.conversation.requests import ContentItem
from domain.tenancy.school import School
from domain.themes.theme import Theme


class Backend(Protocol):
    uow: Callable[[], UnitOfWork]

    async def school(self, name: str, default_theme_id: UUID | None = None) -> UUID: ...

    async def theme(self, name: str, is_default: bool = False, school_id: UUID | None = None) -> UUID: ...

    async def content(
        self,
        type_: str,
        tags: Sequence[str] = (),
        info: Mapping[str, Any] | None = None,
        status: str = "published",
        is_active: bool = True,
        visibility: str = "wriveted",
        school_id: UUID | None = None,
    ) -> str: ...


class MemoryBackend:
    def __init__(self) -> None:
        self.store = InMemoryStore()
        self.uow = in_memory_uow_factory(self.store)

    async def school(self, name: str, default_theme_id: UUID | None = None) -> UUID:
        record = School(id=uuid4(), wriveted_identifier=uuid4(), name=name, default_theme_id=default_theme_id)
        self.store.schools[record.id] = record
        return record.wriveted_identifier

    async def theme(self, name: str, is_default: bool = False, school_id: UUID | None = None) -> UUID:
        record = Theme(id=uuid4(), name=name, config={"name": name}, is_default=is_default, school_id=school_id)
        self.store.themes[record.id] = record
        return record.id

    async def content(self, type_: str, tags: Sequence[str] = (), info: Mapping[str, Any] | None = None,
                      status: str = "published", is_active: bool = True, visibility: str = "wriveted",
                      school_id: UUID | None = None) -> str:
        item = ContentItem(id=str(uuid4()), type=type_, content={"text": type_}, tags=tuple(tags), info=dict(info or {}))
        self.store.content[item.id] = StoredContent(item, status, is_active, visibility, school_id)
        return item.id


class PostgresBackend:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self.uow = PostgresUnitOfWorkFactory(engine)

    async def school(self, name: str, default_theme_id: UUID | None = None) -> UUID:
        wriveted_id = uuid4()
        await self._insert(schools, name=name, wriveted_identifier=wriveted_id, default_theme_id=default_theme_id)
        return wriveted_id

    async def theme(self, name: str, is_default: bool = False, school_id: UUID | None = None) -> UUID:
        theme_id = uuid4()
        await self._insert(chat_themes, id=theme_id, name=name, config={"name": name}, is_default=is_default,
                           school_id=school_id)
        return theme_id

    async def content(self, type_: str, tags: Sequence[str] = (), info: Mapping[str, Any] | None = None,
                      status: str = "published", is_active: bool = True, visibility: str = "wriveted",
                      school_id: UUID | None = None) -> str:
        content_id = uuid4()
        await self._insert(cms_content, id=content_id, type=type_, content={"text": type_}, tags=list(tags),
                           info=dict(info or {}), status=status, is_active=is_active, visibility=visibility,
                           school_id=school_id)
        return str(content_id)

    async def _insert(self, table: Any, **values: Any) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(insert(table).values(**values))
