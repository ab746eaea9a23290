"""Start a conversation on the published version of a flow and run its first turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping
from uuid import UUID, uuid4

from application.flow_runner import FlowRunner
from application.ports.clock import Clock
from application.ports.persistence import UnitOfWork, UnitOfWorkFactory
from application.ports.randomness import RandomSource
from domain.conversation.client_state import check_initial_state, check_size
from domain.conversation.interpreter import Interpreter
from domain.conversation.session import Session, SessionStatus, school_of, state_hash
from domain.conversation.turn import Turn
from domain.errors import FieldError, Forbidden, ValidationFailed
from domain.flows.version import FlowVersion
from domain.tenancy.identity import Identity
from domain.themes.theme import Theme, first_theme


@dataclass(frozen=True, slots=True)
class StartSession:
    flow: str
    initial_state: Mapping[str, Any] = field(default_factory=dict)
    user_id: UUID | None = None
    identity: Identity | None = None


@dataclass(frozen=True, slots=True)
class StartedSession:
    session: Session
    turn: Turn
    flow_name: str
    theme: Theme | None


class StartSessionHandler:
    def __init__(
        self, *, uow: UnitOfWorkFactory, runner: FlowRunner, interpreter: Interpreter, clock: Clock, random: RandomSource
    ) -> None:
        self._uow = uow
        self._runner = runner
        self._interpreter = interpreter
        self._clock = clock
        self._random = random

    async def __call__(self, command: StartSession) -> StartedSession:
        scopes = check_initial_state(command.initial_state)
        user_id = _user_of(command)
        now = self._clock.now()
        async with self._uow() as uow:
            version = await self._runner.published(uow.flows, command.flow)
            context = await _context(uow, scopes.get("context", {}), command.identity)
            school_id = school_of({"context": context})
            session_id = uuid4()
            user = dict(scopes.get("user", {}))
            if user_id is not None:
                user.setdefault("id", str(user_id))
            state = {
                "user": user,
                "context": context,
                "temp": scopes.get("temp", {}),
                "variables": scopes.get("variables", {}),
                "session": {"id": str(session_id), "flow_id": str(version.flow_id), "started_at": now.isoformat()},
                "system": {"rng": {"seed": self._random.seed(), "draws": 0}},
            }
            check_size(state, "initial_state")
            turn = await self._runner.run(self._interpreter.start(version, state, now), uow, school_id)
            session = Session(
                id=session_id,
                token=self._random.token(),
                flow_id=version.flow_id,
                flow_version_id=version.id,
                user_id=user_id,
                current_node_id=turn.current_node_id,
                state=turn.state,
                status=SessionStatus.COMPLETED if turn.session_ended else SessionStatus.ACTIVE,
                revision=1,
                state_hash=state_hash(turn.state),
                started_at=now,
                last_activity_at=now,
                ended_at=now if turn.session_ended else None,
            )
            uow.sessions.add(session, turn.history)
            theme = await _theme(uow, version, school_id)
            await uow.commit()
        return StartedSession(session=session, turn=turn, flow_name=version.name, theme=theme)


def _user_of(command: StartSession) -> UUID | None:
    identity = command.identity
    if command.user_id is None:
        return identity.user_id if identity else None
    if identity is not None and (identity.user_id == command.user_id or identity.is_admin):
        return command.user_id
    raise Forbidden(
        "only that user or an administrator may start a session for a user",
        [FieldError("user_id", "does not match the caller")],
    )


async def _context(uow: UnitOfWork, given: Mapping[str, Any], identity: Identity | None) -> dict[str, Any]:
    """The caller's context, completed with the school's id and name when a school is known."""
    context = dict(given)
    if identity is not None and identity.school_id is not None:
        context["school_wriveted_id"] = str(identity.school_id)
    raw_school = context.get("school_wriveted_id")
    if raw_school:
        school_id = school_of({"context": context})
        if school_id is None:
            raise ValidationFailed(
                "the school id is not a UUID",
                [FieldError("initial_state.context.school_wriveted_id", "must be a UUID")],
            )
        school = await uow.schools.by_wriveted_id(school_id)
        if school is None:
            raise ValidationFailed(
                "no such school", [FieldError("initial_state.context.school_wriveted_id", "no school has this id")]
            )
        context["school_name"] = school.name
    return context


async def _theme(uow: UnitOfWork, version: FlowVersion, school_id: UUID | None) -> Theme | None:
    flow_theme = await uow.themes.get(version.theme_id) if version.theme_id else None
    school_theme = await uow.themes.school_default(school_id) if school_id and flow_theme is None else None
    fallback = await uow.themes.global_default() if flow_theme is None and school_theme is None else None
    return first_theme([flow_theme, school_theme, fallback])
