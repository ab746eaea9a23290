"""The SSRF guard's decisions, with a fake resolver standing in for DNS."""

from __future__ import annotations

import pytest

from adapters.http import UrlGuard, UrlRefused

DNS = {
    "public.example.test": ["93.184.216.34"],
    "metadata.example.test": ["169.254.169.254"],
    "rebound.example.test": ["93.184.216.34", "10.0.0.7"],
    "mapped.example.test": ["::ffff:127.0.0.1"],
    "cgnat.example.test": ["100.64.0.9"],
    "vpc.example.test": ["10.20.0.5"],
    "v6.example.test": ["2606:4700::1111"],
}


async def fake_dns(host: str, _port: int) -> list[str]:
    if host not in DNS:
        raise OSError("no such host")
    return DNS[host]


@pytest.mark.parametrize("host", ["public.example.test", "v6.example.test"])
async def test_a_public_host_passes_and_its_address_is_the_destination(host: str) -> None:
    destination = await UrlGuard(resolve=fake_dns).check(f"https://{host}/hook?x=1")
    assert destination.address == DNS[host][0]


@pytest.mark.parametrize(
    "host", ["metadata.example.test", "rebound.example.test", "mapped.example.test", "cgnat.example.test"]
)
async def test_a_host_with_any_internal_address_is_refused(host: str) -> None:
    with pytest.raises(UrlRefused, match="internal network"):
        await UrlGuard(resolve=fake_dns).check(f"https://{host}/hook")


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://[::1]/", "http://0.0.0.0/", "http://224.0.0.1/"])
async def test_internal_address_literals_are_refused(url: str) -> None:
    with pytest.raises(UrlRefused):
        await UrlGuard().check(url)


async def test_an_allowed_network_lifts_the_rule_for_that_network_only() -> None:
    guard = UrlGuard(allowed_networks=["10.20.0.0/16"], resolve=fake_dns)
    assert (await guard.check("http://vpc.example.test/")).address == "10.20.0.5"
    with pytest.raises(UrlRefused):
        await guard.check("http://metadata.example.test/")


async def test_an_unresolvable_host_is_refused() -> None:
    with pytest.raises(UrlRefused, match="could not be resolved"):
        await UrlGuard(resolve=fake_dns).check("https://nowhere.example.test/")


async def test_a_url_without_a_host_is_refused() -> None:
    with pytest.raises(UrlRefused):
        await UrlGuard(resolve=fake_dns).check("https:///path-only")


async def test_pinning_keeps_the_host_name_for_the_host_header_and_tls() -> None:
    destination = await UrlGuard(resolve=fake_dns).check("https://public.example.test:8443/hook")
    url, headers, server_hostname = destination.pinned({"host": "evil.test", "X-A": "1"})
    assert str(url) == "https://93.184.216.34:8443/hook"
    assert headers == {"X-A": "1", "Host": "public.example.test:8443"}
    assert server_hostname == "public.example.test"
