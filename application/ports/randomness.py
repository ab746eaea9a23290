"""Port: unpredictable values — session seeds and secret tokens."""

from __future__ import annotations

from typing import Protocol


class RandomSource(Protocol):
    def seed(self) -> int:
        """A seed for a session's deterministic draws."""
        ...

    def token(self) -> str:
        """A URL-safe secret of at least 256 bits."""
        ...
