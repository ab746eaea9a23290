"""Answer the waiting node of a session and run the flow to its next stop.

The hot path: one read of the session (with any reply stored under the Idempotency-Key), the
pinned flow version from the in-process cache, the pure interpreter, then one staged write that
applies only on the revision read. A replayed key returns the stored reply and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Mapping
from uuid import UUID

from application.flow_runner import FlowRunner
from application.ports.clock import Clock
from application.ports.persistence import StoredReply, UnitOfWorkFactory
from application.replies import conversation_reply
from application.session_access import session_by_token
from domain.conversation.client_state import check_size
from domain.conversation.interpreter import Interpreter, UserInput
from domain.conversation.session import DEFAULT_IDLE_LIMIT, Session
from domain.errors import SessionEnded, StaleRevision


@dataclass(frozen=True, slots=True)
class Interact:
    token: str
    input: Any
    input_type: str | None = None
    expected_revision: int | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class InteractResult:
    reply: Mapping[str, Any]
    session_id: UUID
    replayed: bool = False


class InteractHandler:
    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        runner: FlowRunner,
        interpreter: Interpreter,
        clock: Clock,
        idle_limit: timedelta = DEFAULT_IDLE_LIMIT,
    ) -> None:
        self._uow = uow
        self._runner = runner
        self._interpreter = interpreter
        self._clock = clock
        self._idle_limit = idle_limit

    async def __call__(self, command: Interact) -> InteractResult:
        now = self._clock.now()
        async with self._uow() as uow:
            session, stored = await session_by_token(
                uow, command.token, now, self._idle_limit, command.idempotency_key
            )
            if stored is not None:
                return InteractResult(reply=stored.body, session_id=session.id, replayed=True)
            _check_turn_allowed(session, command.expected_revision)
            version = await self._runner.version(uow.flows, session.flow_version_id)
            user_input = UserInput(command.input, command.input_type)
            walking = self._interpreter.resume(version, session.state, user_input, now)
            turn = await self._runner.run(walking, uow, session.school_id)
            if turn.rejected:
                return InteractResult(reply=conversation_reply(session, turn), session_id=session.id)
            encoded = check_size(turn.state, "input")
            updated = session.after(turn, now, encoded)
            reply = conversation_reply(updated, turn)
            stored_reply = StoredReply(command.idempotency_key, reply) if command.idempotency_key else None
            uow.sessions.save(updated, session.revision, turn.history, stored_reply)
            await uow.commit()
        return InteractResult(reply=reply, session_id=session.id)


def _check_turn_allowed(session: Session, expected_revision: int | None) -> None:
    if not session.is_active:
        raise SessionEnded(f"this conversation has ended ({session.status.value})")
    if expected_revision is not None and expected_revision != session.revision:
        raise StaleRevision(
            f"the conversation is at revision {session.revision}, not {expected_revision}", session.revision
        )

