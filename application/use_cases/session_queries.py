"""Read a session and its history by token (what the chat widget may see of itself)."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports.persistence import HistoryRecord, Page, UnitOfWorkFactory
from domain.conversation.session import Session
from domain.errors import SessionNotFound

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
    def __init__(self, *, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: GetSession) -> Session:
        async with self._uow() as uow:
            session, _ = await uow.sessions.load_for_turn(query.token, None)
        if session is None:
            raise SessionNotFound("no conversation has this session token")
        return session


class GetHistoryHandler:
    def __init__(self, *, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: GetHistory) -> Page[HistoryRecord]:
        async with self._uow() as uow:
            session, _ = await uow.sessions.load_for_turn(query.token, None)
            if session is None:
                raise SessionNotFound("no conversation has this session token")
            return await uow.history.list(session.id, max(query.offset, 0), min(max(query.limit, 1), MAX_PAGE))
