"""The variable templating language of flow content.

Three spellings of one idea: ``{{ scope.path }}`` (spaces allowed), ``${scope.path}`` and the
seeds' single-brace ``{scope.path}`` (only when the path starts with a known scope, so ordinary
braces in text are left alone). ``{{secret:name}}`` references are never resolved here: they stay
in the rendered text for the outbound HTTP adapter to fill at call time, so a secret is never
stored or logged.

A value that is exactly one template keeps its type (``"{{temp.age}}"`` → ``9``, not ``"9"``);
a missing variable renders as empty text inside a string and as None as a whole value. Rendered
values are data: user input is never evaluated again as a template.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Mapping

from domain.conversation.paths import ALL_SCOPES

Lookup = Callable[[str], Any]

_SCOPE_ALT = "|".join(ALL_SCOPES)
_PATH = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[\d+\])*"
_TEMPLATE = re.compile(
    r"\{\{\s*(?P<double>secret:[A-Za-z0-9_.\-/]+|" + _PATH + r")\s*\}\}"
    r"|\$\{\s*(?P<dollar>" + _PATH + r")\s*\}"
    r"|(?<![{$])\{(?P<single>secret:[A-Za-z0-9_.\-/]+|(?:" + _SCOPE_ALT + r")(?:\.[A-Za-z0-9_]+|\[\d+\])+)\}(?!\})"
)
SECRET_PREFIX = "secret:"


def render_text(template: str, lookup: Lookup) -> str:
    """Every template in ``template`` replaced by its value as text."""
    if "{" not in template:
        return template
    return _TEMPLATE.sub(lambda match: _as_text(match, lookup), template)


def render_value(value: Any, lookup: Lookup) -> Any:
    """Render strings inside any JSON-like value; a lone template keeps its value's type."""
    if isinstance(value, str):
        whole = _TEMPLATE.fullmatch(value.strip())
        if whole and not _is_secret(whole):
            return lookup(_path_of(whole))
        return render_text(value, lookup)
    if isinstance(value, Mapping):
        return {key: render_value(item, lookup) for key, item in value.items()}
    if isinstance(value, list):
        return [render_value(item, lookup) for item in value]
    return value


def referenced_paths(template: str) -> list[str]:
    """The variable paths a template reads (secrets excluded), for validation."""
    return [_path_of(m) for m in _TEMPLATE.finditer(template) if not _is_secret(m)]


def secret_names(text: str) -> list[str]:
    return [_path_of(m)[len(SECRET_PREFIX):] for m in _TEMPLATE.finditer(text) if _is_secret(m)]


def fill_secrets(text: str, secrets: Mapping[str, str]) -> str:
    """Replace secret references with their values (called only by outbound adapters)."""

    def replace(match: re.Match[str]) -> str:
        if not _is_secret(match):
            return match.group(0)
        return secrets.get(_path_of(match)[len(SECRET_PREFIX):], "")

    return _TEMPLATE.sub(replace, text)


def _path_of(match: re.Match[str]) -> str:
    return match.group("double") or match.group("dollar") or match.group("single")


def _is_secret(match: re.Match[str]) -> bool:
    return _path_of(match).startswith(SECRET_PREFIX)


def _as_text(match: re.Match[str], lookup: Lookup) -> str:
    if _is_secret(match):
        return match.group(0)
    return to_text(lookup(_path_of(match)))


def to_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
