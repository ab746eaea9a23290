"""Port: named secrets for webhook templates (``{{secret:name}}``), read only at call time."""

from __future__ import annotations

from typing import Protocol


class SecretStore(Protocol):
    async def get(self, name: str) -> str | None: ...
