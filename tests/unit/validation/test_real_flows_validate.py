"""The flows the product ships with must validate without an ERROR, as they are."""

from __future__ import annotations

from typing import Any

import pytest

from domain.flows.snapshot import graph_from_flow_data
from domain.flows.validation import Severity, validate_flow


def _graph(flow: dict[str, Any]):
    return graph_from_flow_data(flow["flow_data"], flow["entry_node_id"])


def test_every_seeded_flow_validates_without_an_error(engine, seed_flows) -> None:
    known = {flow["seed_key"] for flow in seed_flows}
    for flow in seed_flows:
        report = validate_flow(_graph(flow), engine, known)
        assert report.errors == (), (flow["seed_key"], report.to_dict())
        assert "rule.evaluation_failed" not in report.codes()


def test_the_huey_greeting_with_a_single_option_is_only_a_warning(engine, seed_flows) -> None:
    bookbot = next(flow for flow in seed_flows if flow["seed_key"] == "huey-bookbot")
    report = validate_flow(_graph(bookbot), engine, {"huey-profile", "huey-preferences", "huey-recommendation"})

    single = [f for f in report.findings if f.code == "question.options.too_few"]
    assert [f.field for f in single] == [
        "nodes[greeting_response].content.options",
        "nodes[school_confirm].content.options",
    ]
    assert all(f.severity is Severity.WARNING for f in single)
    assert report.is_valid


def test_the_huey_bookbot_cannot_publish_before_its_sub_flows_exist(engine, seed_flows) -> None:
    bookbot = next(flow for flow in seed_flows if flow["seed_key"] == "huey-bookbot")
    report = validate_flow(_graph(bookbot), engine, known_flows=set())

    assert not report.is_valid
    assert [(f.code, f.field) for f in report.errors] == [
        ("composite.target.unknown", f"nodes[{node_id}].content.composite_flow_seed_key")
        for node_id in ("profile_composite", "preferences_composite", "recommendation_composite")
    ]


@pytest.mark.parametrize("seed_key", ["huey-profile", "huey-preferences", "huey-recommendation", "admin-ui-demo-flow"])
def test_the_sub_flows_and_the_demo_flow_have_no_findings_above_info(engine, seed_flows, seed_key) -> None:
    flow = next(flow for flow in seed_flows if flow["seed_key"] == seed_key)
    report = validate_flow(_graph(flow), engine, known_flows=set())

    assert [f.to_dict() for f in report.findings if f.severity is not Severity.INFO] == []
