"""The SSRF guard: a webhook may only reach public http(s) services.

A flow author (or a value rendered into a URL) must not be able to make the server call its
own admin endpoints, the cloud metadata service (169.254.169.254) or anything else on an
internal network. So before any request the guard refuses:

- schemes other than http and https;
- URLs carrying credentials (``https://user:pass@host``), which would also end up in logs;
- hosts any of whose addresses is loopback, private, link-local, multicast, reserved,
  unspecified or otherwise not globally routable (IPv4-mapped IPv6 is unwrapped first).

Every address the name resolves to is checked, and the caller connects to a vetted address
(``Destination.address``), not to the name again: resolving twice would let a DNS answer
change between the check and the connection (DNS rebinding).

``allow_private`` lifts the address rule (local development, tests on 127.0.0.1);
``allowed_networks`` lifts it for chosen networks only (a recommendation service on the VPC).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from typing import Awaitable, Callable, Iterable, Mapping

from yarl import URL

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolve = Callable[[str, int], Awaitable[list[str]]]

ALLOWED_SCHEMES = frozenset({"http", "https"})


class UrlRefused(Exception):
    """The guard will not let a request go to this URL; the message says why."""


@dataclass(frozen=True, slots=True)
class Destination:
    """A URL that passed the guard, and the checked address to connect to."""

    url: URL
    address: str

    def pinned(self, headers: Mapping[str, str]) -> tuple[URL, dict[str, str], str | None]:
        """URL, headers and TLS server name that reach the vetted address, not the name.

        The Host header and the certificate check keep the URL's own host name, so virtual
        hosting and TLS verification work as if the name had been resolved again.
        """
        host = self.url.raw_host or ""
        kept = {key: value for key, value in headers.items() if key.lower() != "host"}
        if host == self.address:
            return self.url, kept, None
        kept["Host"] = host if self.url.is_default_port() else f"{host}:{self.url.port}"
        server_hostname = host if self.url.scheme == "https" else None
        return self.url.with_host(self.address), kept, server_hostname


async def resolve_with_loop(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, via the running loop's (threaded) getaddrinfo."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_internal(address: IpAddress) -> bool:
    """True for any address a public webhook has no business reaching."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


class UrlGuard:
    def __init__(
        self,
        *,
        allow_private: bool = False,
        allowed_networks: Iterable[str] = (),
        resolve: Resolve = resolve_with_loop,
    ) -> None:
        self._allow_private = allow_private
        self._allowed = tuple(ipaddress.ip_network(network) for network in allowed_networks)
        self._resolve = resolve

    async def check(self, raw_url: str) -> Destination:
        """The destination for ``raw_url``, or ``UrlRefused`` saying why not."""
        try:
            url = URL(raw_url)
        except (ValueError, TypeError) as error:
            raise UrlRefused("the URL is not valid") from error
        if url.scheme not in ALLOWED_SCHEMES:
            raise UrlRefused(f"only http and https URLs may be called, not {url.scheme or 'a relative URL'!r}")
        if url.user is not None or url.password is not None:
            raise UrlRefused("URLs may not carry credentials; put them in a header from a secret")
        host = url.raw_host
        if not host or url.port is None:
            raise UrlRefused("the URL names no host")
        try:
            addresses = await self._resolve(host, url.port)
        except OSError as error:
            raise UrlRefused(f"host {url.host!r} could not be resolved") from error
        if not addresses:
            raise UrlRefused(f"host {url.host!r} could not be resolved")
        for text in addresses:
            address = ipaddress.ip_address(text.split("%", 1)[0])
            if not self._permitted(address):
                raise UrlRefused(f"host {url.host!r} is on an internal network ({address})")
        return Destination(url, addresses[0])

    def _permitted(self, address: IpAddress) -> bool:
        if self._allow_private or not is_internal(address):
            return True
        return any(address in network for network in self._allowed)
