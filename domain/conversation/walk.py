"""Walk: the working set of one turn that node handlers read and write.

It holds the state being changed, the output being collected and the turn's two sources of
non-determinism made deterministic: ``now`` (a value from the clock port) and a seeded draw whose
seed and counter live in system state, so replaying a turn draws the same numbers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

from domain.conversation.state import SessionState
from domain.conversation.turn import Effect, HistoryEntry, HistoryKind
from domain.errors import FlowRuntimeError
from domain.expressions.engine import ExpressionEngine
from domain.expressions.legacy_conditions import evaluate_legacy
from domain.expressions.templates import render_text, render_value


@dataclass(slots=True)
class Walk:
    state: SessionState
    engine: ExpressionEngine
    now: datetime
    messages: list[dict[str, Any]] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    client_actions: list[dict[str, Any]] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    # -- reading state --------------------------------------------------------------------------

    def lookup(self, path: str) -> Any:
        return self.state.get(path)

    def render(self, value: Any) -> Any:
        return render_value(value, self.lookup)

    def render_text(self, template: str) -> str:
        return render_text(template, self.lookup)

    def evaluate(self, expression: str) -> Any:
        return self.engine.evaluate(expression, self.state.variables())

    def holds(self, condition: Any) -> bool:
        """A condition in either form: a CEL string or the legacy JSON object."""
        if isinstance(condition, str):
            result = self.evaluate(condition)
            if not isinstance(result, bool):
                raise FlowRuntimeError(f"condition {condition!r} gave {result!r}, not true or false")
            return result
        if isinstance(condition, Mapping):
            if "if" in condition:
                return self.holds(condition["if"])
            if "expression" in condition:
                return self.holds(condition["expression"])
            return evaluate_legacy(condition, self.lookup)
        if isinstance(condition, bool):
            return condition
        raise FlowRuntimeError(f"unsupported condition {condition!r}")

    # -- randomness -----------------------------------------------------------------------------

    def draw(self, upper: int) -> int:
        """A deterministic draw in ``range(upper)`` from the session's seed and counter."""
        rng = self.state.system.setdefault("rng", {"seed": 0, "draws": 0})
        digest = hashlib.sha256(f"{rng['seed']}:{rng['draws']}".encode()).digest()
        rng["draws"] += 1
        return int.from_bytes(digest[:8], "big") % upper

    # -- output ---------------------------------------------------------------------------------

    def say(self, node_id: str, message: dict[str, Any]) -> None:
        self.messages.append(message)
        self.history.append(HistoryEntry(node_id, HistoryKind.MESSAGE, message))

    def record_action(self, node_id: str, content: Mapping[str, Any]) -> None:
        self.history.append(HistoryEntry(node_id, HistoryKind.ACTION, dict(content)))

    def record_input(self, node_id: str, content: Mapping[str, Any]) -> None:
        self.history.append(HistoryEntry(node_id, HistoryKind.INPUT, dict(content)))
