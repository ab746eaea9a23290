"""The internal API client against a real HTTP service standing in for the platform API."""

from __future__ import annotations

from adapters.http import CircuitBreakers, HttpApiClient, UrlGuard
from domain.conversation.requests import CallApi

TOKEN = "platform-token-0123456789"


def client_for(session, service, **options) -> HttpApiClient:
    return HttpApiClient(
        session, service.url("/api/v1"), breakers=options.pop("breakers", CircuitBreakers()), bearer_token=TOKEN, **options
    )


async def test_an_endpoint_is_joined_to_the_base_url_with_its_query_and_the_token(session, service) -> None:
    request = CallApi("GET", "/echo", query_params={"age": 9, "tags": ["a", "b"], "skip": None, "x": True})
    outcome = await client_for(session, service).call(request)
    seen = service.received[0]
    assert outcome.ok and seen.path == "/api/v1/echo"
    assert seen.query == {"age": ["9"], "tags": ["a", "b"], "x": ["true"]}
    assert seen.headers["Authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in repr(outcome)


async def test_a_json_body_goes_to_the_platform_api(session, service) -> None:
    await client_for(session, service).call(CallApi("POST", "echo", body={"books": [1, 2]}))
    assert service.received[0].body == {"books": [1, 2]}


async def test_a_server_error_is_a_failed_outcome(session, service) -> None:
    outcome = await client_for(session, service).call(CallApi("GET", "/down"))
    assert not outcome.ok and outcome.status == 500 and outcome.body == "internal error"


async def test_the_circuit_is_kept_per_endpoint(session, service, clock) -> None:
    client = client_for(session, service, breakers=CircuitBreakers(monotonic=clock))
    for _ in range(5):
        await client.call(CallApi("GET", "/down", circuit="/down"))
    refused = await client.call(CallApi("GET", "/down", circuit="/down"))
    assert refused.error == "circuit open" and service.hits("/api/v1/down") == 5
    assert (await client.call(CallApi("GET", "/echo", circuit="/echo"))).ok


async def test_an_api_calls_own_breaker_threshold_opens_its_circuit_sooner(session, service, clock) -> None:
    client = client_for(session, service, breakers=CircuitBreakers(monotonic=clock))
    request = CallApi("GET", "/down", circuit="/down", breaker_failure_threshold=2, breaker_reset_seconds=60)
    for _ in range(2):
        await client.call(request)
    refused = await client.call(request)
    assert refused.error == "circuit open" and service.hits("/api/v1/down") == 2


async def test_an_absolute_url_elsewhere_is_refused_without_a_guard(session, service) -> None:
    outcome = await client_for(session, service).call(CallApi("GET", "http://example.test/steal"))
    assert not outcome.ok and "paths on the platform API" in outcome.error


async def test_an_absolute_url_elsewhere_passes_the_guard_and_never_gets_the_token(session, service) -> None:
    client = client_for(session, service, guard=UrlGuard(allow_private=True))
    outcome = await client.call(CallApi("GET", service.url("/echo")))
    assert outcome.ok and "Authorization" not in service.received[0].headers


async def test_climbing_out_of_the_api_path_is_refused(session, service) -> None:
    outcome = await client_for(session, service).call(CallApi("GET", "../../admin"))
    assert not outcome.ok and service.received == []
