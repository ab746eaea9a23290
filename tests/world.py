"""A whole chatbot on the memory adapters: the use cases wired as production wires them.

Unit tests and the BDD specs drive this world; loading helpers put the shared fixtures into
its store the way ``chatbot import``/``seed`` put them into PostgreSQL.
"""

from __future__ import annotations

from typing import Any, Mapping
from uuid import UUID, uuid4, uuid5

from adapters.cel.engine import CelExpressionEngine
from adapters.memory.http import ScriptedApiClient, ScriptedWebhookClient
from adapters.memory.store import InMemoryStore, StoredContent
from adapters.memory.time_and_chance import FixedClock, SeededRandomSource
from adapters.memory.unit_of_work import in_memory_uow_factory
from application.flow_cache import FlowVersionCache
from application.flow_runner import FlowRunner
from application.use_cases.end_session import EndSessionHandler
from application.use_cases.forget_replies import ForgetExpiredRepliesHandler
from application.use_cases.import_flow import ImportFlow, ImportFlowHandler
from application.use_cases.interact import InteractHandler
from application.use_cases.patch_state import PatchStateHandler
from application.use_cases.publish_flow import PublishFlowHandler, ValidateFlowHandler
from application.use_cases.session_queries import GetHistoryHandler, GetSessionHandler
from application.use_cases.start_session import StartSessionHandler
from domain.conversation.interpreter import Interpreter
from domain.conversation.requests import ContentItem
from domain.expressions.engine import ExpressionEngine
from domain.tenancy.school import School
from domain.themes.theme import Theme
from tests import shared_fixtures

_SEED_NAMESPACE = UUID("6f1c2a9e-3b7d-4d7e-9a51-2f0c8e4b1d22")


def seeded_id(seed_key: str) -> UUID:
    """A stable id for a fixture row, so tests can name it."""
    return uuid5(_SEED_NAMESPACE, seed_key)


class MemoryWorld:
    def __init__(self, seed: int = 0, max_steps: int = 250, engine: ExpressionEngine | None = None) -> None:
        self.store = InMemoryStore()
        self.clock = FixedClock()
        self.random = SeededRandomSource(seed)
        self.api = ScriptedApiClient()
        self.webhooks = ScriptedWebhookClient()
        self.engine = engine or CelExpressionEngine()
        self.cache = FlowVersionCache()
        uow = in_memory_uow_factory(self.store)
        runner = FlowRunner(cache=self.cache, api=self.api, webhooks=self.webhooks)
        interpreter = Interpreter(self.engine, max_steps=max_steps)
        self.start = StartSessionHandler(uow=uow, runner=runner, interpreter=interpreter, clock=self.clock, random=self.random)
        self.interact = InteractHandler(uow=uow, runner=runner, interpreter=interpreter, clock=self.clock)
        self.end = EndSessionHandler(uow=uow, clock=self.clock)
        self.get_session = GetSessionHandler(uow=uow, clock=self.clock)
        self.get_history = GetHistoryHandler(uow=uow, clock=self.clock)
        self.patch_state = PatchStateHandler(uow=uow, clock=self.clock)
        self.forget_replies = ForgetExpiredRepliesHandler(uow=uow, clock=self.clock)
        self.import_flow = ImportFlowHandler(uow=uow, engine=self.engine, cache=self.cache, clock=self.clock)
        self.publish = PublishFlowHandler(uow=uow, engine=self.engine, cache=self.cache, clock=self.clock)
        self.validate = ValidateFlowHandler(uow=uow, engine=self.engine)

    # -- loading --------------------------------------------------------------------------------

    async def load_flow(self, document: Mapping[str, Any], publish: bool = True) -> UUID:
        imported = await self.import_flow(ImportFlow(document=document, publish=publish))
        return imported.flow.id

    async def load_huey(self) -> UUID:
        """The demo school, its theme and content, and the four Huey flows; the bookbot's id."""
        seed = shared_fixtures.demo_seed()
        self.add_school(seed["school"])
        self.add_content(seed["cms_content"])
        ids = [await self.load_flow(document) for document in shared_fixtures.huey_flows()]
        return ids[-1]

    def add_school(self, school: Mapping[str, Any], theme: Theme | None = None) -> School:
        record = School(
            id=seeded_id(school["seed_key"]),
            wriveted_identifier=UUID(school["wriveted_identifier"]),
            name=school["name"],
            default_theme_id=theme.id if theme else None,
        )
        self.store.schools[record.id] = record
        return record

    def add_theme(self, theme: Mapping[str, Any], is_default: bool = False) -> Theme:
        record = Theme(
            id=seeded_id(theme.get("seed_key") or theme["name"]),
            name=theme["name"],
            config=theme.get("config") or {},
            avatar_url=theme.get("avatar_url"),
            is_default=is_default,
        )
        self.store.themes[record.id] = record
        return record

    def add_content(self, items: list[Mapping[str, Any]], school_id: UUID | None = None) -> list[str]:
        ids = []
        for raw in items:
            content_id = str(seeded_id(raw.get("seed_key") or str(uuid4())))
            item = ContentItem(content_id, raw["type"], raw["content"], tuple(raw.get("tags") or ()), raw.get("info") or {})
            self.store.content[content_id] = StoredContent(
                item=item,
                status=raw.get("status", "published"),
                is_active=raw.get("is_active", True),
                visibility=raw.get("visibility", "wriveted"),
                school_id=school_id,
            )
            ids.append(content_id)
        return ids
