"""The Huey Bookbot runs the reference conversation on the memory adapters.

Same inputs as ``reference-transcript-huey.json``; the same question nodes in the same order,
the same profile shape, and none of the recorded defects (leaked action messages, several
revisions per turn).
"""

from __future__ import annotations

import asyncio

from application.use_cases.interact import Interact
from application.use_cases.start_session import StartSession
from tests import shared_fixtures
from tests.world import MemoryWorld

# The seed whose draws offer the transcript's three preference questions in its order.
TRANSCRIPT_SEED = 2


def _transcript_inputs() -> tuple[dict, list[dict]]:
    steps = shared_fixtures.reference_transcript()["steps"]
    return steps[0], steps[1:]


def _run_reference() -> tuple[list[dict], dict, list[dict]]:
    async def run() -> tuple[list[dict], dict, list[dict]]:
        world = MemoryWorld(seed=TRANSCRIPT_SEED)
        flow_id = await world.load_huey()
        start_step, turns = _transcript_inputs()
        started = await world.start(
            StartSession(flow=str(flow_id), initial_state=start_step["request"]["json"]["initial_state"])
        )
        replies = []
        for step in turns:
            body = step["request"]["json"]
            result = await world.interact(Interact(started.session.token, body["input"], body.get("input_type")))
            replies.append(dict(result.reply))
        from_store = world.store.sessions[started.session.id]
        return replies, {"state": from_store.state, "status": from_store.status, "revision": from_store.revision}, turns

    return asyncio.run(run())


def test_the_reference_conversation_visits_the_same_questions_in_order() -> None:
    replies, _, turns = _run_reference()
    expected = [step["response"]["current_node_id"] for step in turns]
    assert [reply["current_node_id"] for reply in replies] == expected


def test_the_conversation_ends_when_the_child_says_done() -> None:
    replies, final, _ = _run_reference()
    assert replies[-1]["session_ended"] is True
    assert replies[-1]["input_request"] is None
    assert final["status"] == "completed"


def test_the_hue_profile_has_the_reference_shape() -> None:
    _, final, _ = _run_reference()
    user = final["state"]["user"]
    reference_user = shared_fixtures.reference_transcript()["final_session"]["response"]["state"]["user"]
    assert set(user) == set(reference_user)
    assert all(isinstance(weight, float) for weight in user["hue_profile"].values())
    assert len(user["hue_keys"]) == 5 and set(user["hue_keys"]) <= set(user["hue_profile"])
    # The reference mutated earlier answers into later ones; each answer counts once here.
    assert user["hue_profile"] == {
        "hue01_dark_suspense": 0.8,
        "hue06_dark_gritty": 0.5,
        "hue08_charming_courageous": 0.8,
        "hue10_inspiring": 0.5,
        "hue05_funny_comic": 0.8,
        "hue07_silly_charming": 0.6,
    }
    assert user["reading_ability_keys"] == ["TREEHOUSE"]
    assert user["age_number"] == 9


def test_internal_action_results_never_reach_the_child() -> None:
    replies, _, _ = _run_reference()
    assert all(message["type"] != "action" for reply in replies for message in reply["messages"])


def test_each_turn_moves_the_revision_by_exactly_one() -> None:
    replies, final, _ = _run_reference()
    assert [reply["revision"] for reply in replies] == list(range(2, 2 + len(replies)))
    assert final["revision"] == 1 + len(replies)


def test_messages_have_the_reference_shapes() -> None:
    replies, _, turns = _run_reference()
    searching = replies[6]
    assert searching["wait_for_acknowledgment"] is True
    assert searching["input_request"]["input_type"] == "continue"
    texts = [m["content"]["text"] for m in searching["messages"] if m["type"] == "text"]
    assert texts == ["Good choices! 🤩", "OK, I'm looking for books you'll love..."]
    image = next(m for m in searching["messages"] if m["type"] == "image")
    assert set(image["content"]) == {"url", "alt"}
    choice = replies[0]["input_request"]
    assert set(choice) >= {"input_type", "variable", "options", "question"}
    assert choice["question"] == turns[0]["response"]["input_request"]["question"]
