"""The webhook client against a real HTTP service on 127.0.0.1."""

from __future__ import annotations

import aiohttp
import pytest
from structlog.testing import capture_logs

from adapters.http import BreakerPolicy, CircuitBreakers, HttpWebhookClient, UrlGuard
from adapters.memory.secrets import InMemorySecretStore
from domain.conversation.requests import CallWebhook

SECRET = "tok-5up3r-s3cr3t-value"


def client_for(session: aiohttp.ClientSession, **options) -> HttpWebhookClient:
    return HttpWebhookClient(
        session,
        options.pop("secrets", InMemorySecretStore({"crm_token": SECRET})),
        options.pop("guard", UrlGuard(allow_private=True)),
        options.pop("breakers", CircuitBreakers()),
        **options,
    )


async def test_a_json_answer_comes_back_as_data(session, service) -> None:
    outcome = await client_for(session).call(CallWebhook("GET", service.url("/books")))
    assert outcome.ok and outcome.status == 200
    assert outcome.body == {"books": 3, "titles": ["Wonder", "Holes"]}
    assert outcome.error is None


async def test_a_json_body_is_sent_as_json(session, service) -> None:
    await client_for(session).call(CallWebhook("POST", service.url("/books"), body={"age": 9, "name": "Sam"}))
    assert service.received[0].body == {"age": 9, "name": "Sam"}
    assert service.received[0].headers["Content-Type"].startswith("application/json")


async def test_a_plain_text_answer_comes_back_as_text(session, service) -> None:
    outcome = await client_for(session).call(CallWebhook("GET", service.url("/text")))
    assert outcome.ok and outcome.body == "plain words"


async def test_a_secret_is_filled_in_the_request_but_never_in_the_outcome_or_logs(session, service) -> None:
    request = CallWebhook(
        "POST",
        service.url("/echo?key={{secret:crm_token}}"),
        headers={"Authorization": "Bearer {{secret:crm_token}}"},
        body={"token": "{{secret:crm_token}}", "nested": ["x-{secret:crm_token}"]},
    )
    with capture_logs() as logs:
        outcome = await client_for(session).call(request)
    seen = service.received[0]
    assert seen.headers["Authorization"] == f"Bearer {SECRET}"
    assert seen.query["key"] == [SECRET]
    assert seen.body == {"token": SECRET, "nested": [f"x-{SECRET}"]}
    assert outcome.ok
    assert SECRET not in repr(outcome)
    assert outcome.body["headers"]["Authorization"] == "Bearer [redacted]"
    assert logs and SECRET not in repr(logs)


async def test_a_missing_secret_stops_the_call_before_anything_is_sent(session, service) -> None:
    request = CallWebhook("POST", service.url("/echo"), headers={"X-Key": "{{secret:absent}}"})
    outcome = await client_for(session).call(request)
    assert not outcome.ok
    assert outcome.error == "secret absent is not configured"
    assert service.received == []


async def test_a_slow_service_times_out(session, service) -> None:
    outcome = await client_for(session).call(CallWebhook("GET", service.url("/slow"), timeout_seconds=0.2))
    assert not outcome.ok and outcome.status is None
    assert outcome.error == "timed out after 0.2s"


async def test_a_failing_service_is_retried_with_backoff_until_it_answers(session, service, sleeps) -> None:
    service.failures_before_success = 2
    request = CallWebhook("GET", service.url("/flaky"), retry_attempts=3, retry_delay_seconds=0.5)
    outcome = await client_for(session, sleep=sleeps).call(request)
    assert outcome.ok and outcome.body == {"recovered": True}
    assert service.hits("/flaky") == 3
    assert sleeps.delays == [0.5, 1.0]


