"""Secrets from environment variables: ``{{secret:crm-api.key}}`` reads ``CHATBOT_SECRET_CRM_API_KEY``.

The name is upper-cased and every character that is not a letter or digit becomes ``_``, so
any name a flow can write maps to a legal variable name. The environment is read at each call,
so a restarted process or a test that changes it sees the new value. An empty variable counts
as not configured: a deployment that sets ``X=`` has not supplied a secret.
"""

from __future__ import annotations

import os
import re
from typing import Mapping

PREFIX = "CHATBOT_SECRET_"
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def variable_name(name: str, prefix: str = PREFIX) -> str:
    """The environment variable that holds secret ``name``."""
    return prefix + _NOT_ALNUM.sub("_", name.upper())


class EnvironmentSecretStore:
    def __init__(self, environ: Mapping[str, str] | None = None, prefix: str = PREFIX) -> None:
        # os.environ itself by default (not a copy), so later changes are seen.
        self._environ = os.environ if environ is None else environ
        self._prefix = prefix

    async def get(self, name: str) -> str | None:
        return self._environ.get(variable_name(name, self._prefix)) or None
