"""Answers are checked by input type; refusals name the input field."""

from __future__ import annotations

import pytest

from domain.conversation.answers import accept
from domain.errors import AnswerRejected

OPTIONS = [{"label": "Nine", "value": "9", "age_number": 9}, {"label": "Ten", "value": "10", "age_number": 10}]


@pytest.mark.parametrize("given", ["9", "Nine", "nine", {"value": "9"}])
def test_a_choice_matches_value_or_label_and_stores_the_whole_option(given: object) -> None:
    assert accept(given, "choice", OPTIONS, {}) == OPTIONS[0]


def test_a_choice_that_is_not_offered_is_refused() -> None:
    with pytest.raises(AnswerRejected) as refused:
        accept("11", "choice", OPTIONS, {})
    assert refused.value.errors[0].field == "input"


def test_multiple_choice_accepts_a_list_or_comma_separated_text() -> None:
    assert accept(["9", "Ten"], "multiple_choice", OPTIONS, {}) == OPTIONS
    assert accept("9,10", "multiple_choice", OPTIONS, {}) == OPTIONS


@pytest.mark.parametrize(
    ("input_type", "given", "rules", "expected"),
    [
        ("number", "12", {"min": 5, "max": 13}, 12),
        ("number", "2.5", {}, 2.5),
        ("slider", 7, {"min": 0, "max": 10}, 7),
        ("email", "reader@school.test", {}, "reader@school.test"),
        ("phone", "+64 21 555 0101", {}, "+64 21 555 0101"),
        ("url", "https://books.example/list", {}, "https://books.example/list"),
        ("date", "2025-03-01", {}, "2025-03-01"),
        ("text", "Ava", {"pattern": "^[A-Za-z ]{2,50}$"}, "Ava"),
    ],
)
def test_valid_answers_are_stored_in_their_type(input_type: str, given: object, rules: dict, expected: object) -> None:
    assert accept(given, input_type, [], rules) == expected


@pytest.mark.parametrize(
    ("input_type", "given", "rules"),
    [
        ("number", "twelve", {}),
        ("number", "14", {"max": 13}),
        ("number", "nan", {}),
        ("slider", 11, {"max": 10}),
        ("email", "not-an-email", {}),
        ("phone", "call me", {}),
        ("url", "javascript:alert(1)", {}),
        ("date", "31/02/2025", {}),
        ("text", "A", {"min_length": 2}),
        ("text", "R2D2", {"pattern": "^[A-Za-z ]+$"}),
        ("text", "", {"required": True}),
    ],
)
def test_invalid_answers_are_refused(input_type: str, given: object, rules: dict) -> None:
    with pytest.raises(AnswerRejected):
        accept(given, input_type, [], rules)


def test_the_questions_own_error_message_is_used() -> None:
    with pytest.raises(AnswerRejected) as refused:
        accept("x", "number", [], {"error_message": "Numbers only, please!"})
    assert refused.value.message == "Numbers only, please!"


def test_overlong_text_is_refused_even_without_a_rule() -> None:
    with pytest.raises(AnswerRejected):
        accept("a" * 5000, "text", [], {})
