"""Steps for webhooks.feature: webhook nodes on the scripted outbound HTTP fake.

The world's webhook client is the fake the real adapter replaces; it records each request the
engine hands over. Secret references must reach it unresolved (the real adapter fills them at
call time from the secret store), and the key's value must never enter the conversation.
"""

from __future__ import annotations

import json
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from adapters.memory.secrets import InMemorySecretStore
from features.steps.chat import Chat
from features.steps.common_steps import quoted
from features.steps.flow_sketch import FlowSketch, says_message

scenarios("webhooks.feature")

WEATHER = "https://weather.example.org/v2/today"
KEY_NAME = "weather_key"
KEY_REFERENCE = "Bearer {{secret:weather_key}}"
KEY_VALUE = "wk-3b9f-do-not-leak"


def _weather_flow(chat: Chat, fallback: str | None = None) -> None:
    content: dict[str, Any] = {
        "url": WEATHER + "?city={{temp.city}}",
        "method": "POST",
        "headers": {"Authorization": KEY_REFERENCE},
        "body": {"city": "{{temp.city}}", "units": "metric"},
        "response_mapping": {"temp.sky": "$.forecast.sky"},
        "timeout": 10,
        "retry": {"attempts": 2, "delay": 1},
    }
    if fallback is not None:
        content["fallback_response"] = {"forecast": {"sky": fallback}}
    sketch = FlowSketch("Weather")
    call = sketch.then("webhook", content)
    if fallback is None:
        sketch.open_ends = [(call, "success")]
    # With a stand-in answer the editor lets the flow go on the same way whatever happens.
    sketch.says("It is {{temp.sky}} in {{temp.city}} today.")
    if fallback is None:
        sketch.branch(call, "error", "message", says_message("The weather service is not answering, so take an umbrella!"))
    chat.publish(sketch)


def _url(city: str) -> str:
    return f"{WEATHER}?city={city}"


@given("a published flow that asks the weather service about the child's city")
def weather_flow(chat: Chat) -> None:
    _weather_flow(chat)


@given(quoted('a published flow that asks the weather service about the child\'s city, with "{text}" as a stand-in answer'))
def weather_flow_with_fallback(chat: Chat, text: str) -> None:
    _weather_flow(chat, fallback=text)


@given(quoted('the weather service says it is "{text}" in "{other}"'))
def weather_answers(chat: Chat, text: str, other: str) -> None:
    chat.world.webhooks.answer("POST", _url(other), {"city": other, "forecast": {"sky": text, "high": 19}})


@given("the weather service answers with an error")
def weather_errors(chat: Chat) -> None:
    chat.world.webhooks.answer("POST", _url("Christchurch"), {"detail": "internal error"}, status=500)


@given("the weather service does not answer in time")
def weather_times_out(chat: Chat) -> None:
    chat.world.webhooks.fail("POST", _url("Christchurch"), "timed out after 10 s")


@given("the weather service cannot be reached")
def weather_unreachable(chat: Chat) -> None:
    """Nothing is scripted: the fake fails every call like an unreachable host."""


@given("the secret store holds the weather service key", target_fixture="secrets")
def key_stored() -> InMemorySecretStore:
    return InMemorySecretStore({KEY_NAME: KEY_VALUE})


@when(quoted('a child in "{text}" starts chatting'))
def child_in_city(chat: Chat, text: str) -> None:
    chat.start({"temp": {"city": text}})


@then(quoted('the weather service was asked about "{text}"'))
def asked_about(chat: Chat, text: str) -> None:
    [call] = chat.world.webhooks.calls
    assert call.url == _url(text)
    assert call.body == {"city": text, "units": "metric"}


@then(parsers.re(r"the call may take (?P<seconds>\d+) seconds and is tried up to (?P<attempts>\d+) more times$"))
def call_limits(chat: Chat, seconds: str, attempts: str) -> None:
    [call] = chat.world.webhooks.calls
    assert call.timeout_seconds == float(seconds)
    assert call.retry_attempts == int(attempts)


@then("Huey remembers nothing about the sky")
def no_sky(chat: Chat) -> None:
    assert chat.remembered("temp.sky") is None


@then("the call Huey hands over names the weather service key without holding it")
def key_referenced(chat: Chat) -> None:
    [call] = chat.world.webhooks.calls
    assert call.headers["Authorization"] == KEY_REFERENCE
    assert KEY_VALUE not in json.dumps([call.url, dict(call.headers), call.body])


@then("the weather service key appears nowhere in the conversation's state, history or replies")
def key_not_kept(chat: Chat, secrets: InMemorySecretStore) -> None:
    assert chat.run(secrets.get(KEY_NAME)) == KEY_VALUE, "the store should hold the key"
    kept = json.dumps(
        {
            "state": chat.state,
            "history": chat.history(),
            "replies": [reply.messages for reply in chat.replies],
        },
        default=str,
    )
    assert KEY_VALUE not in kept
    assert "secret:" not in json.dumps(chat.state), "not even the reference belongs in the state"
