"""Port: work to run after a turn commits (async nodes, notifications)."""

from __future__ import annotations

from typing import Protocol

from domain.conversation.turn import Effect


class TaskQueue(Protocol):
    async def enqueue(self, effect: Effect) -> None: ...
