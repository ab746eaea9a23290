"""Secrets read from ``CHATBOT_SECRET_*`` environment variables."""

from __future__ import annotations

import pytest

from adapters.secrets import EnvironmentSecretStore
from adapters.secrets.environment import variable_name


def test_a_secret_name_becomes_an_upper_case_variable_with_underscores() -> None:
    assert variable_name("crm-api.key") == "CHATBOT_SECRET_CRM_API_KEY"
    assert variable_name("a/b c") == "CHATBOT_SECRET_A_B_C"


async def test_a_configured_secret_is_read_from_its_variable() -> None:
    store = EnvironmentSecretStore({"CHATBOT_SECRET_CRM_API_KEY": "s3cret"})
    assert await store.get("crm-api.key") == "s3cret"


async def test_an_absent_or_empty_variable_is_not_configured() -> None:
    store = EnvironmentSecretStore({"CHATBOT_SECRET_EMPTY": ""})
    assert await store.get("missing") is None
    assert await store.get("empty") is None


async def test_the_process_environment_is_read_at_each_call(monkeypatch: pytest.MonkeyPatch) -> None:
    store = EnvironmentSecretStore()
    monkeypatch.delenv("CHATBOT_SECRET_LATE", raising=False)
    assert await store.get("late") is None
    monkeypatch.setenv("CHATBOT_SECRET_LATE", "arrived")
    assert await store.get("late") == "arrived"
