"""Steps for huey_bookbot.feature: the four real Huey flows and the demo school's content."""

from __future__ import annotations

from pytest_bdd import given, scenarios, then, when

from features.steps.chat import Chat
from features.steps.common_steps import child_at_school_starts, demo_school, quoted

scenarios("huey_bookbot.feature")

BOOKBOT = "Huey Bookbot"
PICTURE_QUESTIONS = 3


@given(quoted('the Huey Bookbot is published for "{name}"'))
def huey_published(chat: Chat, name: str) -> None:
    demo_school(name)
    chat.flows[BOOKBOT] = chat.run(chat.world.load_huey())
    chat.flow_name = BOOKBOT


@given(quoted('the school library recommends "{text}"'))
def library_recommends(chat: Chat, text: str) -> None:
    books = [{"isbn": "9780316381994", "title": text}]
    chat.world.api.answer("POST", "/v1/recommend", {"books": books, "count": len(books)})


@when(quoted('a child at "{name}" has chatted up to the book search'))
def child_reaches_search(chat: Chat, name: str) -> None:
    child_at_school_starts(chat, name)
    for answer in ("hello", "yes", "9", "The 13-Storey Treehouse"):
        chat.answer(answer)
    pick_three_pictures(chat)
    assert chat.last.wait_for_acknowledgment, "Huey did not reach the book search"


@when("the child says they are 9")
def child_is_nine(chat: Chat) -> None:
    chat.answer("9")


@then(quoted('Huey offers "{text}" to tap'))
def offers(chat: Chat, text: str) -> None:
    request = chat.last.input_request or {}
    assert text in [option.get("label") for option in request.get("options") or []], request


@then("Huey shows pictures to choose from")
def shows_pictures(chat: Chat) -> None:
    request = chat.last.input_request
    assert request is not None and request["input_type"] == "image_choice", request
    assert len(request["options"]) >= 2
    assert all(option.get("image_url") for option in request["options"])


@when("the child picks the first picture of each of the three picture questions", target_fixture="shown")
def pick_three_pictures(chat: Chat) -> list[str]:
    shown = []
    for _ in range(PICTURE_QUESTIONS):
        request = chat.last.input_request
        assert request is not None and request["input_type"] == "image_choice", request
        shown.append(request["question"]["id"])
        chat.answer(request["options"][0]["label"])
    return shown


@then("no picture question was shown twice")
def no_repeats(shown: list[str]) -> None:
    assert len(shown) == PICTURE_QUESTIONS
    assert len(set(shown)) == PICTURE_QUESTIONS, shown


@then(quoted('Huey remembers the child is 9 and reads at the "{text}" level'))
def remembers_age_and_level(chat: Chat, text: str) -> None:
    assert chat.remembered("user.age_number") == 9
    assert isinstance(chat.remembered("user.age_number"), int)
    assert chat.remembered("user.reading_ability_keys") == [text]


@then("Huey remembers the child's five strongest story preferences from their pictures")
def remembers_preferences(chat: Chat) -> None:
    profile = chat.remembered("user.hue_profile")
    keys = chat.remembered("user.hue_keys")
    assert isinstance(profile, dict) and profile, profile
    assert len(keys) == 5 and set(keys) <= set(profile), keys
    weights = [profile[key] for key in keys]
    assert weights == sorted(weights, reverse=True), "the strongest preferences come first"
    assert min(weights) >= max((v for k, v in profile.items() if k not in keys), default=0)


@then(quoted('the library was asked for books for a 9-year-old who reads at the "{text}" level'))
def library_asked(chat: Chat, text: str) -> None:
    call = chat.world.api.calls[0]
    assert call.body["age"] == 9
    assert call.body["reading_abilities"] == [text]
    assert call.body["hues"] == chat.remembered("user.hue_keys")
