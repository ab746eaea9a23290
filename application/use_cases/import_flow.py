"""Load a flow file (the fixtures' format) as a draft, creating or replacing it by seed key,
and publish it.

The file: ``{seed_key?, name, description?, version?, entry_node_id, visibility?, trace_enabled?,
contract?, flow_data: {nodes, connections, ...}}``. Composite targets are found by seed key, so
sub-flows are imported before the flows that use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping
from uuid import UUID, uuid4

from application.flow_cache import FlowVersionCache
from application.ports.clock import Clock
from application.ports.persistence import UnitOfWorkFactory
from application.use_cases.publish_flow import FlowPublished, publish
from domain.errors import FieldError, ValidationFailed
from domain.expressions.engine import ExpressionEngine
from domain.flows.definition import FlowDefinition, Visibility
from domain.flows.snapshot import extras_of, graph_from_flow_data
from domain.flows.validation.graph_checks import unstorable_findings


@dataclass(frozen=True, slots=True)
class ImportFlow:
    document: Mapping[str, Any]
    publish: bool = True
    imported_by: UUID | None = None
    school_id: UUID | None = None
    theme_id: UUID | None = None
    overrides: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FlowImported:
    flow: FlowDefinition
    published: FlowPublished | None
    created: bool


def definition_from_document(document: Mapping[str, Any], flow_id: UUID) -> FlowDefinition:
    errors = [FieldError(key, "is required") for key in ("name", "entry_node_id", "flow_data") if not document.get(key)]
    if errors:
        raise ValidationFailed("the flow file is incomplete", errors)
    if not isinstance(document["flow_data"], Mapping):
        raise ValidationFailed("the flow file is malformed", [FieldError("flow_data", "must be an object")])
    try:
        visibility = Visibility(str(document.get("visibility", Visibility.WRIVETED.value)))
    except ValueError:
        raise ValidationFailed("unknown visibility", [FieldError("visibility", "is not a known visibility")]) from None
    return FlowDefinition(
        id=flow_id,
        name=str(document["name"]),
        version=str(document.get("version") or "1.0.0"),
        graph=graph_from_flow_data(document["flow_data"], str(document["entry_node_id"])),
        description=document.get("description"),
        extras=extras_of(document["flow_data"]),
        seed_key=document.get("seed_key"),
        visibility=visibility,
        contract=dict(document.get("contract") or {}),
        trace_enabled=bool(document.get("trace_enabled", False)),
        info=dict(document.get("info") or {}),
    )


def refuse_unstorable(flow: FlowDefinition) -> None:
    """A draft with connections the canonical tables cannot hold is refused before any write."""
    problems = unstorable_findings(flow.graph)
    if problems:
        raise ValidationFailed(
            f"flow {flow.name!r} cannot be saved: {problems[0].message}",
            [FieldError(f"flow_data.{finding.field}", finding.message) for finding in problems],
        )


class ImportFlowHandler:
    def __init__(self, *, uow: UnitOfWorkFactory, engine: ExpressionEngine, cache: FlowVersionCache, clock: Clock) -> None:
        self._uow = uow
        self._engine = engine
        self._cache = cache
        self._clock = clock

    async def __call__(self, command: ImportFlow) -> FlowImported:
        async with self._uow() as uow:
            seed_key = command.document.get("seed_key")
            existing = await uow.flows.get_by_seed_key(str(seed_key)) if seed_key else None
            flow = definition_from_document(command.document, existing.id if existing else uuid4())
            flow = replace(
                flow,
                school_id=command.school_id,
                theme_id=command.theme_id or (existing.theme_id if existing else None),
                created_by=command.imported_by,
                # Saving a draft never takes the published version offline.
                is_published=command.publish or bool(existing and existing.is_published),
                current_version_id=existing.current_version_id if existing else None,
            )
            refuse_unstorable(flow)
            if existing:
                uow.flows.replace(flow)
            else:
                uow.flows.add(flow)
            published = None
            if command.publish:
                published = await publish(uow, flow, self._engine, command.imported_by, self._clock)
            await uow.commit()
        if published:
            self._cache.remember(published.version)
        return FlowImported(flow=flow, published=published, created=existing is None)
