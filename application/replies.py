"""The conversational body start and interact both return, so a client has one code path."""

from __future__ import annotations

from typing import Any

from domain.conversation.session import Session
from domain.conversation.turn import Turn


def conversation_reply(session: Session, turn: Turn) -> dict[str, Any]:
    return {
        "messages": [dict(m) for m in turn.messages],
        "input_request": dict(turn.input_request) if turn.input_request is not None else None,
        "client_actions": [dict(a) for a in turn.client_actions],
        "session_ended": turn.session_ended,
        "current_node_id": turn.current_node_id,
        "revision": session.revision,
        "wait_for_acknowledgment": turn.wait_for_acknowledgment,
    }
