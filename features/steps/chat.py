"""Chat: one scenario's conversation with Huey, through whichever world the driver chose.

It talks to a ``SpecWorld`` (the use cases on the memory adapters, or the real application
over HTTP on PostgreSQL; see ``spec_world.py``) and remembers what the specs talk about: the
flow being talked to, the last reply, the state just before the last answer, and a refusal
when the engine or the publisher said no.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping
from uuid import UUID

from domain.conversation.session import Session
from domain.errors import DomainError
from features.steps.flow_sketch import FlowSketch
from features.steps.spec_world import SpecWorld
from features.steps.support import Run

@dataclass(slots=True)
class Reply:
    """What Huey sent back in one turn, in the shape the chat widget reads."""

    messages: list[Mapping[str, Any]]
    input_request: Mapping[str, Any] | None
    client_actions: list[Mapping[str, Any]]
    session_ended: bool
    wait_for_acknowledgment: bool
    revision: int

    @classmethod
    def of(cls, body: Mapping[str, Any]) -> Reply:
        return cls(
            messages=list(body["messages"]),
            input_request=body["input_request"],
            client_actions=list(body["client_actions"]),
            session_ended=body["session_ended"],
            wait_for_acknowledgment=body["wait_for_acknowledgment"],
            revision=body["revision"],
        )

    def texts(self) -> list[str]:
        """Everything Huey said in words, in order (questions excluded)."""
        said = []
        for message in self.messages:
            content = message.get("content") or {}
            if message["type"] != "question" and isinstance(content, Mapping) and "text" in content:
                said.append(str(content["text"]))
        return said

    def question(self) -> str | None:
        """The text of the question Huey is waiting on, if any."""
        if not self.input_request or not self.input_request.get("question"):
            return None
        return str(self.input_request["question"].get("text", ""))

    def error(self) -> str | None:
        return self.input_request.get("error") if self.input_request else None


@dataclass(slots=True)
class Chat:
    world: SpecWorld
    run: Run[Any]
    flows: dict[str, UUID] = field(default_factory=dict)
    flow_name: str | None = None
    token: str | None = None
    session_id: UUID | None = None
    replies: list[Reply] = field(default_factory=list)
    state_before: Mapping[str, Any] | None = None
    revision_before: int | None = None
    failure: DomainError | None = None

    # -- flows --------------------------------------------------------------------------------

    def publish(self, sketch: FlowSketch) -> UUID:
        """Import and publish a sketched flow; the conversation will talk to the last one."""
        flow_id = self.run(self.world.load_flow(sketch.document()))
        self.flows[sketch.name] = flow_id
        self.flow_name = sketch.name
        return flow_id

    # -- talking ------------------------------------------------------------------------------

    def start(self, initial_state: Mapping[str, Any] | None = None, flow: str | None = None) -> Reply | None:
        name = flow or self.flow_name
        if name is None:
            raise AssertionError("no flow was published for the child to talk to")
        try:
            opened = self.run(self.world.open_chat(str(self.flows.get(name, name)), initial_state or {}))
        except DomainError as refusal:
            self.failure = refusal
            return None
        self.token = opened.token
        self.session_id = opened.session_id
        reply = Reply.of(opened.reply)
        self.replies.append(reply)
        return reply

    def answer(self, value: Any, input_type: str | None = None) -> Reply | None:
        if self.token is None:
            raise AssertionError("no conversation has started")
        before = self.stored
        self.state_before, self.revision_before = before.state, before.revision
        try:
            body = self.run(self.world.answer(self.token, value, input_type))
        except DomainError as refusal:
            self.failure = refusal
            return None
        reply = Reply.of(body)
        self.replies.append(reply)
        return reply

    # -- what the specs look at ---------------------------------------------------------------

    @property
    def last(self) -> Reply:
        if not self.replies:
            raise AssertionError(f"Huey has not replied (the engine said: {self.failure})")
        return self.replies[-1]

    @property
    def stored(self) -> Session:
        """The session as the world keeps it, engine bookkeeping included."""
        assert self.session_id is not None, "no conversation has started"
        session = self.run(self.world.stored_session(self.session_id))
        assert session is not None, f"no session {self.session_id} is kept"
        return session

    @property
    def state(self) -> Mapping[str, Any]:
        return self.stored.state

    def remembered(self, path: str) -> Any:
        """A variable as the session stores it (``temp.age``, ``user.hue_keys``)."""
        scope, _, rest = path.partition(".")
        value: Any = self.state.get(scope, {})
        for part in rest.split(".") if rest else []:
            if not isinstance(value, Mapping) or part not in value:
                return None
            value = value[part]
        return value

    def history(self) -> list[Mapping[str, Any]]:
        """What each step of the conversation recorded, as the child can read it back."""
        assert self.token is not None, "no conversation has started"
        return self.run(self.world.history(self.token))

    def read_back(self) -> int:
        """The conversation's revision as the child reads it back (raises when it is gone)."""
        assert self.token is not None, "no conversation has started"
        return self.run(self.world.read_back(self.token))
