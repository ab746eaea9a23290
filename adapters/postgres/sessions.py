"""PostgresSessionRepository: conversation sessions, read by token and written by revision.

The hot path is two statements. ``load_for_turn`` reads the session and any reply stored
under the request's Idempotency-Key in one SELECT. ``save`` stages one statement that updates
the session only on the revision the turn was computed from, and only then inserts the turn's
history rows and the idempotency record: data-modifying CTEs all read the UPDATE's RETURNING,
so when it matched no row nothing else is written either.

Those two are plain SQL sent on the asyncpg connection (see ``staging``), so each statement
costs asyncpg's work and no more; everything else goes through SQLAlchemy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
from sqlalchemy import Integer, String, Text, bindparam, cast, func, select
from sqlalchemy.dialects.postgresql import TIMESTAMP
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.postgres.errors import constraint_of
from adapters.postgres.json_values import to_json
from adapters.postgres.rows import session_from_columns, session_from_row
from adapters.postgres.sql import typed_sql
from adapters.postgres.staging import Reads, RevisionMismatch, Stage, Statement
from adapters.postgres.tables import conversation_sessions as sessions_table
from adapters.postgres.tables import session_status
from application.ports.persistence import REPLY_LIFETIME, Page, SessionFilter, StoredReply
from domain.conversation.session import Session
from domain.conversation.turn import HistoryEntry

# task_idempotency_records.idempotency_key is VARCHAR(255); "interact:<uuid>:" takes 46.
_MAX_KEY_SUFFIX = 200
_REPLY_KEY_CONSTRAINT = "task_idempotency_records_pkey"

_UUID = PG_UUID(as_uuid=True)
_TIME = TIMESTAMP(timezone=True)

_COLUMNS = [
    sessions_table.c.id,
    sessions_table.c.session_token,
    sessions_table.c.flow_id,
    sessions_table.c.flow_version_id,
    sessions_table.c.user_id,
    sessions_table.c.current_node_id,
    sessions_table.c.state,
    sessions_table.c.status,
    sessions_table.c.revision,
    sessions_table.c.state_hash,
    sessions_table.c.started_at,
    sessions_table.c.last_activity_at,
    sessions_table.c.ended_at,
    sessions_table.c.info,
]

# The hot-path reads, as SQL for asyncpg: $1 is the session token, $2 the reply key suffix.
_SESSION_COLUMNS = """
    s.id, s.session_token, s.flow_id, s.flow_version_id, s.user_id, s.current_node_id, s.state,
    s.status, s.revision, s.state_hash, s.started_at, s.last_activity_at, s.ended_at, s.info
"""
_BY_TOKEN = f"SELECT {_SESSION_COLUMNS} FROM conversation_sessions AS s WHERE s.session_token = $1::varchar"

# The stored reply rides along as a scalar subquery: still one round trip, and the primary
# key lookup costs nothing when the key is new.
_BY_TOKEN_WITH_REPLY = f"""
    SELECT {_SESSION_COLUMNS},
        (SELECT r.result_data FROM task_idempotency_records AS r
         WHERE r.idempotency_key = 'interact:' || CAST(s.id AS text) || ':' || $2::text
           AND r.status = 'completed') AS stored_reply
    FROM conversation_sessions AS s
    WHERE s.session_token = $1::varchar
"""

_BY_ID = select(*_COLUMNS).where(sessions_table.c.id == bindparam("id", type_=_UUID))
_REVISION = select(sessions_table.c.revision).where(sessions_table.c.id == bindparam("id", type_=_UUID))

_HISTORY_ROWS = """
    INSERT INTO conversation_history (session_id, seq, node_id, interaction_type, content, created_at)
    SELECT {source}.id, {first_seq} + entry.ord, entry.value ->> 'node_id',
           CAST(entry.value ->> 'kind' AS enum_interaction_type), entry.value -> 'content', {at}
    FROM {source}
    {joins}
    CROSS JOIN jsonb_array_elements(CAST({history} AS jsonb)) WITH ORDINALITY AS entry (value, ord)
