"""What one interaction produced: the value the interpreter returns and the use case commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Mapping


class HistoryKind(StrEnum):
    MESSAGE = "message"
    INPUT = "input"
    ACTION = "action"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    node_id: str
    kind: HistoryKind
    content: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Effect:
    """Something to do after the turn commits (enqueue a task, publish an event)."""

    kind: str
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Turn:
    """The outcome of one walk.

    ``state`` is the whole new session state. ``rejected`` marks an answer the waiting question
    refused: the state is unchanged and nothing needs storing.
    """

    messages: tuple[Mapping[str, Any], ...]
    input_request: Mapping[str, Any] | None
    client_actions: tuple[Mapping[str, Any], ...]
    session_ended: bool
    current_node_id: str | None
    state: Mapping[str, Any]
    history: tuple[HistoryEntry, ...] = ()
    effects: tuple[Effect, ...] = ()
    wait_for_acknowledgment: bool = False
    rejected: bool = False
    visited: tuple[str, ...] = ()
