"""Webhook nodes: call an outside service and map its JSON answer into variables.

Secrets stay as ``{{secret:name}}`` references in the request; the outbound adapter fills them
at call time. ``response_mapping`` maps variable names to JSONPath into the response.
"""

from __future__ import annotations

from typing import Any, Generator, Mapping

from domain.conversation.nodes.action import set_variable
from domain.conversation.outcomes import Follow, Outcome
from domain.conversation.requests import CallWebhook, HttpOutcome, Request
from domain.conversation.walk import Walk
from domain.expressions import jsonpath
from domain.flows.connection import DEFAULT, ERROR, FAILURE, SUCCESS
from domain.flows.node import Node

# Timeouts above this are authoring mistakes (validation warns); the runtime clamps to it.
LONGEST_TIMEOUT_SECONDS = 120.0


def call(node: Node, walk: Walk) -> Generator[Request, Any, Outcome]:
    content = node.content
    retry = content.get("retry") or {}
    outcome: HttpOutcome = yield CallWebhook(
        method=str(content.get("method", "POST")).upper(),
        url=walk.render_text(str(content.get("url", ""))),
        headers={str(k): str(v) for k, v in walk.render(dict(content.get("headers") or {})).items()},
        body=walk.render(content.get("body")),
        timeout_seconds=_seconds(content.get("timeout", 30)),
        retry_attempts=int(retry.get("attempts", 0)),
        retry_delay_seconds=_seconds(retry.get("delay", 1000), milliseconds_above=60),
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
    return Follow((ERROR, FAILURE, DEFAULT))


def _map(mapping: Mapping[str, Any], response: Any, walk: Walk, changed: list[str]) -> None:
    for variable, path in mapping.items():
        set_variable(walk, str(variable), jsonpath.read(response, str(path)), changed)


def _seconds(value: Any, milliseconds_above: float = 300) -> float:
    """Flows write timeouts in seconds (30) or, in older flows, milliseconds (5000)."""
    number = float(value)
    if number > milliseconds_above:
        number = number / 1000
    return max(0.1, min(number, LONGEST_TIMEOUT_SECONDS))
