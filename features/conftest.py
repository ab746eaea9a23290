"""Gherkin specs: the driver option, the async step helper and the guard against bare async steps.

Features are bound twice: ``--driver=memory`` (the default) drives the use cases on the memory
adapters; ``--driver=http`` runs the same scenarios over HTTP against the real application on
PostgreSQL (see ``features/steps/spec_world.py``). ``chat_runtime`` and ``service_health``
already serve the real application over HTTP whatever the driver, so they run once, with the
memory driver, and are skipped under ``--driver=http``; so is each scenario in
``NOT_OVER_HTTP``, with the reason it cannot run there yet.

Importing ``run`` and the guard here registers them as a fixture and a pytest-bdd hook for
every scenario under ``features/``.
"""

from __future__ import annotations

import pytest

from features.steps.spec_world import DRIVERS, HTTP, MEMORY
from features.steps.support import pytest_bdd_before_step_call, run

__all__ = ["pytest_bdd_before_step_call", "run"]

# Step modules whose scenarios talk HTTP to the real application under either driver.
SERVED_EITHER_WAY = frozenset({"test_chat_runtime.py", "test_service_health.py"})

# Scenarios that cannot run over HTTP on PostgreSQL yet, by test name: why not (none today).
NOT_OVER_HTTP: dict[str, str] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--driver",
        choices=DRIVERS,
        default=MEMORY,
        help="what the Gherkin scenarios drive: the use cases on memory adapters (memory) "
        "or the real application over HTTP on PostgreSQL (http)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("driver", MEMORY) != HTTP:
        return
    served = pytest.mark.skip(reason="already runs over HTTP on PostgreSQL; it runs once, with --driver=memory")
    for item in items:
        if item.path.name in SERVED_EITHER_WAY:
            item.add_marker(served)
        elif item.name in NOT_OVER_HTTP:
            item.add_marker(pytest.mark.skip(reason=f"not over HTTP: {NOT_OVER_HTTP[item.name]}"))
