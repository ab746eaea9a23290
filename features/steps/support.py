"""The one way to run async code in a pytest-bdd step, and the guard against the other way.

pytest-bdd calls step functions synchronously: an ``async def`` step returns a coroutine
that is never awaited, and the scenario passes without running it. So steps stay plain
``def`` and drive async code through the ``run`` fixture, which runs an awaitable to
completion on the scenario's own event loop (one loop per scenario, closed after it)::

    @when("an operator checks whether it is ready", target_fixture="answer")
    def check_ready(run, service):
        return run(service.get("/v1/readyz"))

Fixtures that hold async resources (an HTTP client, a server) open and close them with
the same ``run``, so everything in a scenario shares one loop. The hook below fails any
scenario that reaches an ``async def`` step.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest

T = TypeVar("T")
Run = Callable[[Awaitable[T]], T]


@pytest.fixture
def run() -> Iterator[Run[Any]]:
    """Run an awaitable to completion on this scenario's event loop."""
    loop = asyncio.new_event_loop()

    def run_on_scenario_loop(awaitable: Awaitable[T]) -> T:
        return loop.run_until_complete(awaitable)

    try:
        yield run_on_scenario_loop
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


def pytest_bdd_before_step_call(step_func: Callable[..., Any], **_: Any) -> None:
    """Fail the scenario before an ``async def`` step can silently pass."""
    if inspect.iscoroutinefunction(step_func) or inspect.isasyncgenfunction(step_func):
        pytest.fail(
            f"step {step_func.__qualname__!r} is an async def: pytest-bdd would not await it. "
            "Make it a plain def and await through the `run` fixture "
            "(see features/steps/support.py).",
            pytrace=False,
        )
