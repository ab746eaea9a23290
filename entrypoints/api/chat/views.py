"""Domain values as the JSON the chat API sends (shapes declared in ``schemas.py``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from application.ports.persistence import HistoryRecord, Page
from application.use_cases.start_session import StartedSession
from domain.conversation.pending import input_request_for
from domain.conversation.session import Session

# Engine bookkeeping (pending question, composite frames, the random seed) stays inside.
PRIVATE_SCOPES = frozenset({"system"})


def started_view(started: StartedSession, reply: Mapping[str, Any], csrf_token: str) -> dict[str, Any]:
    session, theme = started.session, started.theme
    return {
        **reply,
        "session_id": str(session.id),
        "session_token": session.token,
        "csrf_token": csrf_token,
        "flow_name": started.flow_name,
        "theme_id": str(theme.id) if theme else None,
        "theme": theme.as_public() if theme else None,
        "next_node": legacy_next_node(reply),
    }


def legacy_next_node(reply: Mapping[str, Any]) -> dict[str, Any]:
    """The first turn in the shape widgets written for the earlier implementation read."""
    return {
        "type": "messages",
        "messages": reply["messages"],
        "node_id": reply["current_node_id"],
        "input_request": reply["input_request"],
        "wait_for_acknowledgment": reply["wait_for_acknowledgment"],
    }


def session_view(session: Session) -> dict[str, Any]:
    return {
        "session_id": str(session.id),
        "session_token": session.token,
        "flow_id": str(session.flow_id),
        "flow_version_id": str(session.flow_version_id),
        "user_id": _str(session.user_id),
        "current_node_id": session.current_node_id,
        "status": session.status.value,
        "revision": session.revision,
        "state": {scope: value for scope, value in session.state.items() if scope not in PRIVATE_SCOPES},
        "state_hash": session.state_hash,
        "input_request": waiting_request(session),
        "started_at": _time(session.started_at),
        "last_activity_at": _time(session.last_activity_at),
        "ended_at": _time(session.ended_at),
    }


def waiting_request(session: Session) -> dict[str, Any] | None:
    pending = session.waiting_for
    if not session.is_active or not pending:
        return None
    return input_request_for(pending)


def history_view(page: Page[HistoryRecord]) -> dict[str, Any]:
    items = [
        {
            "id": str(record.id),
            "node_id": record.node_id,
            "interaction_type": record.kind,
            "content": dict(record.content),
            "created_at": _time(record.created_at),
        }
        for record in page.items
    ]
    return {"items": items, "total": page.total, "offset": page.offset, "limit": page.limit}


def admin_page_view(page: Page[Session]) -> dict[str, Any]:
    items = [
        {
            "session_id": str(session.id),
            "flow_id": str(session.flow_id),
            "flow_version_id": str(session.flow_version_id),
            "user_id": _str(session.user_id),
            "school_id": _str(session.school_id),
            "current_node_id": session.current_node_id,
            "status": session.status.value,
            "revision": session.revision,
            "started_at": _time(session.started_at),
            "last_activity_at": _time(session.last_activity_at),
            "ended_at": _time(session.ended_at),
        }
        for session in page.items
    ]
    return {"items": items, "total": page.total, "offset": page.offset, "limit": page.limit}


def _str(value: object | None) -> str | None:
    return str(value) if value is not None else None


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
