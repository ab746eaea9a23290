"""A clock that stands still until moved, and random values from a fixed seed, for tests."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone


class FixedClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)


class SeededRandomSource:
    def __init__(self, seed: int = 0) -> None:
        self._random = random.Random(seed)

    def seed(self) -> int:
        return self._random.getrandbits(63)

    def token(self) -> str:
        return f"{self._random.getrandbits(256):064x}"
