"""Root of the test suite: shared fixtures and the layer markers.

Fixtures for the real servers live in ``tests/fixtures`` and are loaded here so the
``tests/`` folders and ``features/`` share them: ``database_url`` (this run's migrated
database), ``clean_database``, ``async_engine``, ``postgres_server_url`` and
``redis_url``. Every test is marked by the folder it lives in, so ``pytest -m unit``
runs the fast layer only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester", "tests.fixtures.postgres", "tests.fixtures.redis"]

_FOLDER_MARKERS = {
    ("tests", "unit"): "unit",
    ("tests", "integration"): "integration",
    ("tests", "e2e"): "e2e",
    ("features",): "feature",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(config.rootpath)
    for item in items:
        try:
            parts = Path(item.path).relative_to(root).parts
        except ValueError:
            continue
        for prefix, marker in _FOLDER_MARKERS.items():
            if parts[: len(prefix)] == prefix:
                item.add_marker(marker)
