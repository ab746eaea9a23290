"""Housekeeping the API does on a timer: forgetting expired stored replies.

There is no separate scheduler to deploy: ``chatbot serve`` runs this loop in its first
process only (the workers it starts never do), so one deployment purges once per interval.
Deleting expired rows is idempotent, so two deployments sharing a database do no harm
beyond the repeated work. A failed round (the database away, or anything unforeseen) is
logged and the loop carries on: housekeeping must never take the API down with it, and the
next round picks up what was left. ``chatbot purge`` does one round by hand.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import structlog
from aiohttp import web

from application.use_cases.forget_replies import ForgetExpiredReplies, ForgetExpiredRepliesHandler
from domain.errors import StorageUnavailable
from entrypoints.container import resolved

log = structlog.get_logger(__name__)

Sleep = Callable[[float], Awaitable[None]]


async def forget_replies_periodically(
    forget: ForgetExpiredRepliesHandler, interval_seconds: float, sleep: Sleep = asyncio.sleep
) -> None:
    """Forget expired replies every ``interval_seconds``, for as long as the task runs."""
    while True:
        await sleep(interval_seconds)
        try:
            forgotten = await forget(ForgetExpiredReplies())
        except StorageUnavailable as error:
            log.warning("replies.purge_failed", reason=str(error))
            continue
        except Exception:
            log.exception("replies.purge_failed")
            continue
        if forgotten:
            log.info("replies.purged", forgotten=forgotten)


def periodic_purge(
    forget: Callable[[], Any], interval_seconds: float
) -> Callable[[web.Application], AsyncIterator[None]]:
    """An aiohttp cleanup context running the loop while the application serves.

    ``forget`` is the container's provider: it is resolved once the application's resources
    (the database engine) are up.
    """

    async def running(app: web.Application) -> AsyncIterator[None]:
        handler: ForgetExpiredRepliesHandler = await resolved(forget())
        task = asyncio.create_task(forget_replies_periodically(handler, interval_seconds))
        yield
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass

    return running
