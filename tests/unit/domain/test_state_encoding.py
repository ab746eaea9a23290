"""A state's canonical bytes: what its size limit and its hash are measured on."""

from __future__ import annotations

import json
from datetime import date
from uuid import UUID

import pytest

from domain.conversation.client_state import check_size
from domain.conversation.session import MAX_STATE_BYTES, encode_state, state_hash
from domain.errors import ValidationFailed


def test_keys_are_sorted_at_every_depth_with_no_spaces() -> None:
    assert encode_state({"b": {"z": 1, "a": [True, None]}, "a": "x"}) == b'{"a":"x","b":{"a":[true,null],"z":1}}'


def test_text_stays_utf8_rather_than_escaped() -> None:
    assert encode_state({"user": {"name": "Zoë 🦉"}}) == '{"user":{"name":"Zoë 🦉"}}'.encode("utf-8")


def test_values_json_cannot_hold_become_their_text() -> None:
    school = UUID("0f0e0d0c-0b0a-0908-0706-050403020100")
    encoded = encode_state({"context": {"school": school, "day": date(2026, 11, 27)}})
    assert json.loads(encoded) == {"context": {"day": "2026-11-27", "school": str(school)}}


def test_integers_beyond_64_bits_are_kept_exactly() -> None:
    huge = 2**70 + 1
    assert json.loads(encode_state({"temp": {"n": huge}, "a": 1})) == {"a": 1, "temp": {"n": huge}}
    assert encode_state({"temp": {"n": huge}, "a": 1}).startswith(b'{"a":1,')


def test_equal_states_hash_alike_whatever_their_key_order() -> None:
    assert state_hash({"x": {"b": 2, "a": 1}}) == state_hash({"x": {"a": 1, "b": 2}})


def test_a_state_over_the_limit_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_size({"temp": {"blob": "x" * MAX_STATE_BYTES}}, "initial_state")
    assert refused.value.errors[0].field == "initial_state"


def test_a_state_within_the_limit_returns_the_bytes_it_measured() -> None:
    assert check_size({"a": 1}, "input") == b'{"a":1}'
