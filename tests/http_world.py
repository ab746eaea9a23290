"""The real application over HTTP on PostgreSQL, as the world the Gherkin specs talk to.

``pytest features --driver=http`` runs every scenario against this world instead of the memory
one (see ``features/steps/spec_world.py`` for what both offer). The application is built by
``build_container``/``create_app`` and served in-process on the scenario's event loop, with
four providers overridden:

- ``clock`` by a ``FixedClock``, so a scenario can let hours pass;
- ``random`` by ``SeededRandomSource`` with the memory world's seed, so both draw alike;
- ``api_client`` and ``webhook_client`` by the scripted fakes: the outbound adapters have
  their own integration tests, and these scenarios are about the conversation.

Setting up (flows, schools, content) goes through the container's use cases and seeder, as
``chatbot import`` and ``import-content`` do; there is no CMS API to call yet. Everything a
child does goes over HTTP, each child with its own browser (cookie jar); problem responses
come back as the domain errors the use cases raise (``REFUSALS``).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping
from uuid import UUID, uuid4

from aiohttp import test_utils
from dependency_injector import providers
from sqlalchemy import select

from adapters.memory.http import ScriptedApiClient, ScriptedWebhookClient
from adapters.memory.time_and_chance import FixedClock, SeededRandomSource
from adapters.postgres.tables import cms_content
from application.ports.persistence import SessionFilter
from application.use_cases.import_flow import ImportFlow
from domain.conversation.session import Session
from domain.errors import (
    Conflict,
    DomainError,
    FieldError,
    FlowNotFound,
    FlowRuntimeError,
    Forbidden,
    NotFound,
    SessionEnded,
    SessionNotFound,
    StaleRevision,
    Unauthenticated,
    ValidationFailed,
)
from domain.tenancy.school import School
from entrypoints.api.app import create_app
from entrypoints.container import build_container, resolved
from entrypoints.loading import import_seed_content
from features.steps.spec_world import HISTORY_PAGE, SEED, Opened
from features.steps.support import Run
from tests import shared_fixtures
from tests.chat_api import Chat, ChatApi, Reply
from tests.chat_world import chat_settings

# Each problem ``type`` the chat API answers with: its status and the error the use case raised
# (``entrypoints/api/errors.py`` read backwards). ``not-found`` is a missing session, except
# when starting, where it is the flow that is missing.
REFUSALS: dict[str, tuple[int, type[DomainError]]] = {
    "not-found": (404, SessionNotFound),
    "session-ended": (409, SessionEnded),
    "stale-revision": (409, StaleRevision),
    "conflict": (409, Conflict),
    "validation-failed": (422, ValidationFailed),
    "flow-runtime-error": (422, FlowRuntimeError),
    "forbidden": (403, Forbidden),
    "unauthenticated": (401, Unauthenticated),
}


def refusal(reply: Reply, not_found: type[NotFound] = SessionNotFound) -> DomainError:
    """The domain error a problem response stands for; anything else fails the scenario."""
    body = reply.body if isinstance(reply.body, dict) else {}
    kind = str(body.get("type"))
    if kind not in REFUSALS or REFUSALS[kind][0] != reply.status:
        raise AssertionError(f"the chat API answered {reply.status} {reply.body!r}")
    detail = str(body.get("detail", ""))
    if kind == "stale-revision":
        return StaleRevision(detail, int(body["current_revision"]))
    errors = [FieldError(error["field"], error["message"]) for error in body.get("errors") or []]
    error_type = not_found if kind == "not-found" else REFUSALS[kind][1]
    return error_type(detail, errors)


class HttpWorld:
    """The application on ``database_url``; call ``serve`` on the scenario's loop, then ``close``."""

    def __init__(self, database_url: str, run: Run[Any]) -> None:
        self.clock = FixedClock(datetime.now(timezone.utc))
        self.api = ScriptedApiClient()
        self.webhooks = ScriptedWebhookClient()
        self._run = run
        self.container = build_container(chat_settings(database_url), database_url)
        self.container.clock.override(providers.Object(self.clock))
        self.container.random.override(providers.Object(SeededRandomSource(SEED)))
        self.container.api_client.override(providers.Object(self.api))
        self.container.webhook_client.override(providers.Object(self.webhooks))
        self._server = test_utils.TestServer(create_app(self.container))
        self._browsers: list[test_utils.TestClient] = []
        self._chats: dict[str, tuple[ChatApi, Chat]] = {}

    async def serve(self) -> None:
        """Start the application; its container's resources open with it."""
        await self._server.start_server()
        self.import_flow = await resolved(self.container.import_flow())
        self.publish = await resolved(self.container.publish_flow())
        self.validate = await resolved(self.container.validate_flow())
        self._seeder = await resolved(self.container.seeder())
        self._uow = await resolved(self.container.uow_factory())
        self._engine = await resolved(self.container.engine())

    async def close(self) -> None:
        for browser in self._browsers:
            await browser.close()
        await self._server.close()

    # -- setting up ---------------------------------------------------------------------------

    async def load_flow(self, document: Mapping[str, Any], publish: bool = True) -> UUID:
        imported = await self.import_flow(ImportFlow(document=document, publish=publish))
        return imported.flow.id

    async def load_huey(self) -> UUID:
        """The demo school, its theme and content, and the four Huey flows; the bookbot's id."""
        loaded: list[str] = []
        await import_seed_content(self._seeder, shared_fixtures.demo_seed(), loaded.append)
        ids = [await self.load_flow(document) for document in shared_fixtures.huey_flows()]
        return ids[-1]

    def add_school(self, school: Mapping[str, Any]) -> School:
        return self._run(self._add_school(school))

    def add_content(self, items: list[Mapping[str, Any]], school_id: UUID | None = None) -> list[str]:
        return self._run(self._add_content(items, school_id))

    async def _add_school(self, school: Mapping[str, Any]) -> School:
        wriveted_id = await self._seeder.school(school)
        async with self._uow() as uow:
            found = await uow.schools.by_wriveted_id(wriveted_id)
        assert found is not None, f"the school {school['name']!r} was not kept"
        return found

    async def _add_content(self, items: list[Mapping[str, Any]], school_id: UUID | None) -> list[str]:
        keyed = [{**item, "seed_key": item.get("seed_key") or f"spec-{uuid4()}"} for item in items]
        await self._seeder.content(keyed, school_id)
        async with self._engine.connect() as connection:
            ids = [
                await connection.scalar(select(cms_content.c.id).where(cms_content.c.seed_key == item["seed_key"]))
                for item in keyed
            ]
        return [str(content_id) for content_id in ids]

    # -- the child's side, over HTTP ----------------------------------------------------------

    async def open_chat(self, flow: str, initial_state: Mapping[str, Any]) -> Opened:
        browser = await self._browser()
        reply = await browser.start(flow, dict(initial_state))
        if reply.status != 201:
            raise refusal(reply, not_found=FlowNotFound)
        body = reply.body
        self._chats[body["session_token"]] = (
            browser,
            Chat(body["session_token"], body["csrf_token"], body["session_id"], body),
        )
        return Opened(body["session_token"], UUID(body["session_id"]), body)

    async def answer(self, token: str, value: Any, input_type: str | None = None) -> Mapping[str, Any]:
        browser, chat = self._chats[token]
        reply = await browser.interact(chat, value, input_type)
        if reply.status != 200:
            raise refusal(reply)
        return dict(reply.body)

    async def read_back(self, token: str) -> int:
        reply = await (await self._browser_of(token)).session(token)
        if reply.status != 200:
            raise refusal(reply)
        return int(reply.body["revision"])

    async def history(self, token: str) -> list[Mapping[str, Any]]:
        reply = await (await self._browser_of(token)).history(token, limit=HISTORY_PAGE)
        if reply.status != 200:
            raise refusal(reply)
        return [item["content"] for item in reply.body["items"]]

    async def _browser(self) -> ChatApi:
        """A browser of its own (its own cookie jar) on the application."""
        client = test_utils.TestClient(self._server)
        await client.start_server()
        self._browsers.append(client)
        return ChatApi(client)

    async def _browser_of(self, token: str) -> ChatApi:
        known = self._chats.get(token)
        return known[0] if known else await self._browser()

    # -- looking inside -----------------------------------------------------------------------

    async def stored_session(self, session_id: UUID) -> Session | None:
        async with self._uow() as uow:
            return await uow.sessions.get(session_id)

    async def sessions_kept(self) -> int:
        async with self._uow() as uow:
            return (await uow.sessions.list(SessionFilter(), 0, 1)).total
