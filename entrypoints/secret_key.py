"""The process's signing key: ``SECRET_KEY``, or one kept beside the embedded database.

It signs bearer tokens (HS256) and binds CSRF tokens to their session. With no
configuration the key is generated once into ``DATA_DIR/secret_key`` (mode 0600), so
``chatbot serve`` and ``chatbot token`` on the same machine agree without any setup;
a configured deployment sets ``SECRET_KEY`` so that every API process shares it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from entrypoints.settings import Settings

KEY_FILE = "secret_key"
KEY_BYTES = 32


def signing_key(settings: Settings) -> bytes:
    if settings.secret_key is not None and settings.secret_key.get_secret_value():
        return settings.secret_key.get_secret_value().encode("utf-8")
    return _local_key(settings.data_dir.expanduser() / KEY_FILE)


def _local_key(path: Path) -> bytes:
    if path.exists():
        return path.read_text(encoding="ascii").strip().encode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(KEY_BYTES)
    # O_EXCL: when two processes race to create it, the loser reads the winner's key.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip().encode("ascii")
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    return key.encode("ascii")
