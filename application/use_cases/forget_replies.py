"""Forget the replies kept for retried answers once their day is over.

An interact sent with an ``Idempotency-Key`` keeps its reply for ``REPLY_LIFETIME``, so a
widget retrying after a network hiccup gets the same answer back. Past that, the reply is
only weight in the database (it holds what Huey said to a child): this use case deletes
expired ones in batches, each batch its own short statement, so a large backlog never holds
long locks or one long transaction, and the count so far is reported after every batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from application.ports.clock import Clock
from application.ports.persistence import UnitOfWorkFactory

DEFAULT_BATCH_SIZE = 1000


@dataclass(frozen=True, slots=True)
class ForgetExpiredReplies:
    batch_size: int = DEFAULT_BATCH_SIZE


Progress = Callable[[int], None]


class ForgetExpiredRepliesHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, command: ForgetExpiredReplies, progress: Progress | None = None) -> int:
        """How many expired replies were forgotten; ``progress`` hears the running total."""
        if command.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        now = self._clock.now()
        total = 0
        while True:
            async with self._uow() as uow:
                forgotten = await uow.sessions.forget_expired_replies(now, command.batch_size)
            total += forgotten
            if progress is not None:
                progress(total)
            if forgotten < command.batch_size:
                return total
