"""Session: one child's conversation with one published flow version.

The revision counts committed turns; a turn applies only on the revision it was computed from
(optimistic concurrency). ``state_hash`` is the base64 SHA-256 of the canonical JSON state
(44 characters), so any change to the state is visible in one column.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Mapping
from uuid import UUID

import orjson

from domain.conversation.turn import Turn

MAX_STATE_BYTES = 1_000_000
# A conversation idle longer than this is over for its token holder (the chat cookies' Max-Age).
DEFAULT_IDLE_LIMIT = timedelta(hours=8)


class SessionStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


# Sorted keys and no spaces, so equal states encode to equal bytes. orjson is several times
# faster than json here, and every turn measures and hashes its state; json takes over for what
# orjson refuses (integers beyond 64 bits). Both write UTF-8 as is and other values as str().
_CANONICAL = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def canonical_bytes(value: Any) -> bytes:
    try:
        return orjson.dumps(value, default=str, option=_CANONICAL)
    except orjson.JSONEncodeError:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def school_of(state: Mapping[str, Any]) -> UUID | None:
    """The school a conversation runs for, from ``context.school_wriveted_id`` when valid."""
    raw = (state.get("context") or {}).get("school_wriveted_id")
    try:
        return UUID(str(raw)) if raw else None
    except ValueError:
        return None


def encode_state(state: Mapping[str, Any]) -> bytes:
    """The canonical bytes of a state: what its size limit and its hash are measured on."""
    return canonical_bytes(state)


def hash_encoded(encoded: bytes) -> str:
    return base64.b64encode(hashlib.sha256(encoded).digest()).decode("ascii")


def state_hash(state: Mapping[str, Any]) -> str:
    return hash_encoded(encode_state(state))


@dataclass(frozen=True, slots=True)
class Session:
    id: UUID
    token: str
    flow_id: UUID
    flow_version_id: UUID
    user_id: UUID | None
    current_node_id: str | None
    state: Mapping[str, Any]
    status: SessionStatus
    revision: int
    state_hash: str
    started_at: datetime
    last_activity_at: datetime
    ended_at: datetime | None = None
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_active(self) -> bool:
        return self.status is SessionStatus.ACTIVE

    def is_expired(self, now: datetime, idle_limit: timedelta = DEFAULT_IDLE_LIMIT) -> bool:
        """Idle for longer than ``idle_limit``: its token no longer opens it."""
        return now - self.last_activity_at > idle_limit

    @property
    def school_id(self) -> UUID | None:
        return school_of(self.state)

    @property
    def waiting_for(self) -> Mapping[str, Any] | None:
        return (self.state.get("system") or {}).get("pending")

    def after(self, turn: Turn, now: datetime, encoded: bytes | None = None) -> Session:
        """The session as it stands once ``turn`` is committed: one revision later.

        ``encoded`` is the state's canonical bytes when the caller already has them.
        """
        return replace(
            self,
            current_node_id=turn.current_node_id,
            state=turn.state,
            status=SessionStatus.COMPLETED if turn.session_ended else self.status,
            revision=self.revision + 1,
            state_hash=hash_encoded(encoded) if encoded is not None else state_hash(turn.state),
            last_activity_at=now,
            ended_at=now if turn.session_ended else self.ended_at,
        )

    def with_state(self, state: Mapping[str, Any], now: datetime) -> Session:
        return replace(
            self, state=state, revision=self.revision + 1, state_hash=state_hash(state), last_activity_at=now
        )

    def ended(self, status: SessionStatus, now: datetime) -> Session:
        return replace(self, status=status, revision=self.revision + 1, ended_at=now, last_activity_at=now)
