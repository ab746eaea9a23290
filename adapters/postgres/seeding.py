"""Writers for seed data: schools, users, chat themes and CMS content, idempotently.

``chatbot seed`` and ``chatbot import-content`` load data sets in the fixtures' format
(``school``, ``users``, ``themes``, ``cms_content`` of a seed file). Every row is upserted
by its natural key (a school by its Wriveted identifier, a user by e-mail, a theme or a
content item by ``seed_key``), so loading the same file twice changes nothing, and a
changed file updates the rows it names. Each call is one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Table, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.errors import translated_errors
from adapters.postgres.tables import chat_themes, cms_content, flow_definitions, schools, users

# Content visible only to a school (or its staff) belongs to the seed's school.
_SCHOOL_SCOPED = frozenset({"school", "private"})


class PostgresSeeder:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def is_empty(self) -> bool:
        """True while the database holds no flow at all (a first run)."""
        async with self._engine.connect() as connection:
            count = await connection.scalar(select(func.count()).select_from(flow_definitions))
        return not count

    async def school(self, school: Mapping[str, Any]) -> UUID:
        """Upsert the school; return its Wriveted identifier."""
        wriveted_id = UUID(str(school["wriveted_identifier"]))
        values = {
            "wriveted_identifier": wriveted_id,
            "name": school["name"],
            "state": school.get("state", "active"),
            "bookbot_type": school.get("bookbot_type"),
            "info": dict(school.get("info") or {}),
        }
        statement = insert(schools).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=[schools.c.wriveted_identifier],
            set_={key: statement.excluded[key] for key in ("name", "state", "bookbot_type", "info")},
        )
        with translated_errors():
            async with self._engine.begin() as connection:
                await connection.execute(statement)
        return wriveted_id

    async def users(self, people: Sequence[Mapping[str, Any]], school_ids: Mapping[str, UUID]) -> dict[str, UUID]:
        """Upsert users by e-mail (with a fixed ``id`` when given); return ids by label."""
        ids: dict[str, UUID] = {}
        with translated_errors():
            async with self._engine.begin() as connection:
                for person in people:
                    values: dict[str, Any] = {
                        "email": person["email"],
                        "name": person["name"],
                        "role": person.get("type") or person.get("role") or "public_reader",
                        "school_id": school_ids.get(person.get("school_seed_key") or ""),
                        "info": {key: person[key] for key in ("username", "class_group") if key in person},
                    }
                    if person.get("id"):
                        values["id"] = UUID(str(person["id"]))
                    statement = insert(users).values(values)
                    statement = statement.on_conflict_do_update(
                        index_elements=[users.c.email],
                        set_={key: statement.excluded[key] for key in ("name", "role", "school_id", "info")},
                    ).returning(users.c.id)
                    ids[str(person.get("label") or person["email"])] = (await connection.execute(statement)).scalar_one()
        return ids

    async def theme(
        self, theme: Mapping[str, Any], *, school_id: UUID | None = None, default_for_everyone: bool = False
    ) -> UUID:
        """Upsert a theme by seed key; optionally make it the global default (if none is)."""
        values = {
            "seed_key": theme["seed_key"],
            "name": theme["name"],
            "description": theme.get("description"),
            "config": dict(theme.get("config") or {}),
            "logo_url": theme.get("logo_url"),
            "avatar_url": theme.get("avatar_url"),
            "school_id": school_id,
            "visibility": theme.get("visibility", "wriveted"),
        }
        changing = [key for key in values if key != "seed_key"]
        statement = insert(chat_themes).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=[chat_themes.c.seed_key],
            set_={key: statement.excluded[key] for key in changing} | {"updated_at": func.now()},
            where=_changed(chat_themes, statement.excluded, changing),
        )
        found = select(chat_themes.c.id).where(chat_themes.c.seed_key == theme["seed_key"])
        with translated_errors():
            async with self._engine.begin() as connection:
                await connection.execute(statement)
                theme_id: UUID = (await connection.execute(found)).scalar_one()
                if default_for_everyone and school_id is None:
                    existing = await connection.scalar(
                        select(chat_themes.c.id).where(chat_themes.c.is_default, chat_themes.c.school_id.is_(None))
                    )
                    if existing is None:
                        await connection.execute(
                            update(chat_themes).where(chat_themes.c.id == theme_id).values(is_default=True)
                        )
        return theme_id

    async def school_theme(self, wriveted_id: UUID, theme_id: UUID) -> None:
        with translated_errors():
            async with self._engine.begin() as connection:
                await connection.execute(
                    update(schools).where(schools.c.wriveted_identifier == wriveted_id).values(default_theme_id=theme_id)
                )

    async def content(self, items: Sequence[Mapping[str, Any]], school_id: UUID | None = None) -> int:
        """Upsert content items by seed key; return how many were written."""
        with translated_errors():
            async with self._engine.begin() as connection:
                for item in items:
                    visibility = item.get("visibility", "wriveted")
                    values = {
                        "seed_key": item["seed_key"],
                        "type": item["type"],
                        "content": dict(item["content"]),
                        "info": dict(item.get("info") or {}),
                        "tags": list(item.get("tags") or []),
                        "is_active": bool(item.get("is_active", True)),
                        "status": item.get("status", "published"),
                        "visibility": visibility,
                        "school_id": school_id if visibility in _SCHOOL_SCOPED else None,
                    }
                    changing = [key for key in values if key != "seed_key"]
                    statement = insert(cms_content).values(values)
                    statement = statement.on_conflict_do_update(
                        index_elements=[cms_content.c.seed_key],
                        set_={key: statement.excluded[key] for key in changing}
                        | {"updated_at": func.now(), "version": cms_content.c.version + 1},
                        where=_changed(cms_content, statement.excluded, changing),
                    )
                    await connection.execute(statement)
        return len(items)


def _changed(table: Table, excluded: Any, keys: Sequence[str]) -> ColumnElement[bool]:
    """Update only when a value differs, so reloading an unchanged file writes nothing."""
    return or_(*(table.c[key].is_distinct_from(excluded[key]) for key in keys))
