"""PostgresFlowRepository: flow drafts (canonical in flow_nodes / flow_connections) and their
immutable published versions.

A draft is written with its nodes and connections in one statement: the composite foreign
keys from connections to nodes are checked at the end of the statement, by which time every
CTE has inserted its rows. ``flow_definitions.flow_data`` is rewritten alongside, as the
snapshot regenerated from the graph (its non-graph keys preserved), for import and export.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.dialects.postgresql import TIMESTAMP
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.postgres.flow_rows import (
    connection_rows,
    definition_from_row,
    node_rows,
    version_from_row,
    version_snapshot,
)
from adapters.postgres.json_values import to_json
from adapters.postgres.rows import uuid_or_none
from adapters.postgres.sql import typed_sql
from adapters.postgres.staging import Reads, Stage, Statement
from adapters.postgres.tables import content_visibility
from domain.errors import FlowNotFound
from domain.flows.definition import FlowDefinition
from domain.flows.snapshot import flow_data_from_graph
from domain.flows.version import FlowVersion

_UUID = PG_UUID(as_uuid=True)
_TIME = TIMESTAMP(timezone=True)

_DEFINITION = """
    SELECT f.id, f.name, f.description, f.version, f.flow_data, f.entry_node_id, f.info, f.contract,
           f.is_published, f.is_active, f.visibility, f.school_id, f.seed_key, f.trace_enabled,
           f.theme_id, f.current_version_id, f.created_by, f.created_at, f.published_at,
           (SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', n.node_id, 'type', n.node_type, 'content', n.content,
                       'position', n.position, 'execution_context', n.execution_context,
                       'template', n.template, 'info', n.info)), '[]'::jsonb)
            FROM flow_nodes AS n WHERE n.flow_id = f.id) AS nodes,
           (SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'source', x.source_node_id, 'target', x.target_node_id,
                       'type', x.connection_type, 'conditions', x.conditions, 'info', x.info)), '[]'::jsonb)
            FROM flow_connections AS x WHERE x.flow_id = f.id) AS connections
    FROM flow_definitions AS f
"""
_BY_ID = typed_sql(_DEFINITION + "WHERE f.id = :id", id=_UUID)
_BY_SEED_KEY = typed_sql(_DEFINITION + "WHERE f.seed_key = :seed_key", seed_key=String)

_VERSION = """
    SELECT v.id, v.flow_id, v.version_number, v.snapshot, v.published_at
    FROM flow_versions AS v
"""
_VERSION_BY_ID = typed_sql(_VERSION + "WHERE v.id = :id", id=_UUID)
# ``:flow_id`` is the key read as a UUID, or NULL when it is not one (then only seed keys match).
_PUBLISHED = typed_sql(
    _VERSION
    + """
    JOIN flow_definitions AS f ON f.current_version_id = v.id
    WHERE f.is_active AND f.is_published AND (f.seed_key = :key OR f.id = :flow_id)
    """,
    key=String,
    flow_id=_UUID,
)
_PUBLISHED_ID = typed_sql(
    """
    SELECT f.current_version_id FROM flow_definitions AS f
    WHERE f.is_active AND f.is_published AND (f.seed_key = :key OR f.id = :flow_id)
    """,
    key=String,
    flow_id=_UUID,
)
_NEXT_NUMBER = typed_sql(
    "SELECT coalesce(max(version_number), 0) + 1 FROM flow_versions WHERE flow_id = :flow_id", flow_id=_UUID
)
_KNOWN_KEYS = typed_sql("SELECT CAST(id AS text) AS id, seed_key FROM flow_definitions")

_GRAPH_ROWS = """
    nodes AS (
        INSERT INTO flow_nodes (flow_id, node_id, node_type, execution_context, template, content, position, info)
        SELECT {flow}, n.id, n.type, n.execution_context, n.template, n.content,
               coalesce(n.position, '{{"x": 0, "y": 0}}'::jsonb), coalesce(n.info, '{{}}'::jsonb)
        FROM {source} jsonb_to_recordset(CAST(:nodes AS jsonb)) AS n (
            id text, type enum_flow_node_type, execution_context enum_flow_execution_context,
            template text, content jsonb, position jsonb, info jsonb
        )
    )
    INSERT INTO flow_connections (flow_id, source_node_id, target_node_id, connection_type, conditions, info)
    SELECT {flow}, x.source, x.target, x.type, coalesce(x.conditions, '{{}}'::jsonb), coalesce(x.info, '{{}}'::jsonb)
    FROM {source} jsonb_to_recordset(CAST(:connections AS jsonb)) AS x (
        source text, target text, type text, conditions jsonb, info jsonb
    )
