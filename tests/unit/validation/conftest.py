"""Shared fixtures for flow validation tests: the real CEL engine and small flow builders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping

import pytest

from adapters.cel.engine import CelExpressionEngine
from domain.flows.snapshot import graph_from_flow_data
from domain.flows.validation import ValidationReport, validate_flow

FIXTURES = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures"

Validate = Callable[..., ValidationReport]
CheckNode = Callable[[str, Mapping[str, Any]], ValidationReport]


@pytest.fixture(scope="session")
def engine() -> CelExpressionEngine:
    return CelExpressionEngine()


@pytest.fixture(scope="session")
def seed_flows() -> list[dict[str, Any]]:
    """Every flow the admin UI seed publishes: its inline demo flow and the four Huey files."""
    seed = json.loads((FIXTURES / "admin-ui-seed.json").read_text())
    flows = []
    for entry in seed["flows"]:
        if "flow_file" in entry:
            flows.append(json.loads((FIXTURES / entry["flow_file"]).read_text()))
        else:
            flows.append(entry)
    return flows


@pytest.fixture
def validate(engine: CelExpressionEngine) -> Validate:
    """``validate(nodes, connections=(), entry=None, known_flows=())``; entry defaults to the first node."""

    def run(
        nodes: Iterable[Mapping[str, Any]],
        connections: Iterable[Mapping[str, Any]] = (),
        entry: str | None = None,
        known_flows: Collection[str] = (),
        **options: Any,
    ) -> ValidationReport:
        nodes = list(nodes)
        flow_data = {"nodes": nodes, "connections": list(connections)}
        graph = graph_from_flow_data(flow_data, entry or nodes[0]["id"])
        return validate_flow(graph, engine, known_flows, **options)

    return run


@pytest.fixture
def check_node(validate: Validate) -> CheckNode:
    """Validate a flow of one node, id ``n``, of the given type and content."""

    def run(node_type: str, content: Mapping[str, Any]) -> ValidationReport:
        return validate([{"id": "n", "type": node_type, "content": content}])

    return run