"""

_INSERT = typed_sql(
    """
    WITH inserted AS (
        INSERT INTO conversation_sessions (
            id, user_id, flow_id, flow_version_id, session_token, current_node_id, state, info,
            started_at, last_activity_at, ended_at, status, revision, state_hash
        )
        VALUES (
            :id, :user_id, :flow_id, :flow_version_id, :token, :current_node_id,
            CAST(:state AS jsonb), CAST(:info AS jsonb), :started_at, :at, :ended_at,
            :status, :revision, :state_hash
        )
        RETURNING id
    )
    """
    + _HISTORY_ROWS.format(source="inserted", first_seq="0", joins="", at=":at", history=":history"),
    id=_UUID,
    user_id=_UUID,
    flow_id=_UUID,
    flow_version_id=_UUID,
    token=String,
    current_node_id=String,
    state=Text,
    info=Text,
    started_at=_TIME,
    at=_TIME,
    ended_at=_TIME,
    status=session_status,
    revision=Integer,
    state_hash=String,
    history=Text,
)

# The revision-checked save, as SQL for asyncpg; the parameters are _save_args' tuple.
_UPDATE = (
    """
    WITH updated AS (
        UPDATE conversation_sessions
        SET current_node_id = $1::varchar, state = CAST($2::text AS jsonb), info = CAST($3::text AS jsonb),
            status = $4::enum_conversation_session_status, revision = $5::integer, state_hash = $6::varchar,
            last_activity_at = $7::timestamptz, ended_at = $8::timestamptz
        WHERE id = $9::uuid AND revision = $10::integer
        RETURNING id
    ),
    history AS ("""
    + _HISTORY_ROWS.format(
        source="updated",
        first_seq="last.seq",
        joins="CROSS JOIN (SELECT coalesce(max(seq), 0) AS seq FROM conversation_history "
        "WHERE session_id = $9::uuid) AS last",
        at="$7::timestamptz",
        history="$11::text",
    )
    + """),
    reply AS (
        INSERT INTO task_idempotency_records (
            idempotency_key, status, session_id, node_id, session_revision, result_data, completed_at,
            expires_at
        )
        SELECT $12::varchar, 'completed', updated.id, coalesce($1::varchar, ''), $5::integer,
               CAST($13::text AS jsonb), $7::timestamptz, $7::timestamptz + $14::interval
        FROM updated
        WHERE $12::varchar IS NOT NULL
    )
    SELECT count(*) FROM updated
    """
)

# Oldest first, in batches; SKIP LOCKED lets two purges running at once (two deployments on one
# database) pass each other instead of queueing. Any expired idempotency record goes, whatever
# wrote it.
_FORGET_EXPIRED_REPLIES = """
    WITH expired AS (
        SELECT idempotency_key FROM task_idempotency_records
        WHERE expires_at <= $1::timestamptz
        ORDER BY expires_at
        LIMIT $2::integer
        FOR UPDATE SKIP LOCKED
    )
    DELETE FROM task_idempotency_records AS r USING expired WHERE r.idempotency_key = expired.idempotency_key
