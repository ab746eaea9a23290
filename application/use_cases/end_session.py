"""End a conversation before (or after) its flow finishes; it takes no more input after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from application.ports.clock import Clock
from application.ports.persistence import UnitOfWorkFactory
from application.session_access import session_by_token
from domain.conversation.session import DEFAULT_IDLE_LIMIT, Session, SessionStatus
from domain.errors import FieldError, SessionEnded, ValidationFailed


@dataclass(frozen=True, slots=True)
class EndSession:
    token: str
    status: SessionStatus = SessionStatus.COMPLETED


class EndSessionHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, clock: Clock, idle_limit: timedelta = DEFAULT_IDLE_LIMIT) -> None:
        self._uow = uow
        self._clock = clock
        self._idle_limit = idle_limit

    async def __call__(self, command: EndSession) -> Session:
        if command.status is SessionStatus.ACTIVE:
            raise ValidationFailed("a session ends as completed or abandoned", [FieldError("status", "may not be active")])
        now = self._clock.now()
        async with self._uow() as uow:
            session, _ = await session_by_token(uow, command.token, now, self._idle_limit)
            if not session.is_active:
                raise SessionEnded(f"this conversation has already ended ({session.status.value})")
            ended = session.ended(command.status, now)
            uow.sessions.save(ended, session.revision)
            await uow.commit()
        return ended