async def test_retries_stop_after_the_attempts_allowed(session, service, sleeps) -> None:
    request = CallWebhook("GET", service.url("/down"), retry_attempts=2, retry_delay_seconds=1)
    outcome = await client_for(session, sleep=sleeps).call(request)
    assert not outcome.ok and outcome.status == 500 and outcome.error == "HTTP 500"
    assert service.hits("/down") == 3


async def test_a_bad_request_is_not_retried(session, service, sleeps) -> None:
    request = CallWebhook("GET", service.url("/bad"), retry_attempts=3, retry_delay_seconds=0.1)
    outcome = await client_for(session, sleep=sleeps).call(request)
    assert not outcome.ok and outcome.status == 400
    assert outcome.body == {"error": "bad input"}
    assert service.hits("/bad") == 1 and sleeps.delays == []


async def test_a_refused_connection_is_retried_then_reported(session, sleeps) -> None:
    port = aiohttp.test_utils.unused_port()
    request = CallWebhook("GET", f"http://127.0.0.1:{port}/x", retry_attempts=1, retry_delay_seconds=0.1)
    outcome = await client_for(session, sleep=sleeps).call(request)
    assert not outcome.ok and outcome.error.startswith("could not connect")
    assert sleeps.delays == [0.1]


async def test_redirects_are_not_followed(session, service) -> None:
    outcome = await client_for(session).call(CallWebhook("GET", service.url("/moved")))
    assert not outcome.ok and outcome.status == 302
    assert service.hits("/books") == 0


async def test_the_circuit_opens_after_repeated_failures_and_recovers(session, service, clock) -> None:
    breakers = CircuitBreakers(BreakerPolicy(failure_threshold=2, reset_timeout=30), monotonic=clock)
    client = client_for(session, breakers=breakers)
    for _ in range(2):
        assert (await client.call(CallWebhook("GET", service.url("/down")))).status == 500
    refused = await client.call(CallWebhook("GET", service.url("/books")))
    assert not refused.ok and refused.error == "circuit open"
    assert service.hits("/books") == 0
    clock.now += 31
    recovered = await client.call(CallWebhook("GET", service.url("/books")))
    assert recovered.ok and service.hits("/books") == 1
    assert (await client.call(CallWebhook("GET", service.url("/books")))).ok


async def test_loopback_is_refused_when_private_addresses_are_not_allowed(session, service) -> None:
    client = client_for(session, guard=UrlGuard())
    outcome = await client.call(CallWebhook("GET", service.url("/books")))
    assert not outcome.ok
    assert outcome.error == "refused: host '127.0.0.1' is on an internal network (127.0.0.1)"
    assert service.received == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://user:pw@127.0.0.1/books", "may not carry credentials"),
        ("ftp://127.0.0.1/books", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
    ],
)
async def test_urls_with_credentials_or_other_schemes_are_refused(session, service, url, reason) -> None:
    outcome = await client_for(session).call(CallWebhook("GET", url))
    assert not outcome.ok and reason in outcome.error
    assert service.received == []


async def test_a_secret_in_a_refused_url_is_not_repeated_in_the_error(session) -> None:
    secrets = InMemorySecretStore({"host": "10.1.2.3"})
    client = client_for(session, secrets=secrets, guard=UrlGuard())
    outcome = await client.call(CallWebhook("GET", "http://{{secret:host}}/hook"))
    assert not outcome.ok and "10.1.2.3" not in outcome.error and "[redacted]" in outcome.error


async def test_the_request_goes_to_the_vetted_address_with_the_host_name_kept(session, service) -> None:
    port = int(service.base_url.rsplit(":", 1)[1])

    async def fake_dns(host: str, _port: int) -> list[str]:
        return {"hooks.example.test": ["127.0.0.1"]}[host]

    client = client_for(session, guard=UrlGuard(allow_private=True, resolve=fake_dns))
    outcome = await client.call(CallWebhook("GET", f"http://hooks.example.test:{port}/books"))
    assert outcome.ok
    assert service.received[0].headers["Host"] == f"hooks.example.test:{port}"
