"""Facts: values computed in Python that the CEL business rules read as ``facts.*``.

CEL cannot parse URLs, compile regular expressions or count duplicates, so those answers are
worked out here and the rules stay one-line comparisons. Every fact a rule may read is always
present (a missing key is an evaluation error in CEL); numbers the rules compare are doubles or
ints consistently, never mixed, so no engine needs to coerce.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Mapping

from domain.flows.node import Node, NodeType
from domain.flows.validation.url_facts import url_facts

VARIABLE_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_.]*$")
WRITABLE_SCOPES = frozenset({"user", "context", "temp", "variables", "local", "output", "input"})
READ_ONLY_SCOPES = frozenset({"session", "system"})
CHOICE_INPUTS = frozenset({"choice", "multiple_choice", "image_choice", "carousel"})
# `system.` as a name, not inside a longer identifier such as `ecosystem.` or `temp.system.`.
_SYSTEM_REFERENCE = re.compile(r"(?<![\w.])system\s*\.")
# Quoted CEL string literals, removed before looking for names: 'system.x' is just text.
_STRING_LITERAL = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")


def node_facts(node: Node) -> dict[str, Any]:
    """Facts about a node whose content passed its schema."""
    builder = _NODE_FACTS.get(node.type)
    return builder(node.content) if builder else {}


def variable_facts(name: str) -> dict[str, Any]:
    scope = name.split(".", 1)[0] if "." in name else ""
    return {
        "name": name,
        "matches_pattern": bool(VARIABLE_NAME.match(name)),
        "scope": scope,
        "has_known_scope": scope in WRITABLE_SCOPES,
        "scope_is_read_only": scope in READ_ONLY_SCOPES,
    }


def expression_facts(expression: str, origin: str) -> dict[str, Any]:
    return {
        "origin": origin,
        "length": len(expression),
        "references_system": bool(_SYSTEM_REFERENCE.search(_STRING_LITERAL.sub("''", expression))),
    }


def _webhook(content: Mapping[str, Any]) -> dict[str, Any]:
    timeout = content.get("timeout")
    return {
        **url_facts(content["url"]),
        "has_timeout": timeout is not None,
        "timeout_seconds": float(timeout) if timeout is not None else 0.0,
    }


def _question(content: Mapping[str, Any]) -> dict[str, Any]:
    options = content.get("options") or []
    validation = content.get("validation") or {}
    pattern = validation.get("pattern")
    values = [str(o.get("value", o.get("label", o.get("text")))) for o in options]
    return {
        "input_type": content.get("input_type", "text"),
        "is_choice": content.get("input_type", "text") in CHOICE_INPUTS,
        "is_random": content.get("source") == "random",
        # Options drawn at random or taken from a library question's answers are not on the node.
        "options_elsewhere": content.get("source") == "random" or _asks_library_question(content),
        "option_count": len(options),
        "duplicate_option_values": sorted(v for v, n in Counter(values).items() if n > 1),
        "has_pattern": pattern is not None,
        "pattern_is_valid": pattern is None or _compiles(pattern),
        "range_is_inverted": _inverted(validation.get("min"), validation.get("max")),
        "length_is_inverted": _inverted(validation.get("min_length"), validation.get("max_length")),
    }


def _asks_library_question(content: Mapping[str, Any]) -> bool:
    question = content.get("question")
    return isinstance(question, Mapping) and bool(question.get("content_id"))


def _message(content: Mapping[str, Any]) -> dict[str, Any]:
    return {"message_count": len(content.get("messages") or []), "has_text": bool(content.get("text"))}


def _script(content: Mapping[str, Any]) -> dict[str, Any]:
    dependencies = content.get("dependencies") or []
    return {"insecure_dependencies": [d for d in dependencies if not d.lower().startswith("https://")]}


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def _inverted(low: Any, high: Any) -> bool:
    return low is not None and high is not None and low > high


_NODE_FACTS = {
    NodeType.WEBHOOK: _webhook,
    NodeType.QUESTION: _question,
    NodeType.MESSAGE: _message,
    NodeType.SCRIPT: _script,
}
