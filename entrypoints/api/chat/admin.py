"""Administrators' view of conversations: list with filters, delete.

A bearer token with an admin role is required (401 without one, 403 for other roles);
school admins see and delete only their own school's conversations (the use case scopes
them), and a conversation outside the caller's reach is simply not found.
"""

from __future__ import annotations

from uuid import UUID

from aiohttp import web

from application.ports.persistence import SessionFilter
from application.use_cases.admin_sessions import DeleteSession, ListSessions
from domain.conversation.session import SessionStatus
from domain.errors import SessionNotFound
from entrypoints.api.chat import schemas
from entrypoints.api.chat.services import CHAT
from entrypoints.api.chat.views import admin_page_view
from entrypoints.api.json_responses import json_response
from entrypoints.api.openapi import Endpoint
from entrypoints.api.parsing import parse_query

routes = web.RouteTableDef()


@routes.get("/v1/chat/admin/sessions")
async def list_sessions(request: web.Request) -> web.Response:
    chat = request.app[CHAT]
    identity = await chat.auth.require_admin(request)
    query = parse_query(request, schemas.AdminSessionsQuery)
    filters = SessionFilter(
        flow_id=query.flow_id,
        user_id=query.user_id,
        status=SessionStatus(query.status) if query.status else None,
    )
    page = await chat.list_sessions(ListSessions(identity, filters, query.offset, query.limit))
    return json_response(admin_page_view(page))


@routes.delete("/v1/chat/admin/sessions/{session_id}")
async def delete_session(request: web.Request) -> web.Response:
    chat = request.app[CHAT]
    identity = await chat.auth.require_admin(request)
    try:
        session_id = UUID(request.match_info["session_id"])
    except ValueError:
        raise SessionNotFound("no conversation has this id") from None
    await chat.delete_session(DeleteSession(identity, session_id))
    return web.Response(status=204)


_SESSION_ID = {"name": "session_id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}

ENDPOINTS = (
    Endpoint(
        "get", "/v1/chat/admin/sessions", "List conversations", "listSessions", "chat-admin",
        query=schemas.AdminSessionsQuery, response=schemas.AdminSessionPage, errors=(401, 403, 422, 429),
        auth="admin", description="Newest first. School admins see their own school's conversations only.",
    ),
    Endpoint(
        "delete", "/v1/chat/admin/sessions/{session_id}", "Delete a conversation", "deleteSession", "chat-admin",
        parameters=(_SESSION_ID,), status=204, errors=(401, 403, 404, 429), auth="admin",
    ),
)
