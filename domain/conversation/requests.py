"""What the pure interpreter asks of the outside world mid-walk (sans-I/O).

The interpreter is a generator: it yields one of these, and the application's flow runner
performs it with a port and sends the answer back. So the domain decides, and never waits on
I/O itself; the same walk runs on memory fakes in tests and on PostgreSQL/HTTP in production.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping
from uuid import UUID


@dataclass(frozen=True, slots=True)
class LoadFlow:
    """A composite's sub-flow: its pinned version when known, else the published one.

    Answer: a ``FlowVersion``. ``key`` is a seed key or a flow id.
    """

    key: str
    version_id: UUID | None = None


@dataclass(frozen=True, slots=True)
class FetchContent:
    """One CMS content item the session may see. Answer: ``ContentItem | None``."""

    content_id: str


@dataclass(frozen=True, slots=True)
class FindContent:
    """Candidates for a random pick. Answer: ``list[ContentItem]`` (the interpreter draws)."""

    content_type: str
    tags: tuple[str, ...] = ()
    info_filters: Mapping[str, Any] = field(default_factory=dict)
    exclude_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ContentItem:
    """A published content item as the conversation sees it (variant already applied)."""

    id: str
    type: str
    content: Mapping[str, Any]
    tags: tuple[str, ...] = ()
    info: Mapping[str, Any] = field(default_factory=dict)
    variant_key: str | None = None


@dataclass(frozen=True, slots=True)
class CallApi:
    """An internal platform API call of an ``api_call`` action. Answer: ``HttpOutcome``."""

    method: str
    endpoint: str
    body: Any = None
    query_params: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout_seconds: float = 10.0
    circuit: str | None = None
    # The api_call's own ``circuit_breaker`` settings, when it has them.
    breaker_failure_threshold: int | None = None
    breaker_reset_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class CallWebhook:
    """An outbound HTTP call of a webhook node. Answer: ``HttpOutcome``.

    ``url``, ``headers`` and ``body`` may still hold ``{{secret:name}}`` references; the
    outbound adapter fills them at call time and never returns or records them.
    """

    method: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    timeout_seconds: float = 30.0
    retry_attempts: int = 0
    retry_delay_seconds: float = 1.0


@dataclass(frozen=True, slots=True)
class HttpOutcome:
    ok: bool
    status: int | None = None
    body: Any = None
    error: str | None = None


Request = LoadFlow | FetchContent | FindContent | CallApi | CallWebhook
