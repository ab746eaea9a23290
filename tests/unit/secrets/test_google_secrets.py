"""The Google store: caching and naming on a fake accessor, and the optional extra's absence."""

from __future__ import annotations

import importlib.util

import pytest

from adapters.secrets.google import GoogleSecretStore, GoogleSecretsUnavailable, google_secret_store



def _google_installed() -> bool:
    try:
        return importlib.util.find_spec("google.cloud.secretmanager") is not None
    except ModuleNotFoundError:
        return False


class FakeAccessor:
    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.reads: list[str] = []

    async def access(self, resource: str) -> str | None:
        self.reads.append(resource)
        return self.values.get(resource)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_a_secret_is_read_from_its_latest_version_and_cached_for_the_ttl() -> None:
    accessor = FakeAccessor({"projects/p1/secrets/crm/versions/latest": "v1"})
    clock = Clock()
    store = GoogleSecretStore(accessor, "p1", ttl_seconds=60, monotonic=clock)
    assert await store.get("crm") == "v1"
    accessor.values["projects/p1/secrets/crm/versions/latest"] = "v2"
    clock.now += 59
    assert await store.get("crm") == "v1"
    clock.now += 2
    assert await store.get("crm") == "v2"
    assert len(accessor.reads) == 2


async def test_a_missing_secret_is_none() -> None:
    assert await GoogleSecretStore(FakeAccessor({}), "p1").get("nope") is None


@pytest.mark.skipif(_google_installed(), reason="google-cloud-secret-manager is installed")
def test_selecting_the_google_store_without_its_extra_says_what_to_install() -> None:
    with pytest.raises(GoogleSecretsUnavailable, match=r"wriveted-chatbot\[google\]"):
        google_secret_store("p1")
