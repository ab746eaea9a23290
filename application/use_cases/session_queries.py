"""Read a session and its history by token (what the chat widget may see of itself)."""

from __future__ import annotations

from dataclasses import dataclass

from datetime import timedelta

from application.ports.clock import Clock
from application.ports.persistence import HistoryRecord, Page, UnitOfWorkFactory
from application.session_access import session_by_token
from domain.conversation.session import DEFAULT_IDLE_LIMIT, Session

MAX_PAGE = 200


@dataclass(frozen=True, slots=True)
class GetSession:
    token: str


@dataclass(frozen=True, slots=True)
class GetHistory:
    token: str
    offset: int = 0
    limit: int = 50


class GetSessionHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, clock: Clock, idle_limit: timedelta = DEFAULT_IDLE_LIMIT) -> None:
        self._uow = uow
        self._clock = clock
        self._idle_limit = idle_limit

    async def __call__(self, query: GetSession) -> Session:
        async with self._uow() as uow:
            session, _ = await session_by_token(uow, query.token, self._clock.now(), self._idle_limit)
        return session


class GetHistoryHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, clock: Clock, idle_limit: timedelta = DEFAULT_IDLE_LIMIT) -> None:
        self._uow = uow
        self._clock = clock
        self._idle_limit = idle_limit

    async def __call__(self, query: GetHistory) -> Page[HistoryRecord]:
        async with self._uow() as uow:
            session, _ = await session_by_token(uow, query.token, self._clock.now(), self._idle_limit)
            return await uow.history.list(session.id, max(query.offset, 0), min(max(query.limit, 1), MAX_PAGE))
