"""Secrets from Google Secret Manager, cached for a short time.

``GoogleSecretStore`` holds the caching and naming rules and talks to Secret Manager through a
small ``SecretAccessor`` (``google_client.GoogleSecretAccessor`` in production, a fake in
tests). A webhook may fire on every turn; a short TTL keeps Secret Manager off the hot path
while a rotated secret is still picked up within a minute. Missing secrets are cached too.

``google_secret_store`` is the factory the composition root calls when this store is selected.
It imports ``google_client`` (and so ``google-cloud-secret-manager``) inside the function: the
one deliberate exception to "no imports inside functions". The library is an optional extra,
and importing it at module level would make every process that merely can choose among stores
need it installed.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from typing import Callable, Protocol

DEFAULT_TTL_SECONDS = 60.0


class SecretAccessor(Protocol):
    async def access(self, resource: str) -> str | None:
        """The payload of a secret version resource name, or None when it does not exist."""
        ...


class GoogleSecretsUnavailable(RuntimeError):
    """The Google store was selected but its client library is not installed."""


@dataclass(slots=True)
class _Cached:
    value: str | None
    expires_at: float


class GoogleSecretStore:
    def __init__(
        self,
        accessor: SecretAccessor,
        project_id: str,
        *,
        version: str = "latest",
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._accessor = accessor
        self._project_id = project_id
        self._version = version
        self._ttl = ttl_seconds
        self._monotonic = monotonic
        self._cache: dict[str, _Cached] = {}

    def resource_name(self, name: str) -> str:
        return f"projects/{self._project_id}/secrets/{name}/versions/{self._version}"

    async def get(self, name: str) -> str | None:
        now = self._monotonic()
        cached = self._cache.get(name)
        if cached is not None and cached.expires_at > now:
            return cached.value
        value = await self._accessor.access(self.resource_name(name))
        self._cache[name] = _Cached(value, now + self._ttl)
        return value


def google_secret_store(project_id: str, *, ttl_seconds: float = DEFAULT_TTL_SECONDS) -> GoogleSecretStore:
    """A store on a real Secret Manager client; a clear error if the library is absent."""
    try:
        client_module = importlib.import_module("adapters.secrets.google_client")
    except ImportError as error:
        raise GoogleSecretsUnavailable(
            "the Google secret store needs google-cloud-secret-manager: "
            "install the 'google' extra (pip install 'wriveted-chatbot[google]')"
        ) from error
    return GoogleSecretStore(client_module.GoogleSecretAccessor(), project_id, ttl_seconds=ttl_seconds)
