"""Secrets held in a dict, for tests."""

from __future__ import annotations


class InMemorySecretStore:
    def __init__(self, secrets: dict[str, str] | None = None) -> None:
        self._secrets = dict(secrets or {})

    async def get(self, name: str) -> str | None:
        return self._secrets.get(name)
