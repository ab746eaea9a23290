"""Checks over the graph: entry, connections, reachability, loops, composites and CEL syntax."""

from __future__ import annotations

from typing import Any

from domain.flows.validation import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _message(node_id: str, **content: Any) -> dict[str, Any]:
    return {"id": node_id, "type": "message", "content": {"text": f"This is {node_id}", **content}}


def _question(node_id: str, **content: Any) -> dict[str, Any]:
    return {"id": node_id, "type": "question", "content": {"text": "Name?", "variable": "temp.name", **content}}


def _action(node_id: str) -> dict[str, Any]:
    return {"id": node_id, "type": "action", "content": {"actions": [{"type": "increment", "variable": "temp.n"}]}}


def _condition(node_id: str, *branches: tuple[Any, str], **content: Any) -> dict[str, Any]:
    conditions = [{"if": when, "then": then} for when, then in branches]
    return {"id": node_id, "type": "condition", "content": {"conditions": conditions, **content}}


def _edge(source: str, target: str, kind: str = "default", **extra: Any) -> dict[str, Any]:
    return {"source": source, "target": target, "type": kind, **extra}


def _only(report, code: str) -> list[tuple[Severity, str, str | None]]:
    return [(f.severity, f.field, f.node_id) for f in report.findings if f.code == code]


def test_a_straight_flow_has_no_findings(validate) -> None:
    report = validate([_message("a"), _question("b"), _message("c")], [_edge("a", "b"), _edge("b", "c")])

    assert report.findings == ()


def test_an_entry_node_that_does_not_exist_is_an_error(validate) -> None:
    report = validate([_message("a")], entry="start")

    assert _only(report, "graph.entry_node.missing") == [(ERROR, "entry_node_id", None)]
    assert "node.unreachable" not in report.codes()


def test_a_connection_to_or_from_a_missing_node_is_an_error(validate) -> None:
    report = validate([_message("a"), _message("b")], [_edge("a", "b"), _edge("a", "ghost"), _edge("phantom", "b")])

    assert _only(report, "connection.target.missing") == [(ERROR, "connections[1].target", None)]
    assert _only(report, "connection.source.missing") == [(ERROR, "connections[2].source", None)]


def test_the_same_connection_twice_is_an_error_on_the_second(validate) -> None:
    report = validate([_message("a"), _message("b")], [_edge("a", "b"), _edge("a", "b")])

    assert _only(report, "connection.duplicate") == [(ERROR, "connections[1]", "a")]


def test_an_unknown_connection_type_is_an_error(validate) -> None:
    report = validate([_message("a"), _message("b")], [_edge("a", "b", "sideways")])

    assert _only(report, "connection.type.unknown") == [(ERROR, "connections[0].type", "a")]


def test_two_unguarded_connections_of_one_kind_are_ambiguous(validate) -> None:
    report = validate([_message("a"), _message("b"), _message("c")], [_edge("a", "b"), _edge("a", "c")])

    assert _only(report, "connection.ambiguous") == [(WARNING, "connections[1]", "a")]


def test_a_guarded_connection_beside_an_unguarded_one_is_not_ambiguous(validate) -> None:
    guard = {"conditions": {"if": {"var": "temp.name", "eq": "Huey"}}}
    report = validate(
        [_question("a"), _message("b"), _message("c")], [_edge("a", "b", **guard), _edge("a", "c")]
    )

    assert "connection.ambiguous" not in report.codes()


def test_a_node_no_path_reaches_is_a_warning(validate) -> None:
    report = validate([_message("a"), _message("b"), _message("island")], [_edge("a", "b")])

    assert _only(report, "node.unreachable") == [(WARNING, "nodes[island]", "island")]


def test_a_question_that_stores_its_answer_nowhere_is_an_error(validate) -> None:
    question = {"id": "q", "type": "question", "content": {"text": "Name?", "input_type": "text"}}

    report = validate([question])

    assert _only(report, "question.variable.missing") == [(ERROR, "nodes[q].content.variable", "q")]


def test_a_random_question_may_store_its_answer_in_a_result_variable(validate) -> None:
    question = {
        "id": "q",
        "type": "question",
        "content": {"source": "random", "source_config": {"type": "question"}, "result_variable": "temp.answer"},
    }

    assert validate([question]).findings == ()


