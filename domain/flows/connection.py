"""An edge of a flow graph, and the vocabulary of edge kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

DEFAULT = "default"
SUCCESS = "success"
FAILURE = "failure"
ERROR = "error"
COMPLETE = "complete"

_NAMED_KINDS = frozenset({DEFAULT, SUCCESS, FAILURE, ERROR, COMPLETE})
# "$0".."$N" are branch outputs (conditions); "option_N" are per-option outputs of a question.
_INDEXED_KIND = re.compile(r"^(\$\d+|option_\d+)$")


def is_known_kind(kind: str) -> bool:
    return kind in _NAMED_KINDS or bool(_INDEXED_KIND.match(kind))


@dataclass(frozen=True, slots=True)
class Connection:
    """``source`` leads to ``target`` along ``kind``; ``conditions`` may guard the edge."""

    source: str
    target: str
    kind: str = DEFAULT
    conditions: Mapping[str, Any] = field(default_factory=dict)
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_guarded(self) -> bool:
        return bool(self.conditions)
