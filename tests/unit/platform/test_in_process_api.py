"""Platform API calls answered in process, passed on to a remote API, or refused at once."""

from __future__ import annotations

from adapters.memory.http import ScriptedApiClient
from adapters.platform.in_process import InProcessApiClient
from domain.conversation.requests import CallApi, HttpOutcome


async def recommend(request: CallApi) -> HttpOutcome:
    return HttpOutcome(ok=True, status=200, body={"count": 1, "echo": request.body})


async def test_a_registered_endpoint_answers_in_process() -> None:
    client = InProcessApiClient({("post", "v1/recommend"): recommend})
    outcome = await client.call(CallApi("POST", "/v1/recommend?limit=5", body={"age": 9}))
    assert outcome.ok and outcome.body == {"count": 1, "echo": {"age": 9}}


async def test_anything_else_goes_to_the_remote_platform_api() -> None:
    remote = ScriptedApiClient()
    remote.answer("GET", "/v1/schools", {"schools": []})
    client = InProcessApiClient({("POST", "/v1/recommend"): recommend}, remote)
    assert (await client.call(CallApi("GET", "/v1/schools"))).body == {"schools": []}
    assert [call.endpoint for call in remote.calls] == ["/v1/schools"]


async def test_without_a_remote_api_an_unknown_endpoint_is_not_found_at_once() -> None:
    outcome = await InProcessApiClient({}).call(CallApi("POST", "/v1/recommend"))
    assert not outcome.ok and outcome.status == 404 and "POST /v1/recommend" in outcome.error