def test_a_condition_without_a_default_path_is_a_warning(validate) -> None:
    nodes = [_condition("c", ("temp.n > 1", "$0")), _message("big")]

    report = validate(nodes, [_edge("c", "big", "$0")])

    assert _only(report, "condition.default.missing") == [(WARNING, "nodes[c].content.default_path", "c")]


def test_a_condition_whose_default_path_names_a_connected_kind_has_a_default(validate) -> None:
    nodes = [_condition("c", ("temp.n > 1", "$0"), default_path="$1"), _message("big"), _message("small")]

    report = validate(nodes, [_edge("c", "big", "$0"), _edge("c", "small", "$1")])

    assert report.findings == ()


def test_a_branch_that_follows_no_connection_is_a_warning(validate) -> None:
    nodes = [_condition("c", ("temp.n > 1", "$0"), ("temp.n > 5", "$1")), _message("big"), _message("other")]

    report = validate(nodes, [_edge("c", "big", "$0"), _edge("c", "other")])

    assert _only(report, "condition.branch.unconnected") == [(WARNING, "nodes[c].content.conditions[1].then", "c")]


def test_the_seeds_condition_form_naming_nodes_directly_is_connected(validate) -> None:
    age = {"var": "user.age", "gte": 13}
    nodes = [_condition("c", (age, "teen"), **{"else": "child"}), _message("teen"), _message("child")]

    report = validate(nodes)

    assert report.findings == ()


def test_a_loop_that_never_asks_for_input_is_an_error(validate) -> None:
    nodes = [_message("start"), _action("count"), _condition("more", ("temp.n < 3", "$0"))]
    edges = [_edge("start", "count"), _edge("count", "more"), _edge("more", "count", "$0")]

    report = validate(nodes, edges)

    (finding,) = [f for f in report.findings if f.code == "graph.cycle.no_input"]
    assert (finding.severity, finding.field) == (ERROR, "nodes[count]")
    assert "count → more" in finding.message


def test_a_node_that_leads_to_itself_without_input_is_an_error(validate) -> None:
    report = validate([_action("spin")], [_edge("spin", "spin")])

    assert _only(report, "graph.cycle.no_input") == [(ERROR, "nodes[spin]", "spin")]


def test_a_loop_through_a_question_or_an_acknowledged_message_is_fine(validate) -> None:
    asks = validate([_question("ask"), _action("count")], [_edge("ask", "count"), _edge("count", "ask")])
    waits = validate(
        [_message("hold", wait_for_ack=True), _action("count")], [_edge("hold", "count"), _edge("count", "hold")]
    )

    assert "graph.cycle.no_input" not in asks.codes() | waits.codes()


def test_a_composite_naming_an_unknown_flow_is_an_error(validate) -> None:
    by_key = {"id": "sub", "type": "composite", "content": {"composite_flow_seed_key": "huey-missing"}}
    by_id = {"id": "sub2", "type": "composite", "content": {"composite_flow_id": "0b7f2a76-9a4c-4b0b-a3f5-2a8f1d7e9c11"}}

    report = validate([by_key, by_id], [_edge("sub", "sub2")], known_flows={"huey-profile"})

    assert _only(report, "composite.target.unknown") == [
        (ERROR, "nodes[sub].content.composite_flow_seed_key", "sub"),
        (ERROR, "nodes[sub2].content.composite_flow_id", "sub2"),
    ]


def test_a_composite_naming_a_known_flow_is_fine(validate) -> None:
    composite = {"id": "sub", "type": "composite", "content": {"composite_flow_seed_key": "huey-profile"}}

    assert validate([composite], known_flows={"huey-profile"}).findings == ()


def test_cel_that_does_not_compile_is_an_error_wherever_it_is(validate) -> None:
    nodes = [
        _condition("c", ("temp.age >= ", "$0"), default_path="default"),
        {"id": "agg", "type": "action", "content": {"actions": [{"type": "aggregate", "expression": "merge([temp.a,", "target": "user.x"}]}},
        _message("m"),
    ]
    edges = [
        _edge("c", "agg", "$0"),
        _edge("c", "m"),
        _edge("agg", "m", conditions={"if": "temp.x ==="}),
        _edge("m", "agg", "$0", conditions="temp.ok &&"),
    ]

    report = validate(nodes, edges)

    assert _only(report, "expression.invalid") == [
        (ERROR, "nodes[c].content.conditions[0].if", "c"),
        (ERROR, "nodes[agg].content.actions[0].expression", "agg"),
        (ERROR, "connections[2].conditions.if", None),
        (ERROR, "connections[3].conditions", None),
    ]
