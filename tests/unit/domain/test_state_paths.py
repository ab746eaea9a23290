"""Reading and writing state by path, scopes and frames."""

from __future__ import annotations

import pytest

from domain.conversation.paths import parse_path, qualified
from domain.conversation.session import state_hash
from domain.conversation.state import SessionState


def test_names_without_a_scope_live_in_temp() -> None:
    assert parse_path("answer") == ("temp", ("answer",))
    assert qualified("answer.value") == "temp.answer.value"


def test_set_creates_the_route_and_get_reads_it_back() -> None:
    state = SessionState()
    state.set("user.profile.books[1]", "Dog Man")
    assert state.get("user.profile.books") == [None, "Dog Man"]
    assert state.get("user.profile.missing.deeper", "fallback") == "fallback"


def test_delete_removes_only_the_named_leaf() -> None:
    state = SessionState({"temp": {"a": 1, "b": 2}})
    state.delete("temp.a")
    assert state.data["temp"] == {"b": 2}


def test_frame_scopes_belong_to_the_innermost_composite() -> None:
    state = SessionState({"system": {"frames": [{"input": {"age": 9}, "output": {}, "local": {}}]}})
    assert state.get("input.age") == 9
    state.set("local.scratch", 1)
    assert state.frames[-1]["local"] == {"scratch": 1}
    assert "local" not in state.data


def test_a_whole_scope_cannot_be_replaced() -> None:
    with pytest.raises(ValueError):
        SessionState().set("user", {"x": 1})


def test_state_hash_is_44_characters_and_ignores_key_order() -> None:
    first = state_hash({"a": 1, "b": [1, 2]})
    assert len(first) == 44
    assert first == state_hash({"b": [1, 2], "a": 1})
    assert first != state_hash({"a": 2, "b": [1, 2]})
