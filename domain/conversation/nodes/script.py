"""Script nodes: code the chat widget runs in the browser.

The engine never runs the code: it sends it as a client action with its resolved inputs and
waits for a ``script_result`` input, whose outputs are written to the declared variables only.
"""

from __future__ import annotations

from typing import Any, Generator, Mapping

from domain.conversation.nodes.common import set_variable
from domain.conversation.outcomes import Follow, Outcome, Pause
from domain.conversation.paths import qualified
from domain.conversation.pending import SCRIPT, SCRIPT_RESULT_INPUT, input_request_for
from domain.conversation.requests import Request
from domain.conversation.walk import Walk
from domain.errors import AnswerRejected, FieldError
from domain.flows.connection import DEFAULT, ERROR, FAILURE, SUCCESS
from domain.flows.node import Node

def arrive(node: Node, walk: Walk) -> Generator[Request, Any, Outcome]:
    content = node.content
    outputs = [qualified(str(path)) for path in content.get("outputs") or []]
    walk.client_actions.append(
        {
            "type": "script",
            "node_id": node.id,
            "language": content.get("language", "javascript"),
            "code": content.get("code", ""),
            "inputs": {name: _resolve(source, walk) for name, source in (content.get("inputs") or {}).items()},
            "outputs": outputs,
            "dependencies": list(content.get("dependencies") or []),
            "timeout": content.get("timeout", 5000),
        }
    )
    pending = {"node_id": node.id, "kind": SCRIPT, "outputs": outputs}
    return Pause(input_request=input_request_for(pending), pending=pending)
    yield  # a generator like every node handler, though it never asks for I/O


def answer(node: Node, pending: Mapping[str, Any], raw: Any, walk: Walk) -> Outcome:
    if not isinstance(raw, Mapping):
        message = "a script result must be an object of outputs"
        raise AnswerRejected(message, [FieldError("input", message)])
    declared = set(pending.get("outputs") or [])
    produced = raw.get("outputs", raw)
    changed: list[str] = []
    if isinstance(produced, Mapping):
        for path, value in produced.items():
            if qualified(str(path)) in declared:
                set_variable(walk, str(path), value, changed)
    walk.record_input(node.id, {"input_type": SCRIPT_RESULT_INPUT, "changed": changed})
    if raw.get("success") is False:
        return Follow((FAILURE, ERROR, DEFAULT))
    return Follow((SUCCESS, DEFAULT))


def _resolve(source: Any, walk: Walk) -> Any:
    if isinstance(source, str) and "{" not in source:
        return walk.lookup(source)
    return walk.render(source)
