"""Circuit breaker states, driven by an injected clock."""

from __future__ import annotations

from adapters.http import BreakerPolicy, CircuitBreakers


def test_the_circuit_opens_after_the_threshold_of_consecutive_failures(clock) -> None:
    breakers = CircuitBreakers(BreakerPolicy(failure_threshold=3, reset_timeout=10), monotonic=clock)
    for _ in range(2):
        breakers.failed("t")
    breakers.succeeded("t")
    for _ in range(2):
        breakers.failed("t")
    assert breakers.state("t") == "closed"
    breakers.failed("t")
    assert breakers.state("t") == "open" and not breakers.allow("t")


def test_half_open_lets_exactly_one_trial_through_and_its_failure_reopens(clock) -> None:
    breakers = CircuitBreakers(BreakerPolicy(failure_threshold=1, reset_timeout=10), monotonic=clock)
    breakers.failed("t")
    clock.now += 10
    assert breakers.state("t") == "half_open"
    assert breakers.allow("t") and not breakers.allow("t")
    breakers.failed("t")
    assert breakers.state("t") == "open"
    clock.now += 10
    assert breakers.allow("t")
    breakers.succeeded("t")
    assert breakers.state("t") == "closed" and breakers.allow("t")


def test_a_cancelled_trial_frees_the_half_open_pass(clock) -> None:
    breakers = CircuitBreakers(BreakerPolicy(failure_threshold=1, reset_timeout=1), monotonic=clock)
    breakers.failed("t")
    clock.now += 1
    assert breakers.allow("t")
    breakers.abandoned("t")
    assert breakers.allow("t")


def test_targets_have_separate_circuits_and_a_policy_per_target(clock) -> None:
    breakers = CircuitBreakers(monotonic=clock)
    assert breakers.allow("strict", BreakerPolicy(failure_threshold=1))
    breakers.failed("strict")
    breakers.failed("lenient")
    assert breakers.state("strict") == "open" and breakers.state("lenient") == "closed"
