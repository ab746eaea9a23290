"""The guard in features/steps/support.py: a bare ``async def`` step fails its scenario."""

from __future__ import annotations

import pytest

FEATURE = """\
Feature: Guard
  Scenario: One step
    Given a prepared thing
"""

INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"
CONFTEST = "from features.steps.support import pytest_bdd_before_step_call, run  # noqa: F401\n"


def _steps(definition: str) -> str:
    return (
        "from pytest_bdd import given, scenarios\n"
        "scenarios('guard.feature')\n"
        "@given('a prepared thing')\n"
        f"{definition}\n"
        "    pass\n"
    )


def test_a_bare_async_step_fails_the_run(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", guard=FEATURE)
    pytester.makeconftest(CONFTEST)
    pytester.makeini(INI)
    pytester.makepyfile(test_guard=_steps("async def prepared():"))

    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*is an async def*"])


def test_a_plain_step_runs_as_usual(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", guard=FEATURE)
    pytester.makeconftest(CONFTEST)
    pytester.makeini(INI)
    pytester.makepyfile(test_guard=_steps("def prepared():"))

    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)
