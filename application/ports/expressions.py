"""Port: evaluate CEL expressions (re-exported from the domain, which calls it mid-walk)."""

from domain.expressions.engine import ExpressionEngine

__all__ = ["ExpressionEngine"]
