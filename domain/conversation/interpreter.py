"""The interpreter: walks a published flow from a node until it needs input or ends.

Pure and deterministic: it is a generator that yields ``requests`` (content, sub-flows, HTTP
calls) for the application to fulfil and returns a ``Turn``. The same flow version, state and
input give the same turn. A walk that visits more than ``max_steps`` nodes without needing
input is stopped with a clear error rather than spinning forever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generator, Mapping
from uuid import UUID

from domain.conversation.nodes import action, composite, condition, message, question, script, webhook
from domain.conversation.outcomes import Enter, Follow, Jump, Outcome, Pause
from domain.conversation.pending import QUESTION, SCRIPT, input_request_for, question_message
from domain.conversation.requests import LoadFlow, Request
from domain.conversation.state import SessionState
from domain.conversation.turn import Turn
from domain.conversation.walk import Walk
from domain.errors import AnswerRejected, FlowRuntimeError
from domain.expressions.engine import ExpressionEngine
from domain.flows.connection import COMPLETE, DEFAULT
from domain.flows.graph import FlowGraph
from domain.flows.node import Node, NodeType
from domain.flows.version import FlowVersion

Walking = Generator[Request, Any, Turn]
DEFAULT_MAX_STEPS = 250


@dataclass(frozen=True, slots=True)
class UserInput:
    value: Any
    input_type: str | None = None


class Interpreter:
    def __init__(self, engine: ExpressionEngine, max_steps: int = DEFAULT_MAX_STEPS) -> None:
        self._engine = engine
        self._max_steps = max_steps

    def start(self, version: FlowVersion, state: Mapping[str, Any], now: datetime) -> Walking:
        """The first turn of a new session: walk from the flow's entry node."""
        walk = Walk(SessionState(state), self._engine, now)
        return (yield from self._walk(walk, [version], version.graph.entry_node_id))

    def resume(self, version: FlowVersion, state: Mapping[str, Any], user_input: UserInput, now: datetime) -> Walking:
        """A turn answering the node the session waits on."""
        walk = Walk(SessionState(state), self._engine, now)
        pending = walk.state.system.get("pending")
        if not pending:
            raise FlowRuntimeError("the session is not waiting for input")
        stack = [version]
        for frame in walk.state.frames:
            stack.append((yield LoadFlow(frame["flow_key"], UUID(frame["version_id"]))))
        node = stack[-1].graph.node(pending["node_id"])
        try:
            outcome = self._answer(node, pending, user_input, walk)
        except AnswerRejected as rejection:
            return _rejected(state, pending, rejection)
        walk.state.system.pop("pending", None)
        return (yield from self._walk(walk, stack, self._route(stack[-1].graph, node, outcome, walk), node.id))

    # -- the walk -------------------------------------------------------------------------------

    def _walk(self, walk: Walk, stack: list[FlowVersion], node_id: str | None, last: str | None = None) -> Walking:
        steps = 0
        while True:
            if node_id is None:
                if not walk.state.frames:
                    return _finish(walk, last, ended=True)
                frame = composite.leave(walk)
                stack.pop()
                parent = stack[-1].graph.node(frame["node_id"])
                node_id = self._route(stack[-1].graph, parent, Follow((COMPLETE, DEFAULT)), walk)
                continue
            steps += 1
            if steps > self._max_steps:
                raise FlowRuntimeError(
                    f"the flow visited more than {self._max_steps} nodes without asking anything (stopped at {node_id!r})"
                )
            graph = stack[-1].graph
            node = graph.node(node_id)
            walk.visited.append(node_id)
            last = node_id
            outcome = yield from self._arrive(node, walk, graph)
            if isinstance(outcome, Pause):
                walk.state.system["pending"] = dict(outcome.pending)
                return _finish(walk, node_id, ended=False, pause=outcome)
            if isinstance(outcome, Enter):
                walk.state.frames.append(dict(outcome.frame))
                stack.append(outcome.version)
                node_id = outcome.version.graph.entry_node_id
                continue
            node_id = self._route(graph, node, outcome, walk)

    def _arrive(self, node: Node, walk: Walk, graph: FlowGraph) -> Generator[Request, Any, Outcome]:
        if node.type is NodeType.MESSAGE:
            return (yield from message.arrive(node, walk))
        if node.type is NodeType.QUESTION:
            return (yield from question.arrive(node, walk))
        if node.type is NodeType.CONDITION:
            return (yield from condition.decide(node, walk, graph))
        if node.type is NodeType.ACTION:
            return (yield from action.perform(node, walk))
        if node.type is NodeType.WEBHOOK:
            return (yield from webhook.call(node, walk))
        if node.type is NodeType.COMPOSITE:
            return (yield from composite.enter(node, walk))
        return (yield from script.arrive(node, walk))

    def _answer(self, node: Node, pending: Mapping[str, Any], user_input: UserInput, walk: Walk) -> Outcome:
        kind = pending.get("kind")
        if kind == QUESTION:
            return question.answer(node, pending, user_input.value, walk)
        if kind == SCRIPT:
            return script.answer(node, pending, user_input.value, walk)
        walk.record_input(node.id, {"input": user_input.value, "input_type": user_input.input_type or "continue"})
        return Follow((DEFAULT,))

    def _route(self, graph: FlowGraph, node: Node, outcome: Outcome, walk: Walk) -> str | None:
        """The next node id along the outcome's way out, or None when this flow ends here."""
        if isinstance(outcome, Jump):
            return outcome.node_id
        assert isinstance(outcome, Follow)
        edges = graph.outgoing(node.id)
        if outcome.guarded_first:
            for edge in edges:
                if edge.is_guarded and walk.holds(edge.conditions):
                    return edge.target
            if outcome.option_index is not None:
                wanted = (f"option_{outcome.option_index}", f"${outcome.option_index}")
                for edge in edges:
                    if edge.kind in wanted and not edge.is_guarded:
                        return edge.target
        for kind in outcome.kinds:
            for edge in edges:
                if edge.kind == kind and (not edge.is_guarded or walk.holds(edge.conditions)):
                    return edge.target
        return None


def _finish(walk: Walk, current: str | None, ended: bool, pause: Pause | None = None) -> Turn:
    if ended:
        walk.state.system.pop("pending", None)
    return Turn(
        messages=tuple(walk.messages),
        input_request=dict(pause.input_request) if pause else None,
        client_actions=tuple(walk.client_actions),
        session_ended=ended,
        current_node_id=current,
        state=walk.state.data,  # the walk ends here: its working copy becomes the turn's
        history=tuple(walk.history),
        effects=tuple(walk.effects),
        wait_for_acknowledgment=bool(pause and pause.wait_for_acknowledgment),
        visited=tuple(walk.visited),
    )


def _rejected(state: Mapping[str, Any], pending: Mapping[str, Any], rejection: AnswerRejected) -> Turn:
    """The same question again with the reason; the state is exactly as it was."""
    messages: list[Mapping[str, Any]] = [{"type": "text", "content": {"text": rejection.message}, "error": True}]
    if pending.get("kind") == QUESTION:
        messages.append(question_message(pending))
    return Turn(
        messages=tuple(messages),
        input_request=input_request_for(pending, error=rejection.message),
        client_actions=(),
        session_ended=False,
        current_node_id=pending["node_id"],
        state=state,
        rejected=True,
    )
