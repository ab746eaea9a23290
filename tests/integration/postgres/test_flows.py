"""Flow drafts and published versions on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

import pytest
from sqlalchemy import text, update

from adapters.postgres.errors import translated_errors
from adapters.postgres.tables import flow_versions
from application.use_cases.import_flow import definition_from_document
from domain.errors import Conflict, FlowNotFound, ValidationFailed
from domain.flows.connection import Connection
from domain.flows.graph import FlowGraph
from domain.flows.node import ExecutionContext, Node, NodeType
from tests import shared_fixtures
from tests.integration.postgres.samples import small_flow, small_graph, version_of


async def test_a_draft_reads_back_as_it_was_written(uow):
    flow = small_flow(description="for tests", trace_enabled=True, contract={"inputs": ["age"]})
    async with uow() as work:
        work.flows.add(flow)
        await work.commit()
    async with uow() as work:
        by_id = await work.flows.get(flow.id)
        by_key = await work.flows.get_by_seed_key("small")
    assert by_id == by_key
    assert by_id.graph == flow.graph
    assert (by_id.name, by_id.extras, by_id.info, by_id.contract) == (flow.name, flow.extras, flow.info, flow.contract)
    assert by_id.trace_enabled and by_id.description == "for tests" and not by_id.is_published


async def test_a_draft_is_materialised_as_node_and_connection_rows_and_a_snapshot(uow, engine):
    flow = small_flow()
    async with uow() as work:
        work.flows.add(flow)
        await work.commit()
    async with engine.connect() as connection:
        nodes = (await connection.execute(text("SELECT node_id, node_type FROM flow_nodes ORDER BY node_id"))).all()
        edges = (await connection.execute(text(
            "SELECT source_node_id, target_node_id, connection_type FROM flow_connections ORDER BY 1"))).all()
        flow_data = (await connection.execute(text("SELECT flow_data FROM flow_definitions"))).scalar()
    assert [tuple(n) for n in nodes] == [("ask", "question"), ("bye", "message"), ("start", "message")]
    assert [tuple(e) for e in edges] == [("ask", "bye", "default"), ("start", "ask", "default")]
    assert flow_data["variables"] == [{"name": "age"}] and len(flow_data["nodes"]) == 3


async def test_the_editors_edge_order_survives_the_round_trip(uow):
    guarded = Connection("start", "ask", conditions={"if": "temp.x"})
    nodes = [Node("start", NodeType.CONDITION, {}, execution_context=ExecutionContext.BACKEND, template="t1"),
             Node("ask", NodeType.MESSAGE), Node("bye", NodeType.MESSAGE, info={"k": 1})]
    graph = FlowGraph.build("start", nodes, [Connection("start", "bye", "$1"), guarded, Connection("start", "bye")])
    flow = small_flow(graph=graph)
    async with uow() as work:
        work.flows.add(flow)
        await work.commit()
    async with uow() as work:
        assert (await work.flows.get(flow.id)).graph == graph


async def test_replacing_a_draft_replaces_its_nodes_and_connections(uow, engine):
    flow = small_flow()
    async with uow() as work:
        work.flows.add(flow)
        await work.commit()
    smaller = FlowGraph.build("start", [Node("start", NodeType.MESSAGE), Node("end", NodeType.MESSAGE)],
                              [Connection("start", "end")])
    changed = replace(flow, name="Renamed", graph=smaller, extras={"variables": []})
    async with uow() as work:
        work.flows.replace(changed)
        await work.commit()
    async with uow() as work:
        loaded = await work.flows.get(flow.id)
    assert loaded.name == "Renamed" and loaded.graph == smaller and loaded.extras == {"variables": []}
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM flow_nodes"))).scalar() == 2


async def test_replacing_a_missing_draft_is_flow_not_found_and_writes_nothing(uow):
    async with uow() as work:
        work.flows.replace(small_flow())
        with pytest.raises(FlowNotFound):
            await work.commit()
    async with uow() as work:
        assert await work.flows.known_keys() == set()


async def test_a_connection_to_no_node_is_refused_naming_the_field(uow):
    graph = FlowGraph.build("start", [Node("start", NodeType.MESSAGE)], [Connection("start", "nowhere")])
    async with uow() as work:
        work.flows.add(small_flow(graph=graph))
        with pytest.raises(ValidationFailed) as refused:
            await work.commit()
    assert refused.value.errors[0].field == "flow_data.connections.target"


async def test_a_published_version_is_found_by_id_or_seed_key_and_pins_its_content(uow):
    flow = small_flow()
    first = version_of(flow, 1)
    async with uow() as work:
        work.flows.add(flow)
        work.flows.add_version(first, None)
        await work.commit()

    edited = replace(flow, graph=small_graph("Kia ora"), name="Small flow v2")
    async with uow() as work:
        assert await work.flows.next_version_number(flow.id) == 2
        work.flows.replace(edited)
        second = version_of(edited, 2)
        work.flows.add_version(second, None)
        await work.commit()

    async with uow() as work:
        by_key = await work.flows.published_version("small")
        by_id = await work.flows.published_version(str(flow.id))
        old = await work.flows.version(first.id)
        current = await work.flows.get(flow.id)
    assert by_key == by_id == second
    assert old == first and old.graph.node("start").content != second.graph.node("start").content
    assert current.current_version_id == second.id and current.is_published and current.published_at is not None


async def test_only_active_published_flows_answer_for_their_key(uow, engine):
    draft = small_flow(seed_key="draft")
    retired = small_flow(seed_key="retired", is_active=False)
    async with uow() as work:
        work.flows.add(draft)
        work.flows.add(retired)
        work.flows.add_version(version_of(retired), None)
        await work.commit()
    async with uow() as work:
        assert await work.flows.published_version("draft") is None
        assert await work.flows.published_version("retired") is None
        assert await work.flows.published_version("not-a-flow") is None
        assert await work.flows.published_version(str(uuid4())) is None


async def test_a_published_version_refuses_to_change_and_says_so_as_a_conflict(uow, engine):
    flow = small_flow()
    version = version_of(flow)
    async with uow() as work:
        work.flows.add(flow)
        work.flows.add_version(version, None)
        await work.commit()
    with pytest.raises(Conflict, match="cannot change"):
        with translated_errors():
            async with engine.begin() as connection:
                await connection.execute(update(flow_versions).values(snapshot={"nodes": []}))
    async with uow() as work:
        assert await work.flows.version(version.id) == version


async def test_known_keys_are_every_flow_id_and_seed_key(uow):
    keyed, unkeyed = small_flow(seed_key="keyed"), small_flow(seed_key=None)
    async with uow() as work:
        work.flows.add(keyed)
        work.flows.add(unkeyed)
        await work.commit()
    async with uow() as work:
        assert await work.flows.known_keys() == {str(keyed.id), str(unkeyed.id), "keyed"}


async def test_the_huey_flows_survive_the_round_trip_exactly(uow):
    for document in shared_fixtures.huey_flows():
        flow = definition_from_document(document, uuid4())
        version = version_of(flow, 1)
        async with uow() as work:
            work.flows.add(flow)
            work.flows.add_version(version, None)
            await work.commit()
        async with uow() as work:
            assert (await work.flows.get(flow.id)).graph == flow.graph
            assert (await work.flows.get(flow.id)).extras == flow.extras
            assert await work.flows.published_version(document["seed_key"]) == version