"""

_DELETE = typed_sql(
    """
    WITH replies AS (DELETE FROM task_idempotency_records WHERE session_id = :id)
    DELETE FROM conversation_sessions WHERE id = :id
    """,
    id=_UUID,
)


def reply_key_suffix(key: str) -> str:
    """The part of the record key after ``interact:<session id>:``; long keys are hashed to fit."""
    if len(key) <= _MAX_KEY_SUFFIX:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def _history_json(history: Sequence[HistoryEntry]) -> str:
    return to_json([{"node_id": e.node_id, "kind": e.kind.value, "content": e.content} for e in history])


def _session_params(session: Session) -> dict[str, Any]:
    return {
        "id": session.id,
        "current_node_id": session.current_node_id,
        "state": to_json(session.state),
        "info": to_json(session.info),
        "status": session.status.value,
        "revision": session.revision,
        "state_hash": session.state_hash,
        "at": session.last_activity_at,
        "ended_at": session.ended_at,
    }


def _save_args(
    session: Session, expected_revision: int, history: Sequence[HistoryEntry], reply: StoredReply | None
) -> tuple[Any, ...]:
    return (
        session.current_node_id,
        to_json(session.state),
        to_json(session.info),
        session.status.value,
        session.revision,
        session.state_hash,
        session.last_activity_at,
        session.ended_at,
        session.id,
        expected_revision,
        _history_json(history),
        f"interact:{session.id}:{reply_key_suffix(reply.key)}" if reply else None,
        to_json(reply.body) if reply else None,
        REPLY_LIFETIME,
    )


@dataclass(frozen=True, slots=True)
class _SaveSession:
    """The revision-checked update; zero rows matched means the session moved on.

    Sent on ``driver``, the asyncpg connection beneath the unit of work's ``connection``: alone
    it is one round trip, and inside the unit of work's transaction it is part of it.
    """

    session_id: UUID
    driver: asyncpg.Connection
    args: tuple[Any, ...]

    async def apply(self, connection: AsyncConnection) -> None:
        try:
            matched = await self.driver.fetchval(_UPDATE, *self.args)
        except asyncpg.IntegrityConstraintViolationError as error:
            # The same Idempotency-Key committed first (a replay racing its original): the
            # whole statement was undone, so report it like any lost race.
            if constraint_of(error) == _REPLY_KEY_CONSTRAINT:
                raise RevisionMismatch(self.session_id, "this request was already applied") from None
            raise
        if not matched:
            raise RevisionMismatch(self.session_id, "the conversation moved on since it was read")


class PostgresSessionRepository:
    def __init__(self, reads: Reads, stage: Stage) -> None:
        self._reads = reads
        self._stage = stage

    async def load_for_turn(self, token: str, idempotency_key: str | None) -> tuple[Session | None, StoredReply | None]:
        if idempotency_key is None:
            record = await self._reads.record(_BY_TOKEN, token)
            return (session_from_columns(record) if record else None), None
        record = await self._reads.record(_BY_TOKEN_WITH_REPLY, token, reply_key_suffix(idempotency_key))
        if record is None:
            return None, None
        stored_reply = record["stored_reply"]
        stored = StoredReply(idempotency_key, stored_reply) if stored_reply is not None else None
        return session_from_columns(record), stored

    async def get(self, session_id: UUID) -> Session | None:
        row = await self._reads.first(_BY_ID, {"id": session_id})
        return session_from_row(row) if row else None

    async def current_revision(self, session_id: UUID) -> int | None:
        return await self._reads.scalar(_REVISION, {"id": session_id})

    def add(self, session: Session, history: Sequence[HistoryEntry]) -> None:
        params = _session_params(session) | {
            "user_id": session.user_id,
            "flow_id": session.flow_id,
            "flow_version_id": session.flow_version_id,
            "token": session.token,
            "started_at": session.started_at,
            "history": _history_json(history),
        }
        self._stage(Statement(_INSERT, params))

    def save(
        self,
        session: Session,
        expected_revision: int,
        history: Sequence[HistoryEntry] = (),
        reply: StoredReply | None = None,
    ) -> None:
        self._stage(_SaveSession(session.id, self._reads.driver, _save_args(session, expected_revision, history, reply)))

    def delete(self, session_id: UUID) -> None:
        self._stage(Statement(_DELETE, {"id": session_id}))

    async def list(self, filters: SessionFilter, offset: int, limit: int) -> Page[Session]:
        conditions = []
        if filters.flow_id is not None:
            conditions.append(sessions_table.c.flow_id == filters.flow_id)
        if filters.user_id is not None:
            conditions.append(sessions_table.c.user_id == filters.user_id)
        if filters.status is not None:
            conditions.append(sessions_table.c.status == filters.status.value)
        if filters.school_id is not None:
            school = sessions_table.c.state[("context", "school_wriveted_id")].astext
            conditions.append(school == str(filters.school_id))
        total = func.count().over().label("total")
        query = (
            select(*_COLUMNS, total)
            .where(*conditions)
            .order_by(sessions_table.c.started_at.desc(), cast(sessions_table.c.id, Text).desc())
            .offset(offset)
            .limit(limit)
        )
        rows = await self._reads.rows(query)
        if rows:
            return Page([session_from_row(r) for r in rows], rows[0].total, offset, limit)
        # Past the last page the window count has no row to ride on; count on its own.
        counted = await self._reads.scalar(select(func.count()).select_from(sessions_table).where(*conditions))
        return Page([], counted or 0, offset, limit)

    async def forget_expired_replies(self, moment: datetime, limit: int) -> int:
        return await self._reads.count_changed(_FORGET_EXPIRED_REPLIES, moment, limit)
