"""The report: validity, severities, JSON form and field errors for publishing."""

from __future__ import annotations

import json

import pytest

from domain.errors import FieldError
from domain.flows.validation import Finding, Severity, ValidationReport

BROKEN = Finding(Severity.ERROR, "webhook.url.local_host", "nodes[w].content.url", "Local host.", "Use HTTPS.", "w")
RISKY = Finding(Severity.WARNING, "node.unreachable", "nodes[x]", "Unreachable.", None, "x")
NOTE = Finding(Severity.INFO, "variable.scope.implicit", "nodes[q].content.variable", "Goes to temp.")


def test_a_report_with_only_warnings_and_infos_is_valid() -> None:
    report = ValidationReport.of([RISKY, NOTE])

    assert report.is_valid
    assert (report.errors, report.warnings, report.infos) == ((), (RISKY,), (NOTE,))


def test_a_report_with_an_error_is_not_valid() -> None:
    report = ValidationReport.of([NOTE, BROKEN, RISKY])

    assert not report.is_valid
    assert report.errors == (BROKEN,)


def test_a_report_is_frozen() -> None:
    with pytest.raises(AttributeError):
        ValidationReport().findings = (BROKEN,)  # type: ignore[misc]


def test_the_json_form_carries_every_finding_and_the_counts() -> None:
    data = json.loads(json.dumps(ValidationReport.of([BROKEN, RISKY, NOTE]).to_dict()))

    assert (data["valid"], data["error_count"], data["warning_count"], data["info_count"]) == (False, 1, 1, 1)
    assert data["findings"][0] == {
        "severity": "error",
        "code": "webhook.url.local_host",
        "field": "nodes[w].content.url",
        "message": "Local host.",
        "suggested_fix": "Use HTTPS.",
        "node_id": "w",
    }


def test_only_errors_become_field_errors_for_a_refused_publish() -> None:
    report = ValidationReport.of([BROKEN, RISKY])

    assert report.field_errors() == [FieldError("nodes[w].content.url", "webhook.url.local_host: Local host.")]
