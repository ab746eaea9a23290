"""Circuit breakers, one per call target, so a dead service costs a flow nothing.

Closed: calls pass; ``failure_threshold`` consecutive failures open the circuit. Open: calls
are refused at once (``ok=False``, "circuit open") until ``reset_timeout`` seconds have passed.
Half-open: exactly one trial call is let through; its success closes the circuit, its failure
opens it for another ``reset_timeout``. What counts as a failure is the caller's decision
(the transport counts transport errors, timeouts, 5xx and 429, not other 4xx).

State is per process and in memory: each API process learns a target is down on its own,
which costs at most ``failure_threshold`` failed calls each. Time comes from an injected
monotonic function so tests can move it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Awaitable, Callable, Literal, TypeVar

T = TypeVar("T")
State = Literal["closed", "open", "half_open"]


@dataclass(frozen=True, slots=True)
class BreakerPolicy:
    failure_threshold: int = 5
    reset_timeout: float = 30.0


@dataclass(slots=True)
class _Circuit:
    policy: BreakerPolicy
    failures: int = 0
    opened_at: float | None = None
    trial_in_flight: bool = False


class CircuitBreakers:
    def __init__(
        self,
        default: BreakerPolicy = BreakerPolicy(),
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._default = default
        self._monotonic = monotonic
        self._circuits: dict[str, _Circuit] = {}

    async def run(
        self,
        target: str,
        operation: Callable[[], Awaitable[T]],
        is_failure: Callable[[T], bool],
        policy: BreakerPolicy | None = None,
    ) -> T | None:
        """``operation``'s result with its verdict recorded, or None when the circuit is open."""
        if not self.allow(target, policy):
            return None
        try:
            result = await operation()
        except BaseException:
            self.abandoned(target)
            raise
        if is_failure(result):
            self.failed(target)
        else:
            self.succeeded(target)
        return result

    def state(self, target: str) -> State:
        circuit = self._circuits.get(target)
        if circuit is None or circuit.opened_at is None:
            return "closed"
        if self._monotonic() - circuit.opened_at >= circuit.policy.reset_timeout:
            return "half_open"
        return "open"

    def allow(self, target: str, policy: BreakerPolicy | None = None) -> bool:
        """Whether a call to ``target`` may go ahead now; a half-open pass is the one trial."""
        circuit = self._circuit(target, policy)
        state = self.state(target)
        if state == "closed":
            return True
        if state == "half_open" and not circuit.trial_in_flight:
            circuit.trial_in_flight = True
            return True
        return False

    def succeeded(self, target: str) -> None:
        circuit = self._circuits.get(target)
        if circuit is not None:
            circuit.failures = 0
            circuit.opened_at = None
            circuit.trial_in_flight = False

    def failed(self, target: str) -> None:
        circuit = self._circuit(target, None)
        circuit.failures += 1
        if circuit.trial_in_flight or circuit.failures >= circuit.policy.failure_threshold:
            circuit.opened_at = self._monotonic()
        circuit.trial_in_flight = False

    def abandoned(self, target: str) -> None:
        """A call ended with no verdict (cancelled): free the half-open trial for another."""
        circuit = self._circuits.get(target)
        if circuit is not None:
            circuit.trial_in_flight = False

    def _circuit(self, target: str, policy: BreakerPolicy | None) -> _Circuit:
        circuit = self._circuits.get(target)
        if circuit is None:
            circuit = self._circuits[target] = _Circuit(policy or self._default)
        elif policy is not None:
            circuit.policy = policy
        return circuit
