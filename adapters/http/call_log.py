"""One log line per outbound call, the same for webhooks and platform API calls.

Only what is safe to keep is logged: where the call went (without query or secrets), how it
ended and how long it took; never bodies or header values.
"""

from __future__ import annotations

import time
from typing import Any

import structlog

from adapters.http.transport import Exchange

log = structlog.get_logger(__name__)


def log_call(event: str, exchange: Exchange, started: float, **where: Any) -> None:
    """Log ``exchange`` under ``event`` (info when it succeeded, warning when not)."""
    report = log.info if exchange.outcome.ok else log.warning
    report(
        event,
        **where,
        ok=exchange.outcome.ok,
        status=exchange.outcome.status,
        error=exchange.outcome.error,
        attempts=exchange.attempts,
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
    )
