"""Change a session's variables from outside the flow (the widget or an integration)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Mapping

from application.ports.clock import Clock
from application.ports.persistence import UnitOfWorkFactory
from application.session_access import session_by_token
from domain.conversation.client_state import check_size, check_updates
from domain.conversation.paths import parse_path
from domain.conversation.session import DEFAULT_IDLE_LIMIT, Session
from domain.conversation.state import SessionState
from domain.errors import SessionEnded, StaleRevision


@dataclass(frozen=True, slots=True)
class PatchState:
    token: str
    updates: Mapping[str, Any] = field(default_factory=dict)
    expected_revision: int | None = None


class PatchStateHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, clock: Clock, idle_limit: timedelta = DEFAULT_IDLE_LIMIT) -> None:
        self._uow = uow
        self._clock = clock
        self._idle_limit = idle_limit

    async def __call__(self, command: PatchState) -> Session:
        updates = check_updates(command.updates)
        now = self._clock.now()
        async with self._uow() as uow:
            session, _ = await session_by_token(uow, command.token, now, self._idle_limit)
            if not session.is_active:
                raise SessionEnded(f"this conversation has ended ({session.status.value})")
            if command.expected_revision is not None and command.expected_revision != session.revision:
                raise StaleRevision(f"the conversation is at revision {session.revision}", session.revision)
            state = SessionState(session.state)
            for path, value in updates.items():
                scope, route = parse_path(path)
                if route:
                    state.set(path, value)
                else:
                    state.scope(scope).update(value)
            new_state = state.snapshot()
            check_size(new_state, "updates")
            updated = session.with_state(new_state, now)
            uow.sessions.save(updated, session.revision)
            await uow.commit()
        return updated
