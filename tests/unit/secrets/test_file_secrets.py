"""Secrets read from a directory of mounted files, one per secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.secrets import FileSecretStore, SecretNameRefused


@pytest.fixture
def secrets_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "secrets"
    directory.mkdir()
    (directory / "crm_token").write_text("tok-123\n", encoding="utf-8")
    (directory / "blank").write_text("\n", encoding="utf-8")
    (tmp_path / "outside").write_text("must not be read", encoding="utf-8")
    return directory


async def test_a_secret_is_the_file_content_without_its_trailing_line_break(secrets_dir: Path) -> None:
    assert await FileSecretStore(secrets_dir).get("crm_token") == "tok-123"


async def test_a_missing_or_blank_file_is_not_configured(secrets_dir: Path) -> None:
    store = FileSecretStore(secrets_dir)
    assert await store.get("nope") is None
    assert await store.get("blank") is None


async def test_a_missing_directory_configures_nothing(tmp_path: Path) -> None:
    assert await FileSecretStore(tmp_path / "absent").get("crm_token") is None


@pytest.mark.parametrize("name", ["../outside", "a/b", "..\\outside", "..", ".hidden", "", "x\x00y"])
async def test_names_that_could_leave_the_directory_are_refused(secrets_dir: Path, name: str) -> None:
    with pytest.raises(SecretNameRefused):
        await FileSecretStore(secrets_dir).get(name)
