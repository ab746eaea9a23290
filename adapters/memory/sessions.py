"""In-memory sessions and history, with the same revision rule as the real database."""

from __future__ import annotations

from datetime import datetime
from typing import Callable, Sequence
from uuid import UUID, uuid4

from adapters.memory.store import InMemoryStore
from application.ports.persistence import REPLY_LIFETIME, HistoryRecord, Page, SessionFilter, StoredReply
from domain.conversation.session import Session
from domain.conversation.turn import HistoryEntry
from domain.errors import Conflict, StaleRevision

Stage = Callable[[Callable[[], None]], None]


def reply_key(session_id: UUID, key: str) -> str:
    return f"interact:{session_id}:{key}"


class InMemorySessionRepository:
    def __init__(self, store: InMemoryStore, stage: Stage) -> None:
        self._store = store
        self._stage = stage

    async def load_for_turn(self, token: str, idempotency_key: str | None) -> tuple[Session | None, StoredReply | None]:
        session = next((s for s in self._store.sessions.values() if s.token == token), None)
        if session is None or idempotency_key is None:
            return session, None
        body = self._store.replies.get(reply_key(session.id, idempotency_key))
        return session, StoredReply(idempotency_key, body) if body is not None else None

    async def get(self, session_id: UUID) -> Session | None:
        return self._store.sessions.get(session_id)

    async def current_revision(self, session_id: UUID) -> int | None:
        session = self._store.sessions.get(session_id)
        return session.revision if session else None

    def add(self, session: Session, history: Sequence[HistoryEntry]) -> None:
        def apply() -> None:
            if any(s.token == session.token for s in self._store.sessions.values()):
                raise Conflict("a session with this token exists")
            self._store.sessions[session.id] = session
            self._append_history(session, history)

        self._stage(apply)

    def save(
        self,
        session: Session,
        expected_revision: int,
        history: Sequence[HistoryEntry] = (),
        reply: StoredReply | None = None,
    ) -> None:
        def apply() -> None:
            current = self._store.sessions.get(session.id)
            if current is None or current.revision != expected_revision:
                raise StaleRevision("the session moved on", current.revision if current else 0)
            if reply is not None:
                key = reply_key(session.id, reply.key)
                if key in self._store.replies:
                    raise StaleRevision("this request was already applied", current.revision)
                self._store.replies[key] = dict(reply.body)
                self._store.reply_expiry[key] = session.last_activity_at + REPLY_LIFETIME
            self._store.sessions[session.id] = session
            self._append_history(session, history)

        self._stage(apply)

    def delete(self, session_id: UUID) -> None:
        def apply() -> None:
            self._store.sessions.pop(session_id, None)
            self._store.history.pop(session_id, None)
            prefix = reply_key(session_id, "")
            for key in [k for k in self._store.replies if k.startswith(prefix)]:
                del self._store.replies[key]
                self._store.reply_expiry.pop(key, None)

        self._stage(apply)

    async def list(self, filters: SessionFilter, offset: int, limit: int) -> Page[Session]:
        matching = [s for s in self._store.sessions.values() if _matches(s, filters)]
        matching.sort(key=lambda s: (s.started_at, str(s.id)), reverse=True)
        return Page(matching[offset : offset + limit], len(matching), offset, limit)

    async def forget_expired_replies(self, moment: datetime, limit: int) -> int:
        expired = sorted((at, key) for key, at in self._store.reply_expiry.items() if at <= moment)[:limit]
        for _, key in expired:
            del self._store.replies[key]
            del self._store.reply_expiry[key]
        return len(expired)

    def _append_history(self, session: Session, history: Sequence[HistoryEntry]) -> None:
        records = self._store.history.setdefault(session.id, [])
        for entry in history:
            records.append(
                HistoryRecord(uuid4(), session.id, entry.node_id, entry.kind.value, dict(entry.content), session.last_activity_at)
            )


def _matches(session: Session, filters: SessionFilter) -> bool:
    return (
        (filters.flow_id is None or session.flow_id == filters.flow_id)
        and (filters.user_id is None or session.user_id == filters.user_id)
        and (filters.status is None or session.status == filters.status)
        and (filters.school_id is None or session.school_id == filters.school_id)
    )


class InMemoryHistoryRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    async def list(self, session_id: UUID, offset: int, limit: int) -> Page[HistoryRecord]:
        records = self._store.history.get(session_id, [])
        return Page(records[offset : offset + limit], len(records), offset, limit)

