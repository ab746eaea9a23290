"""Persistence ports: the unit of work and the repositories it hands out.

A unit of work writes nothing until ``commit``; leaving it without commit discards every staged
write. Repositories never commit. Reads happen at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Generic, Mapping, Protocol, Self, Sequence, TypeVar
from uuid import UUID

from domain.conversation.requests import ContentItem, FindContent
from domain.conversation.session import Session, SessionStatus
from domain.conversation.turn import HistoryEntry
from domain.flows.definition import FlowDefinition
from domain.flows.version import FlowVersion
from domain.tenancy.school import School
from domain.themes.theme import Theme


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    id: UUID
    session_id: UUID
    node_id: str
    kind: str
    content: Mapping[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SessionFilter:
    flow_id: UUID | None = None
    user_id: UUID | None = None
    status: SessionStatus | None = None
    school_id: UUID | None = None


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    offset: int = 0
    limit: int = 50


# How long a stored reply answers replays, counted from the turn that stored it: a day, the
# window in which a widget's retry is plausible. Then it may be forgotten (forget_replies).
REPLY_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class StoredReply:
    """The reply of an interact kept under its Idempotency-Key, to answer a replay with."""

    key: str
    body: Mapping[str, Any] = field(default_factory=dict)


class SessionRepository(Protocol):
    async def load_for_turn(self, token: str, idempotency_key: str | None) -> tuple[Session | None, StoredReply | None]:
        """The session by token and, when a key is given, the reply stored under it (one read)."""
        ...

    async def get(self, session_id: UUID) -> Session | None: ...

    async def current_revision(self, session_id: UUID) -> int | None: ...

    def add(self, session: Session, history: Sequence[HistoryEntry]) -> None:
        """Stage a new session with its first turn's history."""
        ...

    def save(
        self,
        session: Session,
        expected_revision: int,
        history: Sequence[HistoryEntry] = (),
        reply: StoredReply | None = None,
    ) -> None:
        """Stage the session's new revision; at commit, 0 rows matched raise StaleRevision."""
        ...

    def delete(self, session_id: UUID) -> None: ...

    async def list(self, filters: SessionFilter, offset: int, limit: int) -> Page[Session]: ...

    async def forget_expired_replies(self, moment: datetime, limit: int) -> int:
        """Delete at most ``limit`` stored replies whose lifetime was over by ``moment``; how many.

        Runs at once rather than at commit: housekeeping, one atomic statement per batch,
        whose count is the caller's progress.
        """
        ...


class HistoryRepository(Protocol):
    async def list(self, session_id: UUID, offset: int, limit: int) -> Page[HistoryRecord]: ...


class FlowRepository(Protocol):
    async def get(self, flow_id: UUID) -> FlowDefinition | None: ...

    async def get_by_seed_key(self, seed_key: str) -> FlowDefinition | None: ...

    async def published_version(self, key: str) -> FlowVersion | None:
        """The current published version of the active flow with this id or seed key."""
        ...

    async def published_version_id(self, key: str) -> UUID | None:
        """Only the id of that version: a cheap read when the version itself is cached."""
        ...

    async def version(self, version_id: UUID) -> FlowVersion | None: ...

    async def next_version_number(self, flow_id: UUID) -> int: ...

    async def known_keys(self) -> set[str]:
        """Every flow id and seed key that could serve as a composite target."""
        ...

    def add(self, flow: FlowDefinition) -> None: ...

    def replace(self, flow: FlowDefinition) -> None:
        """Stage the flow's new draft (its nodes and connections replace the old ones)."""
        ...

    def add_version(self, version: FlowVersion, published_by: UUID | None) -> None:
        """Stage an immutable version and make it the flow's published one."""
        ...


class ContentRepository(Protocol):
    async def get_published(self, content_id: str, school_id: UUID | None) -> ContentItem | None: ...

    async def find_published(self, query: FindContent, school_id: UUID | None, limit: int) -> list[ContentItem]: ...


class SchoolRepository(Protocol):
    async def by_wriveted_id(self, wriveted_identifier: UUID) -> School | None: ...


class ThemeRepository(Protocol):
    async def get(self, theme_id: UUID) -> Theme | None: ...

    async def school_default(self, wriveted_identifier: UUID) -> Theme | None: ...

    async def global_default(self) -> Theme | None: ...


class UnitOfWork(Protocol):
    sessions: SessionRepository
    history: HistoryRepository
    flows: FlowRepository
    content: ContentRepository
    schools: SchoolRepository
    themes: ThemeRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...
