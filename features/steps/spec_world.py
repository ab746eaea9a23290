"""The world a spec talks to, whichever driver runs it, and the memory driver's world.

Features are bound twice. With ``--driver=memory`` (the default) the steps drive the use cases
on the memory adapters (``MemorySpecWorld``); with ``--driver=http`` the same steps drive the
real application over HTTP on PostgreSQL (``tests/http_world.py``). Both satisfy ``SpecWorld``:

- setting up (Given): load and publish flows, add schools and content, script the outside
  services (``api``, ``webhooks``) and move the ``clock``;
- the child's side (When): open a chat, answer, read it back, read its history — replies come
  back in the shape the chat widget reads, and refusals as the domain's errors;
- looking inside (Then): the session as stored, and how many sessions were kept, so no step
  reaches into a store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Protocol
from uuid import UUID

from adapters.memory.http import ScriptedApiClient, ScriptedWebhookClient
from adapters.memory.time_and_chance import FixedClock
from application.replies import conversation_reply
from application.use_cases.import_flow import ImportFlowHandler
from application.use_cases.interact import Interact
from application.use_cases.publish_flow import PublishFlowHandler, ValidateFlowHandler
from application.use_cases.session_queries import GetHistory, GetSession
from application.use_cases.start_session import StartSession
from domain.conversation.session import Session
from domain.tenancy.school import School
from tests.world import MemoryWorld

MEMORY = "memory"
HTTP = "http"
DRIVERS = (MEMORY, HTTP)

# The random seed both worlds draw session seeds and tokens from, so they draw alike.
SEED = 2
HISTORY_PAGE = 200


@dataclass(frozen=True, slots=True)
class Opened:
    """A conversation a child has just started: its token, its id and Huey's first turn."""

    token: str
    session_id: UUID
    reply: Mapping[str, Any]


class SpecWorld(Protocol):
    clock: FixedClock
    api: ScriptedApiClient
    webhooks: ScriptedWebhookClient
    import_flow: ImportFlowHandler
    publish: PublishFlowHandler
    validate: ValidateFlowHandler

    # -- setting up ---------------------------------------------------------------------------

    async def load_flow(self, document: Mapping[str, Any], publish: bool = True) -> UUID: ...

    async def load_huey(self) -> UUID: ...

    def add_school(self, school: Mapping[str, Any]) -> School: ...

    def add_content(self, items: list[Mapping[str, Any]], school_id: UUID | None = None) -> list[str]: ...

    # -- the child's side ---------------------------------------------------------------------

    async def open_chat(self, flow: str, initial_state: Mapping[str, Any]) -> Opened: ...

    async def answer(self, token: str, value: Any, input_type: str | None = None) -> Mapping[str, Any]: ...

    async def read_back(self, token: str) -> int:
        """The conversation's revision as the child reads it back; ``SessionNotFound`` if gone."""
        ...

    async def history(self, token: str) -> list[Mapping[str, Any]]:
        """What each step of the conversation recorded, oldest first."""
        ...

    # -- looking inside -----------------------------------------------------------------------

    async def stored_session(self, session_id: UUID) -> Session | None: ...

    async def sessions_kept(self) -> int: ...


class MemorySpecWorld(MemoryWorld):
    """``MemoryWorld`` with the child's side in the widget's shapes and a look at its store."""

    def __init__(self) -> None:
        super().__init__(seed=SEED)

    async def open_chat(self, flow: str, initial_state: Mapping[str, Any]) -> Opened:
        started = await self.start(StartSession(flow=flow, initial_state=dict(initial_state)))
        session = started.session
        return Opened(session.token, session.id, conversation_reply(session, started.turn))

    async def answer(self, token: str, value: Any, input_type: str | None = None) -> Mapping[str, Any]:
        return (await self.interact(Interact(token, value, input_type))).reply

    async def read_back(self, token: str) -> int:
        return (await self.get_session(GetSession(token))).revision

    async def history(self, token: str) -> list[Mapping[str, Any]]:
        page = await self.get_history(GetHistory(token, limit=HISTORY_PAGE))
        return [record.content for record in page.items]

    async def stored_session(self, session_id: UUID) -> Session | None:
        return self.store.sessions.get(session_id)

    async def sessions_kept(self) -> int:
        return len(self.store.sessions)

