"""Unpredictable values from the operating system's CSPRNG (``secrets``)."""

from __future__ import annotations

import secrets

TOKEN_BYTES = 32  # 256 bits


class SecureRandomSource:
    def seed(self) -> int:
        return secrets.randbits(63)

    def token(self) -> str:
        return secrets.token_urlsafe(TOKEN_BYTES)
