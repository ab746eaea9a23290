"""Rows → domain values: the one place that knows how columns map onto the domain's types.

A session arrives two ways: as a SQLAlchemy ``Row`` (listings, reads by id) or as an asyncpg
``Record`` (the chat hot path, sent on the driver connection). Both are read by column name.
"""

from __future__ import annotations

from typing import Any, Protocol
from uuid import UUID

from sqlalchemy import Row

from application.ports.persistence import HistoryRecord
from domain.conversation.requests import ContentItem
from domain.conversation.session import Session, SessionStatus, state_hash
from domain.tenancy.school import School
from domain.themes.theme import Theme


class Columns(Protocol):
    """Values by column name: an asyncpg ``Record`` or a SQLAlchemy row's ``_mapping``."""

    def __getitem__(self, name: str, /) -> Any: ...


def session_from_row(row: Row[Any]) -> Session:
    return session_from_columns(row._mapping)


def session_from_columns(columns: Columns) -> Session:
    state = columns["state"] or {}
    return Session(
        id=columns["id"],
        token=columns["session_token"],
        flow_id=columns["flow_id"],
        flow_version_id=columns["flow_version_id"],
        user_id=columns["user_id"],
        current_node_id=columns["current_node_id"],
        state=state,
        status=SessionStatus(columns["status"]),
        revision=columns["revision"],
        # Rows written outside this adapter may lack the hash; it is derived, so derive it.
        state_hash=columns["state_hash"] or state_hash(state),
        started_at=columns["started_at"],
        last_activity_at=columns["last_activity_at"],
        ended_at=columns["ended_at"],
        info=columns["info"] or {},
    )


def history_record_from_row(row: Row[Any]) -> HistoryRecord:
    return HistoryRecord(
        id=row.id,
        session_id=row.session_id,
        node_id=row.node_id,
        kind=str(row.interaction_type),
        content=row.content,
        created_at=row.created_at,
    )


def content_item_from_row(row: Row[Any]) -> ContentItem:
    return ContentItem(
        id=str(row.id),
        type=str(row.type),
        content=row.content,
        tags=tuple(row.tags or ()),
        info=row.info or {},
    )


def school_from_row(row: Row[Any]) -> School:
    return School(
        id=row.id,
        wriveted_identifier=row.wriveted_identifier,
        name=row.name,
        default_theme_id=row.default_theme_id,
        info=row.info or {},
    )


def theme_from_row(row: Row[Any]) -> Theme:
    return Theme(
        id=row.id,
        name=row.name,
        config=row.config or {},
        description=row.description,
        logo_url=row.logo_url,
        avatar_url=row.avatar_url,
        school_id=row.school_id,
        is_default=row.is_default,
    )


def uuid_or_none(value: Any) -> UUID | None:
    """``value`` as a UUID, or None when it is empty or not one (so it can match nothing)."""
    if value is None or value == "":
        return None
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        return None

