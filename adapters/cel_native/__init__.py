"""The CEL expression engine on the Rust-backed ``common-expression-language`` package."""

from adapters.cel_native.engine import NativeCelExpressionEngine

__all__ = ["NativeCelExpressionEngine"]
