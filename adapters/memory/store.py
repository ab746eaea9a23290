"""InMemoryStore: the data every in-memory repository shares, as plain dicts.

One store plays the database for unit tests and BDD specs; units of work stage changes
against it and apply them at commit, like the PostgreSQL adapter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from application.ports.persistence import HistoryRecord
from domain.conversation.requests import ContentItem
from domain.conversation.session import Session
from domain.flows.definition import FlowDefinition
from domain.flows.version import FlowVersion
from domain.tenancy.school import School
from domain.themes.theme import Theme


@dataclass(frozen=True, slots=True)
class StoredContent:
    """Content as the CMS keeps it: the conversation only ever sees published, active items."""

    item: ContentItem
    status: str = "published"
    is_active: bool = True
    visibility: str = "wriveted"
    school_id: UUID | None = None


@dataclass(slots=True)
class InMemoryStore:
    sessions: dict[UUID, Session] = field(default_factory=dict)
    history: dict[UUID, list[HistoryRecord]] = field(default_factory=dict)
    replies: dict[str, dict[str, Any]] = field(default_factory=dict)
    reply_expiry: dict[str, datetime] = field(default_factory=dict)
    flows: dict[UUID, FlowDefinition] = field(default_factory=dict)
    versions: dict[UUID, FlowVersion] = field(default_factory=dict)
    content: dict[str, StoredContent] = field(default_factory=dict)
    schools: dict[UUID, School] = field(default_factory=dict)
    themes: dict[UUID, Theme] = field(default_factory=dict)
    commits: int = 0
