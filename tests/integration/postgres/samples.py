"""Sample rows for the adapter tests, written the way the product writes them.

Flows and sessions go in through the repositories (so the tests also exercise ``add``);
schools, themes and content, which no port writes, go in as plain inserts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, Callable
from uuid import UUID, uuid4

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.tables import chat_themes, cms_content, schools
from adapters.postgres.unit_of_work import PostgresUnitOfWork
from application.use_cases.publish_flow import freeze
from domain.conversation.session import Session, SessionStatus, state_hash
from domain.conversation.turn import HistoryEntry, HistoryKind
from domain.flows.connection import Connection
from domain.flows.definition import FlowDefinition
from domain.flows.graph import FlowGraph
from domain.flows.node import Node, NodeType
from domain.flows.version import FlowVersion

NOON = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


def small_graph(greeting: str = "Hello") -> FlowGraph:
    nodes = [
        Node("start", NodeType.MESSAGE, {"messages": [{"type": "text", "content": greeting}]}),
        Node("ask", NodeType.QUESTION, {"question": {"text": "How old are you?"}, "variable": "temp.age"}),
        Node("bye", NodeType.MESSAGE, {"messages": [{"type": "text", "content": "Bye"}]}, position={"x": 5, "y": 9}),
    ]
    connections = [Connection("start", "ask"), Connection("ask", "bye")]
    return FlowGraph.build("start", nodes, connections)


def small_flow(seed_key: str | None = "small", **changes: Any) -> FlowDefinition:
    flow = FlowDefinition(
        id=uuid4(),
        name="Small flow",
        version="1.0.0",
        graph=small_graph(),
        extras={"variables": [{"name": "age"}]},
        seed_key=seed_key,
        info={"note": "sample"},
    )
    return replace(flow, **changes)


def version_of(flow: FlowDefinition, number: int = 1) -> FlowVersion:
    return freeze(flow, number, NOON)


def new_session(version: FlowVersion, *, school: UUID | None = None, user_id: UUID | None = None,
                started_at: datetime = NOON) -> Session:
    state: dict[str, Any] = {"temp": {}, "context": {"school_wriveted_id": str(school)} if school else {}}
    return Session(
        id=uuid4(),
        token=uuid4().hex + uuid4().hex,
        flow_id=version.flow_id,
        flow_version_id=version.id,
        user_id=user_id,
        current_node_id="ask",
        state=state,
        status=SessionStatus.ACTIVE,
        revision=1,
        state_hash=state_hash(state),
        started_at=started_at,
        last_activity_at=started_at,
    )


def a_turn(session: Session, answer: Any, minutes: int = 1) -> Session:
    """The session one revision later, as a turn answering ``answer`` leaves it."""
    state = {**session.state, "temp": {"age": answer}}
    return replace(
        session,
        state=state,
        state_hash=state_hash(state),
        revision=session.revision + 1,
        current_node_id="bye",
        last_activity_at=session.last_activity_at + timedelta(minutes=minutes),
    )


def entries(*texts: str) -> list[HistoryEntry]:
    return [HistoryEntry("start", HistoryKind.MESSAGE, {"text": text}) for text in texts]


class Samples:
    def __init__(self, engine: AsyncEngine, uow: Callable[[], PostgresUnitOfWork]) -> None:
        self._engine = engine
        self._uow = uow

    async def published_flow(self, flow: FlowDefinition | None = None) -> tuple[FlowDefinition, FlowVersion]:
        flow = flow or small_flow()
        version = version_of(flow)
        async with self._uow() as uow:
            uow.flows.add(flow)
            uow.flows.add_version(version, None)
            await uow.commit()
        return flow, version

    async def started_session(self, version: FlowVersion, history: Sequence[HistoryEntry] = (), **kw: Any) -> Session:
        session = new_session(version, **kw)
        async with self._uow() as uow:
            uow.sessions.add(session, history)
            await uow.commit()
        return session

    async def school(self, name: str = "Test School", default_theme_id: UUID | None = None) -> UUID:
        wriveted_id = uuid4()
        await self._insert(schools, {"name": name, "wriveted_identifier": wriveted_id,
                                     "default_theme_id": default_theme_id, "info": {"city": "Wellington"}})
        return wriveted_id

    async def theme(self, name: str, *, is_default: bool = False, school_id: UUID | None = None) -> UUID:
        theme_id = uuid4()
        await self._insert(chat_themes, {"id": theme_id, "name": name, "is_default": is_default,
                                         "school_id": school_id, "config": {"colour": name}})
        return theme_id

    async def content(self, type_: str = "joke", *, tags: Sequence[str] = (), info: Mapping[str, Any] | None = None,
                      status: str = "published", is_active: bool = True, visibility: str = "wriveted",
                      school_id: UUID | None = None, text: str = "a joke") -> str:
        content_id = uuid4()
        await self._insert(cms_content, {
            "id": content_id, "type": type_, "content": {"text": text}, "tags": list(tags), "info": dict(info or {}),
            "status": status, "is_active": is_active, "visibility": visibility, "school_id": school_id,
        })
        return str(content_id)

    async def _insert(self, table: Any, values: Mapping[str, Any]) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(insert(table).values(**values))
