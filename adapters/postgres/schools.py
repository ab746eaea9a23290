"""PostgresSchoolRepository: schools by their Wriveted identifier."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from adapters.postgres.rows import school_from_row
from adapters.postgres.staging import Reads
from adapters.postgres.tables import schools as schools_table
from domain.tenancy.school import School

_BY_WRIVETED_ID = select(
    schools_table.c.id,
    schools_table.c.wriveted_identifier,
    schools_table.c.name,
    schools_table.c.default_theme_id,
    schools_table.c.info,
).where(schools_table.c.wriveted_identifier == bindparam("wriveted_id", type_=PG_UUID(as_uuid=True)))


class PostgresSchoolRepository:
    def __init__(self, reads: Reads) -> None:
        self._reads = reads

    async def by_wriveted_id(self, wriveted_identifier: UUID) -> School | None:
        row = await self._reads.first(_BY_WRIVETED_ID, {"wriveted_id": wriveted_identifier})
        return school_from_row(row) if row else None
