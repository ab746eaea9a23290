"""Checking a user's answer against the waiting question and turning it into the stored value.

Choice answers match an option's value, label or text and store the whole option object, so a
later ``{{temp.age_selection.age_number}}`` reads the option's extra fields. Every refusal is an
``AnswerRejected`` naming the ``input`` field, with the question's own error message when it has
one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Mapping, Sequence

from domain.errors import AnswerRejected, FieldError

CHOICE_TYPES = frozenset({"choice", "image_choice", "carousel", "button", "buttons"})
MAX_TEXT_LENGTH = 4000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-.]{6,20}$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def accept(raw: Any, input_type: str, options: Sequence[Mapping[str, Any]], rules: Mapping[str, Any]) -> Any:
    """The value to store for ``raw``, or AnswerRejected."""
    custom = rules.get("error_message")
    if _is_blank(raw):
        if rules.get("required", True):
            raise _rejected(custom or "Please give an answer.")
        return None
    if input_type in CHOICE_TYPES:
        return _choose(raw, options, custom)
    if input_type == "multiple_choice":
        return _choose_many(raw, options, rules, custom)
    if input_type in ("number", "slider"):
        return _number(raw, rules, custom)
    text = _text(raw)
    if input_type == "email" and not _EMAIL.match(text):
        raise _rejected(custom or "Please enter a valid email address.")
    if input_type == "phone" and not _PHONE.match(text):
        raise _rejected(custom or "Please enter a valid phone number.")
    if input_type == "url" and not _URL.match(text):
        raise _rejected(custom or "Please enter a web address starting with http:// or https://.")
    if input_type == "date":
        return _date(text, custom)
    _check_text(text, rules, custom)
    return text


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def _rejected(message: str) -> AnswerRejected:
    return AnswerRejected(message, [FieldError("input", message)])


def _text(raw: Any) -> str:
    if isinstance(raw, Mapping):
        raw = raw.get("value", "")
    return str(raw).strip()


def option_index(raw: Any, options: Sequence[Mapping[str, Any]]) -> int | None:
    wanted = _text(raw)
    for field in ("value", "label", "text"):
        for index, option in enumerate(options):
            if field in option and str(option[field]) == wanted:
                return index
    folded = wanted.casefold()
    for index, option in enumerate(options):
        if any(str(option.get(f, "")).casefold() == folded for f in ("value", "label", "text")):
            return index
    return None


def _choose(raw: Any, options: Sequence[Mapping[str, Any]], custom: str | None) -> dict[str, Any]:
    index = option_index(raw, options)
    if index is None:
        raise _rejected(custom or "Please choose one of the options.")
    return dict(options[index])


def _choose_many(
    raw: Any, options: Sequence[Mapping[str, Any]], rules: Mapping[str, Any], custom: str | None
) -> list[dict[str, Any]]:
    answers = raw if isinstance(raw, list) else [part for part in str(raw).split(",") if part.strip()]
    chosen = [_choose(answer, options, custom) for answer in answers]
    low, high = rules.get("min_length", rules.get("min")), rules.get("max_length", rules.get("max"))
    if low is not None and len(chosen) < int(low):
        raise _rejected(custom or f"Please choose at least {low}.")
    if high is not None and len(chosen) > int(high):
        raise _rejected(custom or f"Please choose at most {high}.")
    return chosen


def _number(raw: Any, rules: Mapping[str, Any], custom: str | None) -> int | float:
    if isinstance(raw, bool):
        raise _rejected(custom or "Please enter a number.")
    try:
        number = float(_text(raw)) if not isinstance(raw, (int, float)) else raw
    except ValueError:
        raise _rejected(custom or "Please enter a number.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _rejected(custom or "Please enter a number.")
    value: int | float = int(number) if float(number).is_integer() else float(number)
    if rules.get("min") is not None and value < rules["min"]:
        raise _rejected(custom or f"Please enter a number of at least {rules['min']}.")
    if rules.get("max") is not None and value > rules["max"]:
        raise _rejected(custom or f"Please enter a number no bigger than {rules['max']}.")
    return value


def _date(text: str, custom: str | None) -> str:
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise _rejected(custom or "Please enter a date like 2024-05-31.") from None


def _check_text(text: str, rules: Mapping[str, Any], custom: str | None) -> None:
    longest = int(rules.get("max_length") or MAX_TEXT_LENGTH)
    if len(text) > min(longest, MAX_TEXT_LENGTH):
        raise _rejected(custom or f"Please keep it under {min(longest, MAX_TEXT_LENGTH)} characters.")
    if rules.get("min_length") and len(text) < int(rules["min_length"]):
        raise _rejected(custom or f"Please write at least {rules['min_length']} characters.")
    pattern = rules.get("pattern")
    if pattern:
        try:
            matched = re.search(str(pattern), text)
        except re.error:
            return  # a broken pattern is an authoring error that publishing reports; accept
        if not matched:
            raise _rejected(custom or "That doesn't look right. Please try again.")
