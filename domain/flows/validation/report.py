"""The one result type of flow validation: findings with a severity, a stable code and a field path.

Every check (content schemas, CEL business rules, graph checks) speaks this vocabulary, so the
editor, the CLI and the publish use case read one shape. A report is *valid* when it holds no
ERROR; WARNINGs and INFOs never block publishing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Iterable

from domain.errors import FieldError


class Severity(StrEnum):
    ERROR = "error"  # blocks publishing: the flow would fail or misbehave at run time
    WARNING = "warning"  # publishable, but probably a mistake worth reviewing
    INFO = "info"  # guidance: how the engine will interpret something implicit


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. ``field`` is a path such as ``nodes[ask_age].content.options[0].label``."""

    severity: Severity
    code: str
    field: str
    message: str
    suggested_fix: str | None = None
    node_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "suggested_fix": self.suggested_fix,
            "node_id": self.node_id,
        }


@dataclass(frozen=True, slots=True)
class ValidationReport:
    findings: tuple[Finding, ...] = ()

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> ValidationReport:
        return cls(findings=tuple(findings))

    @property
    def is_valid(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        return self._of(Severity.INFO)

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def field_errors(self) -> list[FieldError]:
        """The ERRORs as ``FieldError``s, for raising ``ValidationFailed`` when publishing."""
        return [FieldError(f.field, f"{f.code}: {f.message}") for f in self.errors]

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.is_valid,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "info_count": len(self.infos),
            "findings": [f.to_dict() for f in self.findings],
        }

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)
