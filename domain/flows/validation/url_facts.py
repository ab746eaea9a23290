"""What a webhook URL reveals before any request is made: scheme, host, credentials, locality.

CEL has no URL parser, so these are precomputed in Python and handed to the business rules as
facts. A URL whose scheme or host is itself a template (``{{context.api_base}}/x``) cannot be
judged until run time; ``is_dynamic`` says so and the rules leave such URLs alone (the HTTP
adapter's SSRF guard still checks the resolved address).
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import parse_qsl, urlsplit

# Query parameters that carry a credential when given a literal value.
_CREDENTIAL_PARAMS = frozenset(
    {
        "access_token",
        "api_key",
        "apikey",
        "auth",
        "auth_token",
        "client_secret",
        "password",
        "passwd",
        "pwd",
        "secret",
        "token",
    }
)
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")
_TEMPLATE_MARKS = ("{", "$")


def url_facts(url: str) -> dict[str, Any]:
    split = urlsplit(url.strip())
    origin = f"{split.scheme}://{split.netloc}" if split.scheme else url.split("/", 1)[0]
    host = (split.hostname or "").rstrip(".")
    return {
        "url": url,
        "url_is_dynamic": any(mark in origin for mark in _TEMPLATE_MARKS),
        "url_scheme": split.scheme.lower(),
        "url_host": host,
        "url_has_credentials": bool(split.username or split.password) or _has_credential_param(split.query),
        "url_host_is_local": is_local_host(host),
    }


def is_local_host(host: str) -> bool:
    """Loopback, private, link-local or unspecified addresses, and names that only resolve locally."""
    name = host.lower().strip("[]")
    if not name:
        return False
    if name in _LOCAL_NAMES or name.endswith(_LOCAL_SUFFIXES):
        return True
    address = _as_address(name)
    if address is None:
        return False
    return address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified


def _as_address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        # A bare integer host ("2130706433") is an IPv4 address to most resolvers.
        return ipaddress.ip_address(int(name)) if name.isdigit() else ipaddress.ip_address(name)
    except ValueError:
        return None


def _has_credential_param(query: str) -> bool:
    for key, value in parse_qsl(query, keep_blank_values=True):
        literal = value and not value.startswith(_TEMPLATE_MARKS)
        if key.lower() in _CREDENTIAL_PARAMS and literal:
            return True
    return False
