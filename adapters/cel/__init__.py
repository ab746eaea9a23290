"""The CEL expression engine (cel-python) and the custom functions flows call."""

from adapters.cel.engine import CelExpressionEngine

__all__ = ["CelExpressionEngine"]
