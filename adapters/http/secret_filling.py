"""Filling ``{{secret:name}}`` references at call time, and keeping the values out of results.

The values exist only inside one call: filled into the wire request, then scrubbed from every
string the call hands back (errors, and the response body too, since a service may echo a
header back). Scrubbing is by value, so it also catches a secret that reaches an error message
through a library's wording.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Mapping

from domain.conversation.requests import HttpOutcome
from domain.expressions.templates import fill_secrets, secret_names

REDACTED = "[redacted]"


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value (keys and items)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)


def map_strings(value: Any, change: Callable[[str], str]) -> Any:
    """A copy of a JSON-like value with ``change`` applied to every string in it."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, Mapping):
        return {map_strings(key, change): map_strings(item, change) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [map_strings(item, change) for item in value]
    return value


def names_referenced(*values: Any) -> list[str]:
    """The secret names referenced anywhere in the values, each once, in order of appearance."""
    names: dict[str, None] = {}
    for value in values:
        for text in strings_in(value):
            if "secret:" in text:
                names.update(dict.fromkeys(secret_names(text)))
    return list(names)


def filler(secrets: Mapping[str, str]) -> Callable[[str], str]:
    def fill(text: str) -> str:
        return fill_secrets(text, secrets) if "secret:" in text else text

    return fill


class Redactor:
    """Replaces known secret values with a marker in any text or JSON-like value."""

    def __init__(self, values: Iterable[str]) -> None:
        # Longest first, so a secret containing another is replaced whole.
        self._values = sorted({value for value in values if value}, key=len, reverse=True)

    def text(self, text: str) -> str:
        for value in self._values:
            if value in text:
                text = text.replace(value, REDACTED)
        return text

    def outcome(self, outcome: HttpOutcome) -> HttpOutcome:
        if not self._values:
            return outcome
        return HttpOutcome(
            ok=outcome.ok,
            status=outcome.status,
            body=map_strings(outcome.body, self.text),
            error=self.text(outcome.error) if outcome.error is not None else None,
        )
