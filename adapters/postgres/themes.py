"""PostgresThemeRepository: chat themes, and the two defaults of theme inheritance."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from adapters.postgres.rows import theme_from_row
from adapters.postgres.staging import Reads
from adapters.postgres.tables import chat_themes as themes_table
from adapters.postgres.tables import schools as schools_table
from domain.themes.theme import Theme

_UUID = PG_UUID(as_uuid=True)
_THEMES = select(
    themes_table.c.id,
    themes_table.c.name,
    themes_table.c.config,
    themes_table.c.description,
    themes_table.c.logo_url,
    themes_table.c.avatar_url,
    themes_table.c.school_id,
    themes_table.c.is_default,
)
_BY_ID = _THEMES.where(themes_table.c.id == bindparam("id", type_=_UUID))
_SCHOOL_DEFAULT = _THEMES.join_from(
    themes_table, schools_table, schools_table.c.default_theme_id == themes_table.c.id
).where(schools_table.c.wriveted_identifier == bindparam("wriveted_id", type_=_UUID))
# A partial unique index keeps this to at most one row.
_GLOBAL_DEFAULT = _THEMES.where(themes_table.c.is_default, themes_table.c.school_id.is_(None))


class PostgresThemeRepository:
    def __init__(self, reads: Reads) -> None:
        self._reads = reads

    async def get(self, theme_id: UUID) -> Theme | None:
        row = await self._reads.first(_BY_ID, {"id": theme_id})
        return theme_from_row(row) if row else None

    async def school_default(self, wriveted_identifier: UUID) -> Theme | None:
        row = await self._reads.first(_SCHOOL_DEFAULT, {"wriveted_id": wriveted_identifier})
        return theme_from_row(row) if row else None

    async def global_default(self) -> Theme | None:
        row = await self._reads.first(_GLOBAL_DEFAULT)
        return theme_from_row(row) if row else None
