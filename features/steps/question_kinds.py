"""The kinds of question the specs name in words, as question node content.

``question_content("a number between 5 and 13")`` gives the input type, options and validation
an editor would set for it. Choice kinds take their options from the phrase
("a choice of Cats, Dogs or Dragons"); every option carries a picture so picture and carousel
questions can be checked to keep it.
"""

from __future__ import annotations

import re
from typing import Any, Callable

PICTURES = "https://media.example.org/pets/"

_CHOICE_KINDS = {
    "a choice of": "choice",
    "several choices of": "multiple_choice",
    "pictures of": "image_choice",
    "a carousel of": "carousel",
}


def options_of(names: str) -> list[dict[str, Any]]:
    """``"Cats, Dogs or Dragons"`` as options with a label, a value and a picture each."""
    labels = [part.strip() for part in re.split(r",|\bor\b|\band\b", names) if part.strip()]
    return [{"label": label, "value": label, "image_url": f"{PICTURES}{label.lower()}.png"} for label in labels]


def _fixed(input_type: str, **validation: Any) -> Callable[[re.Match[str]], dict[str, Any]]:
    def build(_: re.Match[str]) -> dict[str, Any]:
        content: dict[str, Any] = {"input_type": input_type}
        if validation:
            content["validation"] = dict(validation)
        return content

    return build


_KINDS: list[tuple[str, Callable[[re.Match[str]], dict[str, Any]]]] = [
    (r"a name of at least (\d+) letters", lambda m: {"input_type": "text", "validation": {"min_length": int(m[1])}}),
    (r"an optional name", _fixed("text", required=False)),
    (
        r"a number between (\d+) and (\d+)",
        lambda m: {"input_type": "number", "validation": {"min": int(m[1]), "max": int(m[2])}},
    ),
    (r"an email address", _fixed("email")),
    (r"a phone number", _fixed("phone")),
    (r"a web address", _fixed("url")),
    (r"a date", _fixed("date")),
    # Slider bounds sit on the node itself, as the editor's slider control saves them.
    (r"a slider from (\d+) to (\d+)", lambda m: {"input_type": "slider", "min": int(m[1]), "max": int(m[2])}),
    (r"a class code like 3B", _fixed("text", pattern=r"^[0-9]{1,2}[A-Z]$")),
    (
        r"(a choice of|several choices of|pictures of|a carousel of) (.+)",
        lambda m: {"input_type": _CHOICE_KINDS[m[1]], "options": options_of(m[2])},
    ),
]


def question_content(kind: str) -> dict[str, Any]:
    for pattern, build in _KINDS:
        match = re.fullmatch(pattern, kind.strip())
        if match:
            return build(match)
    raise AssertionError(f"the specs know no question kind {kind!r}")
