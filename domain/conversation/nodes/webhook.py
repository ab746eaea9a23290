"""Webhook nodes: call an outside service and map its JSON answer into variables.

Secrets stay as ``{{secret:name}}`` references in the request; the outbound adapter fills them
at call time. ``response_mapping`` maps variable names to JSONPath into the response.
"""

from __future__ import annotations

from typing import Any, Generator, Mapping

from domain.conversation.nodes.common import failure_route, set_variable
from domain.conversation.outcomes import Follow, Outcome
from domain.conversation.requests import CallWebhook, HttpOutcome, Request
from domain.conversation.walk import Walk
from domain.expressions import jsonpath
from domain.flows.connection import DEFAULT, SUCCESS
from domain.flows.node import Node

# Timeouts and retry delays are seconds. Publishing refuses timeouts over 300 s (validation);
# the runtime clamps anyway so a hand-edited version cannot hold a conversation hostage.
LONGEST_TIMEOUT_SECONDS = 300.0
LONGEST_RETRY_DELAY_SECONDS = 30.0


def call(node: Node, walk: Walk) -> Generator[Request, Any, Outcome]:
    content = node.content
    retry = content.get("retry") or {}
    outcome: HttpOutcome = yield CallWebhook(
        method=str(content.get("method", "POST")).upper(),
        url=walk.render_text(str(content.get("url", ""))),
        headers={str(k): str(v) for k, v in walk.render(dict(content.get("headers") or {})).items()},
        body=walk.render(content.get("body")),
        timeout_seconds=_clamped(content.get("timeout", 30), LONGEST_TIMEOUT_SECONDS),
        retry_attempts=int(retry.get("attempts", 0)),
        retry_delay_seconds=_clamped(retry.get("delay", 1), LONGEST_RETRY_DELAY_SECONDS),
    )
    changed: list[str] = []
    response = outcome.body if outcome.ok else content.get("fallback_response")
    if response is not None:
        _map(content.get("response_mapping") or {}, response, walk, changed)
    if not outcome.ok and content.get("error_variable"):
        set_variable(walk, str(content["error_variable"]), {"status": outcome.status, "error": outcome.error}, changed)
    walk.record_action(node.id, {"webhook": content.get("url"), "ok": outcome.ok, "status": outcome.status, "changed": changed})
    if outcome.ok:
        return Follow((SUCCESS, DEFAULT))
    return failure_route(content.get("fallback_response") is not None)


def _map(mapping: Mapping[str, Any], response: Any, walk: Walk, changed: list[str]) -> None:
    for variable, path in mapping.items():
        set_variable(walk, str(variable), jsonpath.read(response, str(path)), changed)


def _clamped(value: Any, longest: float) -> float:
    return max(0.1, min(float(value), longest))
