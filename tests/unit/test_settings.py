"""Settings: standard environment names, checked at start-up, errors that name the setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from entrypoints.settings import Settings, describe_validation_error


@pytest.fixture(autouse=True)
def bare_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "LOG_LEVEL", "LOG_FORMAT", "HOST",
                 "PORT", "DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_with_no_configuration_the_service_uses_the_embedded_database_on_port_8080() -> None:
    settings = Settings()

    assert settings.database_url is None
    assert settings.port == 8080
    assert settings.data_dir == Path(".data")


def test_the_standard_environment_names_are_read_without_a_prefix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://app:pw@db.internal:5433/chatbot")
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("LOG_FORMAT", "JSON")

    settings = Settings()

    assert settings.database_url == "postgresql+asyncpg://app:pw@db.internal:5433/chatbot"
    assert settings.port == 9000
    assert settings.log_format == "json"


@pytest.mark.parametrize(
    "url",
    ["not a url", "mysql://root@localhost/chatbot", "postgresql://db.internal:abc/chatbot",
     "postgresql://db.internal:5432"],
)
def test_a_malformed_database_url_is_refused_with_a_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)

    with pytest.raises(ValidationError) as raised:
        Settings()

    lines = describe_validation_error(raised.value)
    assert len(lines) == 1
    assert lines[0].startswith("DATABASE_URL: ")


def test_an_empty_database_url_means_the_embedded_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "")

    assert Settings().database_url is None
