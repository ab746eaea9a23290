"""Finding a conversation by its token, as its holder may see it.

An unknown token and the token of a conversation idle past its limit are answered alike (not
found), so a token reveals nothing once it has lapsed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from application.ports.persistence import StoredReply, UnitOfWork
from domain.conversation.session import Session
from domain.errors import SessionNotFound


async def session_by_token(
    uow: UnitOfWork, token: str, now: datetime, idle_limit: timedelta, idempotency_key: str | None = None
) -> tuple[Session, StoredReply | None]:
    session, stored = await uow.sessions.load_for_turn(token, idempotency_key)
    if session is None or session.is_expired(now, idle_limit):
        raise SessionNotFound("no conversation has this session token")
    return session, stored
