"""Gherkin specs: the async step helper and the guard against bare async steps.

Importing them here registers ``run`` as a fixture and the guard as a pytest-bdd hook for
every scenario under ``features/``.
"""

from __future__ import annotations

from features.steps.support import pytest_bdd_before_step_call, run

__all__ = ["pytest_bdd_before_step_call", "run"]
