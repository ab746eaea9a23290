"""What the chat routes call: the use-case handlers and the request guards, resolved once.

The container builds this at start-up (its providers depend on async resources, so it is
awaited once in the application's cleanup context) and the application keeps it under
``CHAT``; a request then reaches its use case with one dictionary lookup and no
container call on the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from application.use_cases.admin_sessions import DeleteSessionHandler, ListSessionsHandler
from application.use_cases.end_session import EndSessionHandler
from application.use_cases.interact import InteractHandler
from application.use_cases.patch_state import PatchStateHandler
from application.use_cases.session_queries import GetHistoryHandler, GetSessionHandler
from application.use_cases.start_session import StartSessionHandler
from entrypoints.api.auth import Authenticator
from entrypoints.api.csrf import CsrfGuard


@dataclass(frozen=True, slots=True)
class ChatServices:
    start: StartSessionHandler
    interact: InteractHandler
    end: EndSessionHandler
    get_session: GetSessionHandler
    get_history: GetHistoryHandler
    patch_state: PatchStateHandler
    list_sessions: ListSessionsHandler
    delete_session: DeleteSessionHandler
    auth: Authenticator
    csrf: CsrfGuard


CHAT = web.AppKey("chat", ChatServices)
