"""Secrets from a directory of files, one secret per file, named by the secret.

This is how Kubernetes and Cloud Run mount secrets as volumes. A secret name is only ever a
file name in that one directory: names with path separators, names starting with a dot
(Kubernetes keeps ``..data`` bookkeeping links there) and ``..`` are refused, so a flow can
never read a file outside the directory. Trailing line breaks are dropped because files
written by ``echo`` or editors end with one, and no token ends with one.
"""

from __future__ import annotations

import asyncio
from pathlib import Path


class SecretNameRefused(ValueError):
    """A secret name that could escape the secrets directory."""


def _checked(name: str) -> str:
    if not name or name.startswith(".") or "/" in name or "\\" in name or "\x00" in name:
        raise SecretNameRefused(f"secret name {name!r} is not a plain file name")
    return name


class FileSecretStore:
    def __init__(self, directory: Path | str) -> None:
        self._directory = Path(directory)

    async def get(self, name: str) -> str | None:
        path = self._directory / _checked(name)
        # File reads block; mounted volumes can be network-backed, so keep them off the loop.
        return await asyncio.to_thread(_read, path)


def _read(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    value = text.rstrip("\r\n")
    return value or None
