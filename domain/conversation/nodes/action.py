"""Action nodes: change variables, aggregate, and call internal APIs, in order.

Results are internal: they go to history as ``action`` entries and are never sent to the client.
The node leaves along ``success`` (or ``default``) when every action succeeded, else along
``failure``/``error`` (or ``default``, with the ``fallback_response`` applied).
"""

from __future__ import annotations

from typing import Any, Generator, Mapping

from domain.conversation.nodes.common import failure_route, set_variable
from domain.conversation.outcomes import Follow, Outcome
from domain.conversation.paths import qualified
from domain.conversation.requests import CallApi, HttpOutcome, Request
from domain.conversation.walk import Walk
from domain.errors import FlowRuntimeError
from domain.expressions.aggregates import LEGACY_OPERATIONS, collect
from domain.flows.connection import DEFAULT, SUCCESS
from domain.flows.node import Node


def perform(node: Node, walk: Walk) -> Generator[Request, Any, Outcome]:
    changed: list[str] = []
    failed = False
    all_failures_have_fallbacks = True
    for action in node.content.get("actions") or []:
        kind = action.get("type")
        if kind == "api_call":
            ok = yield from _api_call(action, walk, changed)
            if not ok:
                failed = True
                all_failures_have_fallbacks &= (action.get("config") or action).get("fallback_response") is not None
        else:
            _apply(kind, action, walk, changed)
    walk.record_action(node.id, {"actions": [a.get("type") for a in node.content.get("actions") or []], "changed": changed})
    if failed:
        return failure_route(all_failures_have_fallbacks)
    return Follow((SUCCESS, DEFAULT))


def _apply(kind: Any, action: Mapping[str, Any], walk: Walk, changed: list[str]) -> None:
    if kind == "set_variable":
        set_variable(walk, _variable(action), walk.render(action.get("value")), changed)
    elif kind in ("increment", "decrement"):
        path = _variable(action)
        amount = walk.render(action.get("amount", 1))
        current = walk.lookup(path) or 0
        if not isinstance(current, (int, float)) or not isinstance(amount, (int, float)):
            raise FlowRuntimeError(f"{kind} needs numbers, got {current!r} and {amount!r} for {path!r}")
        set_variable(walk, path, current + amount if kind == "increment" else current - amount, changed)
    elif kind == "delete_variable":
        walk.state.delete(_variable(action))
        changed.append(qualified(_variable(action)))
    elif kind == "aggregate":
        set_variable(walk, str(action.get("target") or _variable(action)), _aggregate(action, walk), changed)
    else:
        raise FlowRuntimeError(f"unknown action type {kind!r}")


def _variable(action: Mapping[str, Any]) -> str:
    variable = action.get("variable")
    if not variable:
        raise FlowRuntimeError(f"{action.get('type')} needs a variable")
    return str(variable)


def _aggregate(action: Mapping[str, Any], walk: Walk) -> Any:
    if action.get("expression"):
        return walk.evaluate(str(action["expression"]))
    operation = LEGACY_OPERATIONS.get(str(action.get("operation", "")))
    if operation is None:
        raise FlowRuntimeError(f"unknown aggregate operation {action.get('operation')!r}")
    source = walk.lookup(str(action.get("source", "")))
    values = list(source) if isinstance(source, list) else []
    field = action.get("weight_field") or action.get("field")
    if field:
        values = collect(values, str(field))
    return operation(values)


def _api_call(action: Mapping[str, Any], walk: Walk, changed: list[str]) -> Generator[Request, Any, bool]:
    config = action.get("config") or action
    breaker = config.get("circuit_breaker") or {}
    outcome: HttpOutcome = yield CallApi(
        method=str(config.get("method", "GET")).upper(),
        endpoint=walk.render_text(str(config.get("endpoint") or config.get("url", ""))),
        body=walk.render(config.get("body")),
        query_params=walk.render(dict(config.get("query_params") or {})),
        headers=walk.render(dict(config.get("headers") or {})),
        timeout_seconds=float(config.get("timeout", 10)),
        circuit=str(config.get("endpoint") or config.get("url", "")),
        breaker_failure_threshold=int(breaker["failure_threshold"]) if "failure_threshold" in breaker else None,
        breaker_reset_seconds=float(breaker["timeout"]) if "timeout" in breaker else None,
    )
    response = outcome.body if outcome.ok else config.get("fallback_response")
    if not outcome.ok and config.get("error_variable"):
        set_variable(walk, str(config["error_variable"]), {"status": outcome.status, "error": outcome.error}, changed)
    if response is not None:
        _map_response(config, response, walk, changed)
    return outcome.ok


def _map_response(config: Mapping[str, Any], response: Any, walk: Walk, changed: list[str]) -> None:
    if config.get("response_variable"):
        set_variable(walk, str(config["response_variable"]), response, changed)
    mapping = config.get("response_mapping") or {}
    if isinstance(response, Mapping):
        for field, target in mapping.items():
            set_variable(walk, str(target), response.get(field), changed)
