"""The chat API's request and response bodies, as pydantic models.

The handlers parse requests with these models and the OpenAPI document is generated from
them, so the documentation cannot drift from what is enforced. Unknown request fields are
ignored (old and new widgets may send more); wrong types are 422 naming the field.
Responses are built as plain dicts on the hot path and checked against these models by
the tests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

MAX_PAGE = 200


class Request(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Response(BaseModel):
    model_config = ConfigDict(extra="allow")


# -- requests ---------------------------------------------------------------------------------


class StartChat(Request):
    """Start a conversation on the published version of a flow."""

    flow_id: str = Field(min_length=1, max_length=255, description="the flow's id or seed key")
    user_id: UUID | None = Field(default=None, description="the reader; defaults to the bearer token's user")
    initial_state: dict[str, Any] = Field(
        default_factory=dict, description="scopes user, context, temp, variables to start with"
    )


class InteractBody(Request):
    """Answer the question the conversation is waiting on."""

    input: Any = Field(description="the answer: text, an option's value, a number, ...")
    input_type: str | None = Field(default=None, max_length=64, description="text, choice, image_choice, continue, ...")
    revision: int | None = Field(default=None, ge=1, description="refuse with 409 unless the session is at this revision")


class EndBody(Request):
    status: Literal["completed", "abandoned"] = "completed"


class StateUpdate(Request):
    """Change conversation variables from outside the flow."""

    updates: dict[str, Any] = Field(description="by path (`user.name`) or whole scope (`{\"temp\": {...}}`)")
    revision: int | None = Field(default=None, ge=1)


class PageQuery(Request):
    offset: int = Field(default=0, ge=0)
    limit: int = Field(default=50, ge=1, le=MAX_PAGE)


class AdminSessionsQuery(PageQuery):
    flow_id: UUID | None = None
    user_id: UUID | None = None
    status: Literal["active", "completed", "abandoned"] | None = None


# -- responses --------------------------------------------------------------------------------


class ConversationReply(Response):
    """What start and interact both return, so a client has one code path."""

    messages: list[dict[str, Any]] = Field(description="what Huey says, in order; each has `type`")
    input_request: dict[str, Any] | None = Field(description="the question waiting for an answer; null when none")
    client_actions: list[dict[str, Any]] = Field(description="script nodes for the browser to run")
    session_ended: bool
    current_node_id: str | None
    revision: int = Field(description="send it back as `revision` to detect a concurrent change")
    wait_for_acknowledgment: bool = False


class StartedChat(ConversationReply):
    session_id: UUID
    session_token: str = Field(description="the conversation's secret; it is in every session URL")
    csrf_token: str = Field(description="send as the X-CSRF-Token header on interact, end and state")
    flow_name: str
    theme_id: UUID | None
    theme: dict[str, Any] | None
    next_node: dict[str, Any] = Field(description="the same turn in the shape older widgets read")


class SessionView(Response):
    session_id: UUID
    session_token: str
    flow_id: UUID
    flow_version_id: UUID
    user_id: UUID | None
    current_node_id: str | None
    status: Literal["active", "completed", "abandoned"]
    revision: int
    state: dict[str, Any] = Field(description="user, context, temp, variables and session (engine bookkeeping omitted)")
    state_hash: str
    input_request: dict[str, Any] | None = Field(description="the question waiting for an answer")
    started_at: datetime
    last_activity_at: datetime
    ended_at: datetime | None


class HistoryItem(Response):
    id: UUID
    node_id: str
    interaction_type: str
    content: dict[str, Any]
    created_at: datetime


class HistoryPage(Response):
    items: list[HistoryItem]
    total: int
    offset: int
    limit: int


class AdminSession(Response):
    session_id: UUID
    flow_id: UUID
    flow_version_id: UUID
    user_id: UUID | None
    school_id: UUID | None
    current_node_id: str | None
    status: Literal["active", "completed", "abandoned"]
    revision: int
    started_at: datetime
    last_activity_at: datetime
    ended_at: datetime | None


class AdminSessionPage(Response):
    items: list[AdminSession]
    total: int
    offset: int
    limit: int


class ProblemFieldError(Response):
    field: str
    message: str


class ProblemBody(Response):
    """RFC 9457 problem details; clients branch on `type` (or the status)."""

    type: str = Field(description="e.g. not-found, stale-revision, validation-failed, forbidden")
    title: str
    status: int
    detail: str
    errors: list[ProblemFieldError]
    current_revision: int | None = Field(default=None, description="on stale-revision: where the session is now")
    report: dict[str, Any] | None = Field(default=None, description="on flow-invalid: the validation report")
