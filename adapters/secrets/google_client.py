"""The Secret Manager client behind ``GoogleSecretStore``.

Imported only by ``google.google_secret_store`` when the Google store is selected, because
``google-cloud-secret-manager`` is an optional extra; nothing else may import this module.
"""

from __future__ import annotations

from google.api_core import exceptions
from google.cloud import secretmanager


class GoogleSecretAccessor:
    """Reads secret versions with the async client (credentials from the environment, ADC)."""

    def __init__(self) -> None:
        self._client = secretmanager.SecretManagerServiceAsyncClient()

    async def access(self, resource: str) -> str | None:
        try:
            response = await self._client.access_secret_version(name=resource)
        except exceptions.NotFound:
            return None
        return response.payload.data.decode("utf-8")
