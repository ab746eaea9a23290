"""The shared fixtures (the Huey flows and the demo data set), read where they live.

They are never copied into the repository: tests read ``../shared/fixtures`` beside it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
HUEY_FILES = (
    "huey-profile-flow.json",
    "huey-preferences-flow.json",
    "huey-recommendation-flow.json",
    "huey-bookbot-flow.json",
)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def huey_flows() -> list[dict[str, Any]]:
    """The four Huey flows, sub-flows first so composites find their targets."""
    return [load(name) for name in HUEY_FILES]


def demo_seed() -> dict[str, Any]:
    return load("admin-ui-seed.json")


def reference_transcript() -> dict[str, Any]:
    return load("reference-transcript-huey.json")
