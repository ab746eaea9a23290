"""PostgresHistoryRepository: a session's history, page by page in the order it happened."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from adapters.postgres.rows import history_record_from_row
from adapters.postgres.staging import Reads
from adapters.postgres.tables import conversation_history as history_table
from application.ports.persistence import HistoryRecord, Page

_OF_SESSION = history_table.c.session_id == bindparam("session_id", type_=PG_UUID(as_uuid=True))

_PAGE = (
    select(
        history_table.c.id,
        history_table.c.session_id,
        history_table.c.node_id,
        history_table.c.interaction_type,
        history_table.c.content,
        history_table.c.created_at,
        func.count().over().label("total"),
    )
    .where(_OF_SESSION)
    .order_by(history_table.c.seq)
    .offset(bindparam("offset"))
    .limit(bindparam("limit"))
)
_COUNT = select(func.count()).select_from(history_table).where(_OF_SESSION)


class PostgresHistoryRepository:
    def __init__(self, reads: Reads) -> None:
        self._reads = reads

    async def list(self, session_id: UUID, offset: int, limit: int) -> Page[HistoryRecord]:
        params = {"session_id": session_id, "offset": offset, "limit": limit}
        rows = await self._reads.rows(_PAGE, params)
        if rows:
            return Page([history_record_from_row(r) for r in rows], rows[0].total, offset, limit)
        total = await self._reads.scalar(_COUNT, {"session_id": session_id})
        return Page([], total or 0, offset, limit)
