"""Validate a flow's draft and freeze it into an immutable, numbered version.

ERROR findings refuse publishing (with the whole report); warnings do not. Sessions already
running keep the version they started on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from application.flow_cache import FlowVersionCache
from application.ports.clock import Clock
from application.ports.persistence import UnitOfWork, UnitOfWorkFactory
from domain.errors import FlowInvalid, FlowNotFound
from domain.expressions.engine import ExpressionEngine
from domain.flows.definition import FlowDefinition
from domain.flows.validation.report import ValidationReport
from domain.flows.validation.validator import validate_flow
from domain.flows.version import FlowVersion


@dataclass(frozen=True, slots=True)
class PublishFlow:
    flow_id: UUID
    published_by: UUID | None = None


@dataclass(frozen=True, slots=True)
class ValidateFlow:
    flow_id: UUID


@dataclass(frozen=True, slots=True)
class FlowPublished:
    version: FlowVersion
    report: ValidationReport


async def draft_of(uow: UnitOfWork, flow_id: UUID) -> FlowDefinition:
    flow = await uow.flows.get(flow_id)
    if flow is None:
        raise FlowNotFound(f"flow {flow_id} does not exist")
    return flow


async def check_flow(uow: UnitOfWork, flow: FlowDefinition, engine: ExpressionEngine) -> ValidationReport:
    known = await uow.flows.known_keys()
    return validate_flow(flow.graph, engine, known)


def freeze(flow: FlowDefinition, number: int, published_at: datetime) -> FlowVersion:
    return FlowVersion(
        id=uuid4(),
        flow_id=flow.id,
        number=number,
        name=flow.name,
        graph=flow.graph,
        seed_key=flow.seed_key,
        extras=flow.extras,
        trace_enabled=flow.trace_enabled,
        theme_id=flow.theme_id,
        school_id=flow.school_id,
        published_at=published_at,
    )


class ValidateFlowHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, engine: ExpressionEngine) -> None:
        self._uow = uow
        self._engine = engine

    async def __call__(self, command: ValidateFlow) -> ValidationReport:
        async with self._uow() as uow:
            return await check_flow(uow, await draft_of(uow, command.flow_id), self._engine)


class PublishFlowHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, engine: ExpressionEngine, cache: FlowVersionCache, clock: Clock) -> None:
        self._uow = uow
        self._engine = engine
        self._cache = cache
        self._clock = clock

    async def __call__(self, command: PublishFlow) -> FlowPublished:
        async with self._uow() as uow:
            flow = await draft_of(uow, command.flow_id)
            published = await publish(uow, flow, self._engine, command.published_by, self._clock)
            await uow.commit()
        self._cache.remember(published.version)
        return published


async def publish(
    uow: UnitOfWork, flow: FlowDefinition, engine: ExpressionEngine, published_by: UUID | None, clock: Clock
) -> FlowPublished:
    """Validate and stage a new version of ``flow`` in ``uow`` (the caller commits)."""
    report = await check_flow(uow, flow, engine)
    if not report.is_valid:
        raise FlowInvalid(
            f"flow {flow.name!r} has {len(report.errors)} error(s) and was not published",
            report.field_errors(),
            report.to_dict(),
        )
    number = await uow.flows.next_version_number(flow.id)
    version = freeze(flow, number, clock.now())
    uow.flows.add_version(version, published_by)
    return FlowPublished(version=version, report=report)

