"""Session tokens are credentials: request logs name the route, never the token."""

from __future__ import annotations

import pytest
import structlog

from tests.chat_api import ChatApi
from tests.chat_world import HUEY

pytestmark = pytest.mark.usefixtures("huey_database")


async def test_request_logs_never_contain_the_session_token(api: ChatApi) -> None:
    with structlog.testing.capture_logs() as logs:
        chat = await api.begin(HUEY)
        reply = await api.interact(chat, "hello")
    assert reply.status == 200
    finished = [entry for entry in logs if entry["event"] == "request.finished"]
    assert finished, "the requests were not logged"
    assert all(chat.token not in repr(entry) for entry in logs)
    assert {"/v1/chat/start", "/v1/chat/sessions/{token}/interact"} <= {entry["route"] for entry in finished}