"""

_DEFINITION_TYPES: dict[str, Any] = dict(
    id=_UUID,
    name=String,
    description=Text,
    version=String,
    flow_data=Text,
    entry_node_id=String,
    info=Text,
    contract=Text,
    is_published=Boolean,
    is_active=Boolean,
    visibility=content_visibility,
    school_id=_UUID,
    seed_key=String,
    trace_enabled=Boolean,
    theme_id=_UUID,
    current_version_id=_UUID,
    published_at=_TIME,
    nodes=Text,
    connections=Text,
)

_INSERT = typed_sql(
    """
    WITH flow AS (
        INSERT INTO flow_definitions (
            id, name, description, version, flow_data, entry_node_id, info, contract, is_published,
            is_active, visibility, school_id, seed_key, trace_enabled, theme_id, current_version_id,
            created_by, published_at
        )
        VALUES (
            :id, :name, :description, :version, CAST(:flow_data AS jsonb), :entry_node_id,
            CAST(:info AS jsonb), CAST(:contract AS jsonb), :is_published, :is_active, :visibility,
            :school_id, :seed_key, :trace_enabled, :theme_id, :current_version_id, :created_by,
            :published_at
        )
        RETURNING id
    ),
    """
    + _GRAPH_ROWS.format(flow="flow.id", source="flow,"),
    created_by=_UUID,
    **_DEFINITION_TYPES,
)

# Deleting the nodes cascades to the connections (the cascade also runs at statement end).
_UPDATE = typed_sql(
    """
    WITH dropped AS (DELETE FROM flow_nodes WHERE flow_id = :id)
    UPDATE flow_definitions
    SET name = :name, description = :description, version = :version,
        flow_data = CAST(:flow_data AS jsonb), entry_node_id = :entry_node_id, info = CAST(:info AS jsonb),
        contract = CAST(:contract AS jsonb), is_published = :is_published, is_active = :is_active,
        visibility = :visibility, school_id = :school_id, seed_key = :seed_key,
        trace_enabled = :trace_enabled, theme_id = :theme_id, current_version_id = :current_version_id,
        published_at = coalesce(:published_at, published_at)
    WHERE id = :id
    """,
    **{k: v for k, v in _DEFINITION_TYPES.items() if k not in ("nodes", "connections")},
)
# A separate statement: in the one above, the cascade at its end would also delete these.
_INSERT_GRAPH = typed_sql(
    "WITH " + _GRAPH_ROWS.format(flow="CAST(:id AS uuid)", source=""),
    id=_UUID,
    nodes=Text,
    connections=Text,
)

_INSERT_VERSION = typed_sql(
    """
    WITH version AS (
        INSERT INTO flow_versions (id, flow_id, version_number, snapshot, published_at, published_by)
        VALUES (:id, :flow_id, :number, CAST(:snapshot AS jsonb), coalesce(:published_at, now()), :published_by)
        RETURNING id, published_at
    )
    UPDATE flow_definitions AS f
    SET current_version_id = version.id, is_published = true, published_at = version.published_at,
        published_by = :published_by
    FROM version
    WHERE f.id = :flow_id
    """,
    id=_UUID,
    flow_id=_UUID,
    number=Integer,
    snapshot=Text,
    published_at=_TIME,
    published_by=_UUID,
)


def _definition_params(flow: FlowDefinition) -> dict[str, Any]:
    return {
        "id": flow.id,
        "name": flow.name,
        "description": flow.description,
        "version": flow.version,
        "flow_data": to_json(flow_data_from_graph(flow.graph, flow.extras)),
        "entry_node_id": flow.graph.entry_node_id,
        "info": to_json(flow.info),
        "contract": to_json(flow.contract),
        "is_published": flow.is_published,
        "is_active": flow.is_active,
        "visibility": flow.visibility.value,
        "school_id": flow.school_id,
        "seed_key": flow.seed_key,
        "trace_enabled": flow.trace_enabled,
        "theme_id": flow.theme_id,
        "current_version_id": flow.current_version_id,
        "published_at": flow.published_at,
    }


def _graph_params(flow: FlowDefinition) -> dict[str, Any]:
    return {"id": flow.id, "nodes": to_json(node_rows(flow.graph)), "connections": to_json(connection_rows(flow.graph))}


@dataclass(frozen=True, slots=True)
class _UpdateDefinition:
    """Replacing a draft that is not there is a missing flow, not a silent no-op."""

    flow_id: UUID
    params: Mapping[str, Any]

    async def apply(self, connection: AsyncConnection) -> None:
        result = await connection.execute(_UPDATE, dict(self.params))
        if result.rowcount == 0:
            raise FlowNotFound(f"flow {self.flow_id} does not exist")


class PostgresFlowRepository:
    def __init__(self, reads: Reads, stage: Stage) -> None:
        self._reads = reads
        self._stage = stage

    async def get(self, flow_id: UUID) -> FlowDefinition | None:
        row = await self._reads.first(_BY_ID, {"id": flow_id})
        return definition_from_row(row) if row else None

    async def get_by_seed_key(self, seed_key: str) -> FlowDefinition | None:
        row = await self._reads.first(_BY_SEED_KEY, {"seed_key": seed_key})
        return definition_from_row(row) if row else None

    async def published_version(self, key: str) -> FlowVersion | None:
        row = await self._reads.first(_PUBLISHED, {"key": key, "flow_id": uuid_or_none(key)})
        return version_from_row(row) if row else None

    async def published_version_id(self, key: str) -> UUID | None:
        return await self._reads.scalar(_PUBLISHED_ID, {"key": key, "flow_id": uuid_or_none(key)})

    async def version(self, version_id: UUID) -> FlowVersion | None:
        row = await self._reads.first(_VERSION_BY_ID, {"id": version_id})
        return version_from_row(row) if row else None

    async def next_version_number(self, flow_id: UUID) -> int:
        return int(await self._reads.scalar(_NEXT_NUMBER, {"flow_id": flow_id}))

    async def known_keys(self) -> set[str]:
        rows = await self._reads.rows(_KNOWN_KEYS)
        return {row.id for row in rows} | {row.seed_key for row in rows if row.seed_key}

    def add(self, flow: FlowDefinition) -> None:
        params = _definition_params(flow) | _graph_params(flow) | {"created_by": flow.created_by}
        self._stage(Statement(_INSERT, params))

    def replace(self, flow: FlowDefinition) -> None:
        self._stage(_UpdateDefinition(flow.id, _definition_params(flow)))
        self._stage(Statement(_INSERT_GRAPH, _graph_params(flow)))

    def add_version(self, version: FlowVersion, published_by: UUID | None) -> None:
        params = {
            "id": version.id,
            "flow_id": version.flow_id,
            "number": version.number,
            "snapshot": to_json(version_snapshot(version)),
            "published_at": version.published_at,
            "published_by": published_by,
        }
        self._stage(Statement(_INSERT_VERSION, params))
