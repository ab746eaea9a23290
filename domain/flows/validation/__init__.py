"""Flow validation: content schemas, CEL business rules and graph checks, one report.

``validate_flow(graph, engine, known_flows)`` is the entry point; publishing refuses a flow
whose report holds an ERROR.
"""

from domain.flows.validation.report import Finding, Severity, ValidationReport
from domain.flows.validation.rules import DEFAULT_RULES, Rule
from domain.flows.validation.validator import validate_flow

__all__ = ["DEFAULT_RULES", "Finding", "Rule", "Severity", "ValidationReport", "validate_flow"]
