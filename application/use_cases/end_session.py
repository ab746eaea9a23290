"""End a conversation before (or after) its flow finishes; it takes no more input after."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports.clock import Clock
from application.ports.persistence import UnitOfWorkFactory
from domain.conversation.session import Session, SessionStatus
from domain.errors import FieldError, SessionEnded, SessionNotFound, ValidationFailed


@dataclass(frozen=True, slots=True)
class EndSession:
    token: str
    status: SessionStatus = SessionStatus.COMPLETED


class EndSessionHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, command: EndSession) -> Session:
        if command.status is SessionStatus.ACTIVE:
            raise ValidationFailed("a session ends as completed or abandoned", [FieldError("status", "may not be active")])
        async with self._uow() as uow:
            session, _ = await uow.sessions.load_for_turn(command.token, None)
            if session is None:
                raise SessionNotFound("no conversation has this session token")
            if not session.is_active:
                raise SessionEnded(f"this conversation has already ended ({session.status.value})")
            ended = session.ended(command.status, self._clock.now())
            uow.sessions.save(ended, session.revision)
            await uow.commit()
        return ended
