"""The chat widget's endpoints: start a conversation, answer, read it, change it, end it.

Each handler translates and nothing else: parse (``parsing.py``), guard (CSRF on the calls
that change a session), call one use case, serialise (``views.py``). The session token in
the path is the conversation's secret; ``Idempotency-Key`` on interact makes a retried
answer safe (the stored reply comes back, marked ``Idempotent-Replayed: true``).
"""

from __future__ import annotations

import re

from aiohttp import web

from application.replies import conversation_reply
from application.use_cases.end_session import EndSession
from application.use_cases.interact import Interact
from application.use_cases.patch_state import PatchState
from application.use_cases.session_queries import GetHistory, GetSession
from application.use_cases.start_session import StartSession
from domain.conversation.session import SessionStatus
from domain.errors import FieldError, SessionNotFound, ValidationFailed
from entrypoints.api.chat import schemas
from entrypoints.api.chat.services import CHAT
from entrypoints.api.chat.views import history_view, session_view, started_view
from entrypoints.api.json_responses import json_response
from entrypoints.api.openapi import Endpoint
from entrypoints.api.parsing import parse_body, parse_query

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,128}$")
MAX_TOKEN_LENGTH = 255

routes = web.RouteTableDef()


def session_token(request: web.Request) -> str:
    token = request.match_info["token"]
    if len(token) > MAX_TOKEN_LENGTH:
        raise SessionNotFound("no conversation has this session token")
    return token


def idempotency_key(request: web.Request) -> str | None:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return None
    if not _IDEMPOTENCY_KEY.match(key):
        raise ValidationFailed(
            "the Idempotency-Key is not usable",
            [FieldError(IDEMPOTENCY_HEADER, "must be 1-128 visible ASCII characters")],
        )
    return key


@routes.post("/v1/chat/start")
async def start_chat(request: web.Request) -> web.Response:
    chat = request.app[CHAT]
    body = await parse_body(request, schemas.StartChat)
    identity = await chat.auth.identify(request)
    started = await chat.start(
        StartSession(flow=body.flow_id, initial_state=body.initial_state, user_id=body.user_id, identity=identity)
    )
    reply = conversation_reply(started.session, started.turn)
    csrf_token = chat.csrf.token_for(started.session.token)
    response = json_response(started_view(started, reply, csrf_token), status=201)
    chat.csrf.set_cookies(response, request, started.session.token)
    return response


@routes.post("/v1/chat/sessions/{token}/interact")
async def interact(request: web.Request) -> web.Response:
    chat = request.app[CHAT]
    token = session_token(request)
    chat.csrf.check(request, token)
    key = idempotency_key(request)
    body = await parse_body(request, schemas.InteractBody)
    result = await chat.interact(Interact(token, body.input, body.input_type, body.revision, key))
    response = json_response(result.reply)
    if result.replayed:
        response.headers[REPLAYED_HEADER] = "true"
    return response


@routes.get("/v1/chat/sessions/{token}")
async def get_session(request: web.Request) -> web.Response:
    session = await request.app[CHAT].get_session(GetSession(session_token(request)))
    return json_response(session_view(session))


@routes.post("/v1/chat/sessions/{token}/end")
async def end_session(request: web.Request) -> web.Response:
    chat = request.app[CHAT]
    token = session_token(request)
    chat.csrf.check(request, token)
    body = await parse_body(request, schemas.EndBody, optional=True)
    session = await chat.end(EndSession(token, SessionStatus(body.status)))
    return json_response(session_view(session))


@routes.get("/v1/chat/sessions/{token}/history")
async def get_history(request: web.Request) -> web.Response:
    query = parse_query(request, schemas.PageQuery)
    page = await request.app[CHAT].get_history(GetHistory(session_token(request), query.offset, query.limit))
    return json_response(history_view(page))


@routes.patch("/v1/chat/sessions/{token}/state")
async def patch_state(request: web.Request) -> web.Response:
    chat = request.app[CHAT]
    token = session_token(request)
    chat.csrf.check(request, token)
    body = await parse_body(request, schemas.StateUpdate)
    session = await chat.patch_state(PatchState(token, body.updates, body.revision))
    return json_response(session_view(session))


_TOKEN = {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the session token"}
_SESSION_ERRORS = (404, 429)
_CHANGING_ERRORS = (400, 403, 404, 409, 413, 422, 429)

ENDPOINTS = (
    Endpoint(
        "post", "/v1/chat/start", "Start a conversation", "startChat", "chat",
        request=schemas.StartChat, response=schemas.StartedChat, status=201,
        errors=(400, 401, 403, 404, 413, 422, 429), auth="optional", sets_cookies=True,
        description="Starts the published version of the flow (id or seed key) and runs its first turn. "
        "Sets the `csrf_token` cookie and the HttpOnly `chat_session` cookie.",
    ),
    Endpoint(
        "post", "/v1/chat/sessions/{token}/interact", "Answer the waiting question", "interact", "chat",
        request=schemas.InteractBody, response=schemas.ConversationReply, parameters=(_TOKEN,),
        errors=_CHANGING_ERRORS, csrf=True, idempotent=True,
        description="Applies one answer on the session's current revision; a concurrent answer gets 409 "
        "with `current_revision`. A repeated `Idempotency-Key` returns the first reply and applies nothing.",
    ),
    Endpoint(
        "get", "/v1/chat/sessions/{token}", "Read a conversation", "getSession", "chat",
        response=schemas.SessionView, parameters=(_TOKEN,), errors=_SESSION_ERRORS,
    ),
    Endpoint(
        "post", "/v1/chat/sessions/{token}/end", "End a conversation", "endSession", "chat",
        request=schemas.EndBody, request_required=False, response=schemas.SessionView, parameters=(_TOKEN,),
        errors=_CHANGING_ERRORS, csrf=True,
    ),
    Endpoint(
        "get", "/v1/chat/sessions/{token}/history", "Read a conversation's history", "getHistory", "chat",
        query=schemas.PageQuery, response=schemas.HistoryPage, parameters=(_TOKEN,), errors=(404, 422, 429),
    ),
    Endpoint(
        "patch", "/v1/chat/sessions/{token}/state", "Change conversation variables", "patchState", "chat",
        request=schemas.StateUpdate, response=schemas.SessionView, parameters=(_TOKEN,), errors=_CHANGING_ERRORS,
        csrf=True, description="The `session` and `system` scopes belong to the engine and are refused.",
    ),
)
