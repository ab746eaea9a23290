"""Administrators list and delete conversations (school admins only their school's)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.ports.persistence import Page, SessionFilter, UnitOfWorkFactory
from domain.conversation.session import Session
from domain.errors import Forbidden, SessionNotFound
from domain.tenancy.identity import Identity, Role

MAX_PAGE = 200


@dataclass(frozen=True, slots=True)
class ListSessions:
    identity: Identity
    filters: SessionFilter = SessionFilter()
    offset: int = 0
    limit: int = 50


@dataclass(frozen=True, slots=True)
class DeleteSession:
    identity: Identity
    session_id: UUID


def _require_admin(identity: Identity) -> None:
    if not identity.is_admin:
        raise Forbidden("only administrators may manage conversations")


def _scoped(identity: Identity, filters: SessionFilter) -> SessionFilter:
    if identity.role is Role.SCHOOL_ADMIN:
        return SessionFilter(filters.flow_id, filters.user_id, filters.status, identity.school_id)
    return filters


class ListSessionsHandler:
    def __init__(self, *, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: ListSessions) -> Page[Session]:
        _require_admin(query.identity)
        async with self._uow() as uow:
            return await uow.sessions.list(
                _scoped(query.identity, query.filters), max(query.offset, 0), min(max(query.limit, 1), MAX_PAGE)
            )


class DeleteSessionHandler:
    def __init__(self, *, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, command: DeleteSession) -> None:
        _require_admin(command.identity)
        async with self._uow() as uow:
            session = await uow.sessions.get(command.session_id)
            in_scope = session is not None and (
                command.identity.role is not Role.SCHOOL_ADMIN or session.school_id == command.identity.school_id
            )
            if not in_scope:
                raise SessionNotFound("no conversation has this id")
            uow.sessions.delete(command.session_id)
            await uow.commit()
